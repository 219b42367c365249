build-fuzz/src/match/dict.o: src/match/dict.c src/match/dict.h \
  include/annals.h src/core/core.h src/segment/segment.h \
  src/tabari/tabari.h

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:
