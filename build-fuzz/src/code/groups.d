build-fuzz/src/code/groups.o: src/code/groups.c src/code/code_internal.h \
  src/match/dict.h include/annals.h src/core/core.h \
  src/segment/segment.h src/tabari/tabari.h

src/code/code_internal.h:

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:
