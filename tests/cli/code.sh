#!/usr/bin/env bash
# tests/cli/code.sh — `annals code` end to end: the seed article (golden,
# scored with ../shared/eval/score-events), its HTML-wrapped copy, event
# record fields, and bad inputs (each named, exit 1, the rest still coded).
source "$(dirname "$0")/lib.sh"
SEED=sample/ukraine-korea-aid.txt
PAGE=tests/data/golden/ukraine-korea-aid.html

check "seed codes with exit 0" "$ANNALS" code --date 2024-11-26 "$SEED"
"$ANNALS" code --date 2024-11-26 "$SEED" > "$TMP/seed.jsonl" 2>/dev/null
"$ANNALS" code --date 2024-11-26 "$PAGE" > "$TMP/page.jsonl" 2>/dev/null

check "every event has its fields" python3 - "$TMP/seed.jsonl" <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
assert len(events) >= 8, len(events)
need = ["id", "article", "sentence", "span", "source", "target", "code", "root", "quad_class",
        "goldstein", "plover", "status", "attribution", "date", "date_precision", "pattern"]
for e in events:
    for k in need: assert k in e, (k, e)
    assert e["code"].startswith(e["root"])
    assert ":" in e["pattern"] and e["pattern"].split(":")[-1].isdigit(), e["pattern"]
PY

check "--date is the record's publication date when the text has none" bash -c "
  head -1 '$TMP/seed.jsonl' | grep -q '\"published\":\"2024-11-26\"'"
check "every span's bytes are the sentence" python3 - "$TMP/seed.jsonl" "$SEED" <<'PY'
import json, sys
data = open(sys.argv[2], "rb").read()
for line in open(sys.argv[1]):
    e = json.loads(line)
    a, b = e["span"]
    assert data[a:b].decode("utf-8") == e["sentence"], (a, b, e["sentence"])
    if e["source"]:
        s, t = e["source"]["span"]
        assert data[s:t].decode() == e["source"]["text"]
PY

if [ -n "$SHARED" ]; then
  GOLD=$SHARED/corpus/seed/ukraine-korea-aid.gold.jsonl
  check "seed scores F1 >= 0.85" "$SHARED/eval/score-events" "$GOLD" "$TMP/seed.jsonl" --min-f1 0.85
  check "seed dates 2/2 and attributions >= 1/2" bash -c "
    '$SHARED/eval/score-events' '$GOLD' '$TMP/seed.jsonl' | grep -E 'dates 2/2, attributions [12]/2'"
  check "HTML-wrapped seed scores the same" bash -c "
    diff <('$SHARED/eval/score-events' '$GOLD' '$TMP/seed.jsonl' | tail -1) \
         <('$SHARED/eval/score-events' '$GOLD' '$TMP/page.jsonl' | tail -1)"
else
  skip "seed golden score" "../shared is absent"
fi

check "HTML page: no event from navigation, scripts or related links" python3 - "$TMP/page.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    for bad in ("Gaza", "Taiwan", "sabotage", "missiles at Kyiv", "dataLayer"):
        assert bad not in e["sentence"], e["sentence"]
PY

check "--format tsv has a header and one row per event" bash -c "
  n=\$('$ANNALS' code --date 2024-11-26 --format tsv '$SEED' | wc -l)
  m=\$(wc -l < '$TMP/seed.jsonl'); [ \$n -eq \$((m + 1)) ]"
check "--format gdelt writes 61 columns" bash -c "
  '$ANNALS' code --date 2024-11-26 --format gdelt '$SEED' | awk -F'\t' 'NF != 61 { exit 1 }'"
check "stdin is read when no file is named" bash -c "
  '$ANNALS' code --date 2024-11-26 < '$SEED' | grep -q '\"code\"'"

# ---- bad input: named on stderr, exit 1, the other files still coded ----
printf '' > "$TMP/empty.txt"
head -c 4096 /dev/urandom > "$TMP/junk.bin"; printf '\0' >> "$TMP/junk.bin"
printf 'Caf\xc3 au lait \xff\xfe broken.\n' > "$TMP/bad-utf8.txt"
python3 -c "import sys; sys.stdout.write('Russia attacked Ukraine. ' * 2200000)" > "$TMP/huge-line.txt"
"$ANNALS" code --date 2024-11-26 "$TMP/empty.txt" "$TMP/junk.bin" "$TMP/bad-utf8.txt" \
  "$TMP/missing.txt" "$SEED" > "$TMP/mixed.jsonl" 2> "$TMP/mixed.err"
status=$?
check "bad inputs: exit status 1" test $status -eq 1
check "bad inputs: binary junk named" grep -q "junk.bin" "$TMP/mixed.err"
check "bad inputs: malformed UTF-8 named with its byte" grep -qE "bad-utf8.txt.*(byte|UTF-8)" "$TMP/mixed.err"
check "bad inputs: missing file named" grep -q "missing.txt" "$TMP/mixed.err"
check "bad inputs: the good file still coded" test "$(wc -l < "$TMP/mixed.jsonl")" -eq "$(wc -l < "$TMP/seed.jsonl")"
check "empty file: no events, no failure" bash -c "'$ANNALS' code '$TMP/empty.txt' | wc -l | grep -qx 0"
check "50 MB single line finishes within 60 s" timeout 60 bash -c "'$ANNALS' code --quiet '$TMP/huge-line.txt' > /dev/null"
check "usage errors exit 2" bash -c "'$ANNALS' code --date 2024-13-45 '$SEED'; [ \$? -eq 2 ]"
check "--help tells the truth" bash -c "'$ANNALS' code --help | grep -q -- '--format'"

# ---- near-duplicates: three differently decorated copies of one story ----
ND=tests/data/near-duplicates
"$ANNALS" code --date 2024-11-26 --keep-duplicates "$ND/wire-a.html" > "$TMP/one.jsonl" 2>/dev/null
"$ANNALS" code --date 2024-11-26 "$ND"/* > "$TMP/three.jsonl" 2> "$TMP/three.err"
check "near-duplicates: three copies coded once" test "$(wc -l < "$TMP/three.jsonl")" -eq "$(wc -l < "$TMP/one.jsonl")"
check "near-duplicates: the copy gives events at all" test "$(wc -l < "$TMP/one.jsonl")" -gt 0
check "near-duplicates: said on stderr" grep -q "2 duplicates not coded again" "$TMP/three.err"
check "--keep-duplicates codes every copy" test "$("$ANNALS" code --date 2024-11-26 --keep-duplicates "$ND"/* | wc -l)" -eq $(( 3 * $(wc -l < "$TMP/one.jsonl") ))

# ---- other dictionaries: a TABARI project (our own small one) ----
printf 'Norland accused Sudland of spying on Monday.\n' > "$TMP/norland.txt"
check "--tabari codes with a TABARI project, citing its verbs file" bash -c "
  '$ANNALS' code --tabari tests/data/tabari/mini.project --date 2024-11-26 '$TMP/norland.txt' | grep -q 'mini.verbs:'"
check "--tabari and --dict together is a usage error" bash -c "
  '$ANNALS' code --tabari tests/data/tabari/mini.project --dict dict '$TMP/norland.txt'; [ \$? -eq 2 ]"

# ---- progress: drawn on a terminal, never into a pipe or file ----
if command -v script >/dev/null 2>&1; then
  check "progress line on a terminal" bash -c "
    script -qec \"'$ANNALS' code --date 2024-11-26 '$SEED' > /dev/null\" /dev/null | grep -q 'documents ('"
  check "no progress line when stderr is a file" bash -c "
    '$ANNALS' code --date 2024-11-26 '$SEED' > /dev/null 2> '$TMP/quiet.err'; ! grep -q 'documents (' '$TMP/quiet.err'"
else
  skip "progress line on a terminal" "script (util-linux) is not installed"
fi

# ---- annals dict: check and compile ----
check "dict check: counts each kind" bash -c "'$ANNALS' dict check | grep -qE 'actors [0-9]+, agents [0-9]+, cues [0-9]+, verb patterns [0-9]+'"
check "dict check: malformed lines named with file:line, exit 1" bash -c "
  '$ANNALS' dict check --dict tests/data/dict > /dev/null 2> '$TMP/dict.err'; [ \$? -eq 1 ] && grep -q 'small.txt:7:' '$TMP/dict.err'"
check "dict compile: the compiled dictionary codes the same events" bash -c "
  '$ANNALS' dict compile '$TMP/compiled.andict' 2>/dev/null &&
  diff <('$ANNALS' code --dict '$TMP/compiled.andict' --date 2024-11-26 '$SEED') '$TMP/seed.jsonl'"
finish
