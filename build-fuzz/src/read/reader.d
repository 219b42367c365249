build-fuzz/src/read/reader.o: src/read/reader.c src/read/read_internal.h \
  src/core/core.h include/annals.h

src/read/read_internal.h:

src/core/core.h:

include/annals.h:
