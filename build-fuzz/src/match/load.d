build-fuzz/src/match/load.o: src/match/load.c src/match/dict.h \
  include/annals.h src/core/core.h src/segment/segment.h \
  src/tabari/tabari.h

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:
