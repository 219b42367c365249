build-fuzz/src/extract/html_entities.o: src/extract/html_entities.c \
  src/extract/html_internal.h src/core/core.h include/annals.h

src/extract/html_internal.h:

src/core/core.h:

include/annals.h:
