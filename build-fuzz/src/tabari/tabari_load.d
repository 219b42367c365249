build-fuzz/src/tabari/tabari_load.o: src/tabari/tabari_load.c \
  src/tabari/tabari_internal.h src/tabari/tabari.h include/annals.h

src/tabari/tabari_internal.h:

src/tabari/tabari.h:

include/annals.h:
