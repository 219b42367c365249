build-fuzz/src/read/gzip.o: src/read/gzip.c src/read/read_internal.h \
  src/core/core.h include/annals.h

src/read/read_internal.h:

src/core/core.h:

include/annals.h:
