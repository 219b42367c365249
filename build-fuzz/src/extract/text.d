build-fuzz/src/extract/text.o: src/extract/text.c src/core/core.h \
  include/annals.h

src/core/core.h:

include/annals.h:
