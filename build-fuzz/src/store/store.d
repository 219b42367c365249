build-fuzz/src/store/store.o: src/store/store.c src/core/core.h \
  include/annals.h src/store/store.h

src/core/core.h:

include/annals.h:

src/store/store.h:
