build-fuzz/src/store/sqlite.o: src/store/sqlite.c src/core/core.h \
  include/annals.h src/store/store.h

src/core/core.h:

include/annals.h:

src/store/store.h:
