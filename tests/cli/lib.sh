# tests/cli/lib.sh — helpers for shell tests of the annals command.
# Source it; use check NAME COMMAND... ; finish prints the closing line.
: "${ANNALS:=$PWD/annals}"
SHARED=""
for d in ../shared; do [ -f "$d/design.md" ] && SHARED=$(cd "$d" && pwd) && break; done
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cli_passed=0; cli_failed=0; cli_skipped=0
# check NAME CMD...: passes when CMD exits 0
check() { local name=$1; shift
  if ( "$@" ) >"$TMP/out" 2>&1; then cli_passed=$((cli_passed+1))
  else cli_failed=$((cli_failed+1)); echo "  FAIL $name"; sed 's/^/    /' "$TMP/out" | head -20; fi; }
skip() { cli_skipped=$((cli_skipped+1)); echo "  SKIP $1: $2"; }
finish() { if [ $cli_skipped -gt 0 ]; then echo "$cli_passed passed, $cli_failed failed, $cli_skipped skipped";
  else echo "$cli_passed passed, $cli_failed failed"; fi; [ $cli_failed = 0 ]; }
