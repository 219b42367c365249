build-fuzz/src/segment/segment.o: src/segment/segment.c \
  src/segment/segment.h include/annals.h src/core/core.h

src/segment/segment.h:

include/annals.h:

src/core/core.h:
