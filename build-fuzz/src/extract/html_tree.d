build-fuzz/src/extract/html_tree.o: src/extract/html_tree.c \
  src/extract/html_internal.h src/core/core.h include/annals.h

src/extract/html_internal.h:

src/core/core.h:

include/annals.h:
