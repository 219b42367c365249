build-fuzz/src/read/doc.o: src/read/doc.c src/core/core.h \
  include/annals.h

src/core/core.h:

include/annals.h:
