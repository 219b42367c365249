#!/usr/bin/env bash
# tests/pg/pg.sh — a throwaway PostgreSQL 15 server for the store's tests.
#   tests/pg/pg.sh start DIR   initdb into a fresh /tmp/annals-pg.* directory
#                              (named in DIR/server), start on a unix socket
#                              there, print the postgresql:// URL of "annals"
#   tests/pg/pg.sh stop DIR    stop the server and remove its directory
# Exit 3 (and a message on stderr) when PostgreSQL binaries are absent.
# PostgreSQL refuses to run as root: then the server runs as the "postgres"
# user (DIR is chowned to it) through runuser.
set -eu
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
action=${1:-}; dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  echo "PostgreSQL binaries not found in $PGBIN" >&2; exit 3
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $action in
start)
  mkdir -p "$dir"
  server=$(mktemp -d /tmp/annals-pg.XXXXXX)
  echo "$server" >"$dir/server"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "no postgres user to run the server as" >&2; exit 3; }
    chown postgres "$server"
  fi
  as_owner "$PGBIN/initdb" -D "$server/data" -U annals --auth=trust --locale=C -E UTF8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$PGBIN/pg_ctl" -D "$server/data" -l "$server/server.log" -w \
    -o "-k $server -c listen_addresses='' -c fsync=off" start >/dev/null \
    || { cat "$server/server.log" >&2; exit 1; }
  as_owner "$PGBIN/createdb" -h "$server" -U annals annals
  echo "postgresql:///annals?host=$server&user=annals"
  ;;
stop)
  [ -f "$dir/server" ] || exit 0
  server=$(cat "$dir/server")
  case $server in /tmp/annals-pg.*) ;; *) echo "odd server dir $server" >&2; exit 1 ;; esac
  as_owner "$PGBIN/pg_ctl" -D "$server/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$server" "$dir/server"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
