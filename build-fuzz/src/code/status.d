build-fuzz/src/code/status.o: src/code/status.c src/code/code_internal.h \
  src/match/dict.h include/annals.h src/core/core.h \
  src/segment/segment.h src/tabari/tabari.h

src/code/code_internal.h:

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:
