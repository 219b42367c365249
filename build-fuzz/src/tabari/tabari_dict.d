build-fuzz/src/tabari/tabari_dict.o: src/tabari/tabari_dict.c \
  src/tabari/tabari_internal.h src/tabari/tabari.h include/annals.h

src/tabari/tabari_internal.h:

src/tabari/tabari.h:

include/annals.h:
