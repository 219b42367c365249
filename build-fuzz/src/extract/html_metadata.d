build-fuzz/src/extract/html_metadata.o: src/extract/html_metadata.c \
  src/extract/html_internal.h src/core/core.h include/annals.h

src/extract/html_internal.h:

src/core/core.h:

include/annals.h:
