build-fuzz/src/code/patterns.o: src/code/patterns.c \
  src/code/code_internal.h src/match/dict.h include/annals.h \
  src/core/core.h src/segment/segment.h src/tabari/tabari.h

src/code/code_internal.h:

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:
