#!/usr/bin/env bash
# tests/cli/ingest.sh — `annals ingest`, `query`, `export`: help, idempotence,
# a real SIGKILL in the middle of an ingest then a rerun, refused files,
# query filters and the GDELT layout.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh
DICT=${ANNALS_DICT:-$PWD/dict}

for command in ingest query export; do
  check "$command --help" bash -c "'$ANNALS' $command --help | grep -q 'usage: annals $command'"
done
check "ingest without --db is a usage error" bash -c "'$ANNALS' ingest x.txt 2>/dev/null; [ \$? = 2 ]"
check "query with a bad status is a usage error" \
  bash -c "'$ANNALS' query --db x.db --status maybe 2>/dev/null; [ \$? = 2 ]"

# A small corpus: 2000 short documents in a directory, and the articles set.
mkdir -p "$TMP/many"
awk 'BEGIN { srand(42)
  split("Russian forces|French President Emmanuel Macron|German Chancellor Olaf Scholz|Ukrainian troops|Russia|France|Germany|Ukraine", actor, "|")
  split("attacked|met|accused|visited|attacked", verb, "|")
  split("river market winter bridge council harbor railway village tower garden school border station factory island valley mountain forest museum stadium", word, " ")
  for (i = 1; i <= 2000; i++) {
    text = ""
    for (s = 0; s < 3; s++) {
      a = int(rand() * 8) + 1; b = int(rand() * 8) + 1; if (a == b) b = b % 8 + 1
      text = text actor[a] " " verb[int(rand() * 5) + 1] " " actor[b] " on Monday."
      for (w = 0; w < 8; w++) text = text " " word[int(rand() * 20) + 1]
      text = text ". "
    }
    printf "{\"url\":\"https://outlet%d.example/a%d\",\"date\":\"2024-11-%02d\",\"title\":\"Item %d\",\"text\":\"%s\"}\n", i % 9, i, i % 28 + 1, i, text
  } }' >"$TMP/many/all.jsonl"
ARTICLES=tests/data/same-events/articles.jsonl

dump() { "$ANNALS" export --db "$1" --format tsv; }
counts() { "$ANNALS" ingest --db "$1" --dict "$DICT" --quiet "${@:2}" 2>&1 | grep -o 'store: .*'; }

check "ingest twice adds nothing" bash -c "
  first=\$( $(declare -f counts); ANNALS='$ANNALS' DICT='$DICT' counts '$TMP/twice.db' '$ARTICLES')
  second=\$( $(declare -f counts); ANNALS='$ANNALS' DICT='$DICT' counts '$TMP/twice.db' '$ARTICLES')
  echo \"\$first / \$second\"; [ -n \"\$first\" ] && [ \"\$first\" = \"\$second\" ]"

check "the summary names top actors and codes" bash -c "
  '$ANNALS' ingest --db '$TMP/summary.db' --dict '$DICT' '$ARTICLES' 2>/dev/null >'$TMP/summary.txt'
  cat '$TMP/summary.txt'
  grep -q '^documents 5, mentions' '$TMP/summary.txt' && grep -q '^top actors' '$TMP/summary.txt' &&
  grep -q '^top event codes' '$TMP/summary.txt'"

# SIGKILL: the uninterrupted run, then a run killed once it has committed
# something, then the rerun; the exports must be equal.
"$ANNALS" ingest --db "$TMP/whole.db" --dict "$DICT" --quiet "$TMP/many" 2>/dev/null
"$ANNALS" ingest --db "$TMP/killed.db" --dict "$DICT" --quiet "$TMP/many" 2>/dev/null &
victim=$!
for _ in $(seq 1 400); do
  [ -s "$TMP/killed.db-wal" ] && [ "$(stat -c %s "$TMP/killed.db-wal")" -gt 100000 ] && break
  sleep 0.01
done
kill -9 "$victim" 2>/dev/null; wait "$victim" 2>/dev/null; killed_status=$?
partial=$(sqlite3 "$TMP/killed.db" 'SELECT COUNT(*) FROM documents' 2>/dev/null || echo 0)
echo "  (killed with status $killed_status after $partial of 2000 documents)"
check "the run was killed in the middle" bash -c "[ $killed_status = 137 ] && [ '$partial' -lt 2000 ]"
"$ANNALS" ingest --db "$TMP/killed.db" --dict "$DICT" --quiet "$TMP/many" 2>/dev/null
table_dump() { sqlite3 "$1" "SELECT * FROM documents ORDER BY id; SELECT * FROM document_copies
  ORDER BY document_id, url; SELECT * FROM mentions ORDER BY id; SELECT * FROM events ORDER BY id;
  SELECT * FROM actors ORDER BY code"; }
check "killed and rerun equals uninterrupted" bash -c "
  $(declare -f dump table_dump); ANNALS='$ANNALS'
  dump '$TMP/whole.db' >'$TMP/whole.tsv'; dump '$TMP/killed.db' >'$TMP/killed.tsv'
  table_dump '$TMP/whole.db' >'$TMP/whole.sql'; table_dump '$TMP/killed.db' >'$TMP/killed.sql'
  [ \$(sqlite3 '$TMP/killed.db' 'SELECT COUNT(*) FROM documents') = 2000 ] &&
  cmp '$TMP/whole.tsv' '$TMP/killed.tsv' && cmp '$TMP/whole.sql' '$TMP/killed.sql'"
check "killed and rerun has every mention once" bash -c "
  [ \"\$(sqlite3 '$TMP/killed.db' 'SELECT COUNT(*), COUNT(DISTINCT id) FROM mentions')\" = \
    \"\$(sqlite3 '$TMP/whole.db' 'SELECT COUNT(*), COUNT(DISTINCT id) FROM mentions')\" ]"

if [ "$(sqlite3 "$TMP/whole.db" 'SELECT COUNT(*) FROM events')" = 0 ]; then
  skip "gdelt, query and csv on coded events" "the coder finds no events yet (dictionaries or coder missing)"
else
check "gdelt export has 61 columns, numeric ids and counts" bash -c "
  '$ANNALS' export --db '$TMP/whole.db' --format gdelt >'$TMP/gdelt.tsv' &&
  [ -s '$TMP/gdelt.tsv' ] &&
  awk -F'\t' 'NF != 61 || \$1 !~ /^[0-9]+\$/ || \$32 !~ /^[0-9]+\$/ || \$33 !~ /^[0-9]+\$/ ||
              \$34 !~ /^[0-9]+\$/ || (\$2 != \"\" && length(\$2) != 8) || \$31 !~ /^-?[0-9.]+\$/ \
              { bad++ } END { exit bad > 0 }' '$TMP/gdelt.tsv'"

check "query filters by code, actor, status and limit" bash -c "
  db='$TMP/whole.db'
  all=\$('$ANNALS' query --db \$db | wc -l)
  some=\$('$ANNALS' query --db \$db --code 19 | wc -l)
  wrong=\$('$ANNALS' query --db \$db --code 19 | jq -r .code | grep -vc '^19' || true)
  one=\$('$ANNALS' query --db \$db --limit 1 | wc -l)
  none=\$('$ANNALS' query --db \$db --actor ZZZ | wc -l)
  echo \"all \$all code19 \$some wrong \$wrong one \$one none \$none\"
  [ \$all -gt 0 ] && [ \$some -le \$all ] && [ \$wrong = 0 ] && [ \$one = 1 ] && [ \$none = 0 ]"

check "csv export has a header and one line per event" bash -c "
  lines=\$('$ANNALS' export --db '$TMP/whole.db' --format csv | wc -l)
  events=\$(sqlite3 '$TMP/whole.db' 'SELECT COUNT(*) FROM events')
  [ \$lines = \$((events + 1)) ]"
fi

# Refused files: nothing written, clear message, exit 2.
printf 'my notes\n' >"$TMP/notes.txt"
check "a file that is not a store is refused untouched" bash -c "
  '$ANNALS' ingest --db '$TMP/notes.txt' --dict '$DICT' '$ARTICLES' 2>'$TMP/err'; status=\$?
  cat '$TMP/err'; [ \$status = 2 ] && grep -q 'not an annals store' '$TMP/err' &&
  [ \"\$(cat '$TMP/notes.txt')\" = 'my notes' ]"
sqlite3 "$TMP/newer.db" "CREATE TABLE schema_version (application TEXT, version INTEGER);
  INSERT INTO schema_version VALUES ('annals', 99);"
check "a newer schema is refused" bash -c "
  '$ANNALS' query --db '$TMP/newer.db' 2>'$TMP/err'; status=\$?
  cat '$TMP/err'; [ \$status = 2 ] && grep -q 'newer' '$TMP/err'"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  cp "$TMP/summary.db" "$TMP/ro.db"; chmod 444 "$TMP/ro.db"; chmod 755 "$TMP"
  check "a read-only store is refused with a clear message" bash -c "
    runuser -u nobody -- '$ANNALS' ingest --db '$TMP/ro.db' --dict '$DICT' '$ARTICLES' 2>'$TMP/err'
    status=\$?; cat '$TMP/err'; [ \$status = 2 ] && grep -q 'read-only' '$TMP/err'"
elif [ "$(id -u)" != 0 ]; then
  cp "$TMP/summary.db" "$TMP/ro.db"; chmod 444 "$TMP/ro.db"
  check "a read-only store is refused with a clear message" bash -c "
    '$ANNALS' ingest --db '$TMP/ro.db' --dict '$DICT' '$ARTICLES' 2>'$TMP/err'
    status=\$?; cat '$TMP/err'; [ \$status = 2 ] && grep -q 'read-only' '$TMP/err'"
else
  skip "read-only store" "running as root without a 'nobody' user"
fi
finish
