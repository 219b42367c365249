build-fuzz/src/emit/emit.o: src/emit/emit.c src/core/core.h \
  include/annals.h src/emit/cameo.h src/emit/emit.h

src/core/core.h:

include/annals.h:

src/emit/cameo.h:

src/emit/emit.h:
