build-fuzz/src/core/core.o: src/core/core.c src/core/core.h \
  include/annals.h

src/core/core.h:

include/annals.h:
