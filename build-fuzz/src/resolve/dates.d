build-fuzz/src/resolve/dates.o: src/resolve/dates.c src/resolve/dates.h \
  include/annals.h

src/resolve/dates.h:

include/annals.h:
