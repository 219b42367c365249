build-fuzz/src/extract/html.o: src/extract/html.c \
  src/extract/html_internal.h src/core/core.h include/annals.h

src/extract/html_internal.h:

src/core/core.h:

include/annals.h:
