build-fuzz/src/read/dedup.o: src/read/dedup.c src/read/dedup.h \
  include/annals.h src/core/core.h

src/read/dedup.h:

include/annals.h:

src/core/core.h:
