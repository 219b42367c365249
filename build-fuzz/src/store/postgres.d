build-fuzz/src/store/postgres.o: src/store/postgres.c src/core/core.h \
  include/annals.h src/store/store.h /usr/include/postgresql/libpq-fe.h \
  /usr/include/postgresql/postgres_ext.h \
  /usr/include/postgresql/pg_config_ext.h

src/core/core.h:

include/annals.h:

src/store/store.h:

/usr/include/postgresql/libpq-fe.h:

/usr/include/postgresql/postgres_ext.h:

/usr/include/postgresql/pg_config_ext.h:
