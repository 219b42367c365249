build-fuzz/src/emit/gdelt.o: src/emit/gdelt.c src/core/core.h \
  include/annals.h src/emit/emit.h

src/core/core.h:

include/annals.h:

src/emit/emit.h:
