build-fuzz/src/code/coder.o: src/code/coder.c src/code/code_internal.h \
  src/match/dict.h include/annals.h src/core/core.h \
  src/segment/segment.h src/tabari/tabari.h src/resolve/dates.h

src/code/code_internal.h:

src/match/dict.h:

include/annals.h:

src/core/core.h:

src/segment/segment.h:

src/tabari/tabari.h:

src/resolve/dates.h:
