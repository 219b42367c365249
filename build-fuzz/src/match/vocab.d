build-fuzz/src/match/vocab.o: src/match/vocab.c src/match/dict.h \
  include/annals.h src/core/core.h src/segment/segment.h \
  src/tabari/tabari.h

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:
