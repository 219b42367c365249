build-fuzz/src/read/directory.o: src/read/directory.c \
  src/read/read_internal.h src/core/core.h include/annals.h

src/read/read_internal.h:

src/core/core.h:

include/annals.h:
