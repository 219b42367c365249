build-fuzz/src/read/jsonl.o: src/read/jsonl.c src/read/read_internal.h \
  src/core/core.h include/annals.h

src/read/read_internal.h:

src/core/core.h:

include/annals.h:
