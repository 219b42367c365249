build-fuzz/src/store/output.o: src/store/output.c src/core/core.h \
  include/annals.h src/emit/emit.h src/store/store.h

src/core/core.h:

include/annals.h:

src/emit/emit.h:

src/store/store.h:
