#!/bin/sh
# tests/cli/validate.sh — `annals validate` on annals' own small suites and,
# when ../shared is present, on TABARI's validation suite.
. tests/cli/lib.sh
D=tests/data/tabari
check "mini suite passes" sh -c "'$ANNALS' validate $D/mini.project | grep -q '^9 passed, 0 failed$'"
check "--all reaches the record after the end marker and fails" sh -c "'$ANNALS' validate $D/mini.project --all > '$TMP/all'; test \$? = 1 && grep -q '^FAIL MINI-11' '$TMP/all' && grep -q '^10 passed, 1 failed$' '$TMP/all'"
check "usage error exits 2" sh -c "'$ANNALS' validate >/dev/null 2>&1; test \$? = 2"
check "missing project exits 2" sh -c "'$ANNALS' validate $D/none.project >/dev/null 2>&1; test \$? = 2"
check "malformed lines are named" sh -c "'$ANNALS' validate $D/mini.project 2>&1 >/dev/null | grep -q 'mini.verbs:17: missing verb marker'"
if [ -n "$SHARED" ]; then
  check "petrarch xml suite runs" sh -c "'$ANNALS' validate $D/mini.xml --petrarch '$SHARED/peers/phoenix/dictionaries' 2>/dev/null | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'"
  check "TABARI suite >= 445" sh -c "'$ANNALS' validate '$SHARED/peers/tabari/validate/Validate.project' 2>/dev/null | tail -1 | awk '{exit !(\$1 >= 445)}'"
else
  skip "shared suites" "../shared not present"
fi
finish
