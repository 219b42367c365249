build-fuzz/src/tabari/tabari_petrarch.o: src/tabari/tabari_petrarch.c \
  src/tabari/tabari_code.h src/tabari/tabari_internal.h \
  src/tabari/tabari.h include/annals.h

src/tabari/tabari_code.h:

src/tabari/tabari_internal.h:

src/tabari/tabari.h:

include/annals.h:
