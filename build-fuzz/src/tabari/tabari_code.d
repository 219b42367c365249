build-fuzz/src/tabari/tabari_code.o: src/tabari/tabari_code.c \
  src/tabari/tabari_code.h src/tabari/tabari_internal.h \
  src/tabari/tabari.h include/annals.h

src/tabari/tabari_code.h:

src/tabari/tabari_internal.h:

src/tabari/tabari.h:

include/annals.h:
