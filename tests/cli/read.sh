#!/usr/bin/env bash
# tests/cli/read.sh — the readers through the command line (`annals extract
# --format json`): a Common-Crawl-style WARC.gz made by
# tests/data/read/make-warc.sh, the same on stdin, a directory, JSON Lines on
# stdin, and bad inputs (truncated gzip, a line that is not JSON) named on
# stderr with the rest processed and exit status 1.
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
export ANNALS
TREE=tests/data/read/tree
PAGE=$TREE/sub/b-page.html

tests/data/read/make-warc.sh "$PAGE" "$TREE/a-first.txt" "$PAGE" > "$TMP/crawl.warc.gz"

check "WARC.gz: one document per response record, url and outlet from the record" bash -c '
  "$ANNALS" extract --format json "$0/crawl.warc.gz" > "$0/out" || exit 1
  python3 - "$0/out" "$0/crawl.warc.gz" <<PY
import json, sys
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(docs) == 3, len(docs)
assert docs[0]["url"] == "https://www.outlet1.test/2024/11/02/page-1", docs[0]["url"]
assert docs[0]["outlet"] == "outlet1.test", docs[0]["outlet"]
assert docs[0]["published"] == "2024-03-05", docs[0]["published"]   # from the page
assert docs[1]["published"] == "2024-11-03", docs[1]["published"]   # from the url
assert docs[0]["origin"] == sys.argv[2] + "#record 3", docs[0]["origin"]
assert "container port reopened" in docs[0]["text"]
assert len({d["id"] for d in docs}) == 3
PY' "$TMP"

check "WARC.gz on stdin reads the same documents" bash -c '
  "$ANNALS" extract --format json - < "$0/crawl.warc.gz" > "$0/stdin" || exit 1
  [ "$(wc -l < "$0/stdin")" = 3 ] && grep -q "stdin#record 3" "$0/stdin"' "$TMP"

check "directory: recursive, sorted, hidden files skipped" bash -c '
  "$ANNALS" extract --format json '"$TREE"' > "$0/tree" || exit 1
  [ "$(wc -l < "$0/tree")" = 5 ] || { cat "$0/tree"; exit 1; }
  ! grep -q hidden "$0/tree" && head -1 "$0/tree" | grep -q "a-first.txt"' "$TMP"

check "truncated WARC.gz: documents before the cut, the cut named, exit 1" bash -c '
  python3 - "$0/crawl.warc.gz" "$0/cut.warc.gz" <<PY || exit 1
import sys
data = open(sys.argv[1], "rb").read()
starts = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]
assert len(starts) == 10, len(starts)      # warcinfo + 3 x (request, response, metadata)
cut = (starts[8] + starts[9]) // 2         # inside the third response
open(sys.argv[2], "wb").write(data[:cut])
PY
  "$ANNALS" extract --format json "$0/cut.warc.gz" > "$0/cut.out" 2> "$0/cut.err"
  status=$?
  [ $status = 1 ] || { echo "exit $status"; exit 1; }
  [ "$(wc -l < "$0/cut.out")" = 2 ] || { cat "$0/cut.err"; exit 1; }
  grep -q "cut.warc.gz.*truncated gzip" "$0/cut.err" || { cat "$0/cut.err"; exit 1; }' "$TMP"

check "JSON Lines on stdin: a bad line named by number, the others read, exit 1" bash -c '
  printf "%s\n" "{\"url\": \"https://a.test/1\", \"text\": \"The council approved the new budget on Monday.\"}" \
    "{not json" \
    "{\"url\": \"https://b.test/2\", \"text\": \"Rescuers found the missing climbers alive on Sunday.\"}" \
    | "$ANNALS" extract --format json - > "$0/jsonl.out" 2> "$0/jsonl.err"
  status=$?
  [ $status = 1 ] || { echo "exit $status"; exit 1; }
  [ "$(wc -l < "$0/jsonl.out")" = 2 ] || exit 1
  grep -q "stdin:2: not JSON" "$0/jsonl.err" || { cat "$0/jsonl.err"; exit 1; }' "$TMP"

finish
