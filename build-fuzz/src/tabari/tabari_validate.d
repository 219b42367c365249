build-fuzz/src/tabari/tabari_validate.o: src/tabari/tabari_validate.c \
  src/tabari/tabari_validate.h src/tabari/tabari.h include/annals.h \
  src/tabari/tabari_code.h src/tabari/tabari_internal.h

src/tabari/tabari_validate.h:

src/tabari/tabari.h:

include/annals.h:

src/tabari/tabari_code.h:

src/tabari/tabari_internal.h:
