build-fuzz/src/extract/html_charset.o: src/extract/html_charset.c \
  src/extract/html_internal.h src/core/core.h include/annals.h \
  /usr/include/uchardet/uchardet.h

src/extract/html_internal.h:

src/core/core.h:

include/annals.h:

/usr/include/uchardet/uchardet.h:
