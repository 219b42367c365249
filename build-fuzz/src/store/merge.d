build-fuzz/src/store/merge.o: src/store/merge.c src/core/core.h \
  include/annals.h src/store/store.h

src/core/core.h:

include/annals.h:

src/store/store.h:
