#!/usr/bin/env bash
# tests/cli/install.sh — `make install PREFIX=...` gives a command, a library,
# the header and a pkg-config file a program can build against.
source "$(dirname "$0")/lib.sh"
PREFIX=$TMP/prefix
check "make install into a prefix" make -s install PREFIX="$PREFIX"
check "installed command runs" "$PREFIX/bin/annals" --version
check "installed dictionaries are there" test -f "$PREFIX/share/annals/dict/verbs.txt"
cat > "$TMP/use.c" <<'C'
#include <annals.h>
#include <stdio.h>
int main(void) {
  printf("%s\n", an_cameo_name("042"));
  return 0;
}
C
# the sanitizer run installs a sanitized library: its users link the runtime too
SANITIZE=""; case "${BUILD:-build}" in *asan*) SANITIZE="-fsanitize=address,undefined";; esac
check "a program builds against the installed library with pkg-config" bash -c "
  PKG_CONFIG_PATH='$PREFIX/lib/pkgconfig' cc $SANITIZE -o '$TMP/use' '$TMP/use.c' \$(PKG_CONFIG_PATH='$PREFIX/lib/pkgconfig' pkg-config --cflags --libs annals) &&
  LD_LIBRARY_PATH='$PREFIX/lib' '$TMP/use' | grep -qx 'Make a visit'"
check "the installed command codes with the installed dictionaries" bash -c "
  cd '$TMP' && echo 'Russia attacked Ukraine on Monday.' | '$PREFIX/bin/annals' code --date 2024-11-26 | grep -q '\"190\"'"
finish
