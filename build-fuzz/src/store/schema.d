build-fuzz/src/store/schema.o: src/store/schema.c src/core/core.h \
  include/annals.h src/store/store.h

src/core/core.h:

include/annals.h:

src/store/store.h:
