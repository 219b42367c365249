#!/usr/bin/env bash
# tests/cli/extract.sh — `annals extract`: text and JSON output, .html.gz
# inputs, bad inputs named and skipped (exit 1), usage errors (exit 2), and
# the extraction benchmark (F1 >= 0.96) when ../shared is present.
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
export ANNALS
PAGE=tests/data/html/article.html

check "help exits 0 and documents the formats" bash -c '
  "$ANNALS" extract --help > "$0/help" && grep -q -- "--format text|json" "$0/help" && grep -q "gzip" "$0/help" && grep -q "WARC" "$0/help"' "$TMP"
check "unknown option is a usage error (2)" bash -c '"$ANNALS" extract --bogus '"$PAGE"' 2>/dev/null; [ $? = 2 ]'
check "bad --format is a usage error (2)" bash -c '"$ANNALS" extract --format xml '"$PAGE"' 2>/dev/null; [ $? = 2 ]'
check "text output: title line, then body without furniture" bash -c '
  "$ANNALS" extract '"$PAGE"' > "$0/text" || exit 1
  [ "$(head -1 "$0/text")" = "# Harbour talks resume in Valletta" ] || { echo "first line: $(head -1 "$0/text")"; exit 1; }
  [ -z "$(sed -n 2p "$0/text")" ] || exit 1
  grep -q "^Delegations from both port authorities met on Tuesday" "$0/text" || exit 1
  grep -q "^What is on the table$" "$0/text" || exit 1
  ! grep -q -e "Share on" -e "Port strike" -e "cookies" -e "reader comment" -e "rights reserved" "$0/text"' "$TMP"
check "json output: one object per document with the metadata" bash -c '
  "$ANNALS" extract --format json '"$PAGE"' tests/data/html/windows-1252.html > "$0/json" || exit 1
  python3 - "$0/json" <<PY
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 2, lines
first, second = (json.loads(line) for line in lines)
assert first["title"] == "Harbour talks resume in Valletta", first["title"]
assert first["published"] == "2024-11-26" and first["outlet"] == "The Daily Example", first
assert first["url"] == "https://news.example.org/world/2024/11/26/harbour-talks/", first["url"]
assert "\n\nWhat is on the table\n\n" in first["text"] and first["id"], first
assert "Share on" not in first["text"]
assert second["title"] == "Caf\u00e9 society" and "cr\u00e8me br\u00fbl\u00e9e" in second["text"], second
PY' "$TMP"
check "html.gz input is read through zlib" bash -c '
  gzip -c '"$PAGE"' > "$0/page.html.gz" && "$ANNALS" extract "$0/page.html.gz" > "$0/gz" &&
  "$ANNALS" extract '"$PAGE"' | cmp -s - "$0/gz"' "$TMP"
check "bad inputs: named on stderr, the rest printed, exit 1" bash -c '
  gzip -c '"$PAGE"' | head -c 300 > "$0/truncated.html.gz"
  "$ANNALS" extract "$0/truncated.html.gz" "$0/missing.html" '"$PAGE"' > "$0/out" 2> "$0/err"
  status=$?
  [ $status = 1 ] || { echo "exit $status"; exit 1; }
  grep -q "truncated.html.gz" "$0/err" && grep -q "missing.html" "$0/err" || { cat "$0/err"; exit 1; }
  grep -q "^# Harbour talks resume in Valletta" "$0/out"' "$TMP"
check "standard input is read when no FILE is named" bash -c '
  "$ANNALS" extract < '"$PAGE"' | grep -q "^Delegations from both port authorities"'
if [ -n "$SHARED" ] && [ -d "$SHARED/corpus/extraction/html" ]; then
  check "benchmark pages score F1 >= 0.96" bash -c 'OUT="$0/predictions.json" bench/extract-score --min-f1 0.96' "$TMP"
else
  skip "benchmark F1" "../shared/corpus/extraction is absent"
fi
finish
