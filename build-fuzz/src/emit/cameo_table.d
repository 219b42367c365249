build-fuzz/src/emit/cameo_table.o: src/emit/cameo_table.c \
  src/emit/cameo.h

src/emit/cameo.h:
