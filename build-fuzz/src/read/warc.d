build-fuzz/src/read/warc.o: src/read/warc.c src/read/read_internal.h \
  src/core/core.h include/annals.h

src/read/read_internal.h:

src/core/core.h:

include/annals.h:
