#!/usr/bin/env bash
# tests/cli/verbs-file.sh — checks the shape of dict/verbs.txt against the
# format in dict/README.md ("Verbs") and the CAMEO codebook: every line is
# @kind, @set or a pattern with a known event code; sets are defined before
# use; no duplicate patterns; every root 01-20 has patterns.
# Run from the repository root: bash tests/cli/verbs-file.sh
. tests/cli/lib.sh
VERBS=${VERBS:-dict/verbs.txt}  # override to check another file
CODEBOOK="$SHARED/reference/cameo-codes.csv"

# Comment- and blank-free lines as "LINENO<TAB>TEXT".
entries() { awk '{ sub(/#.*/, ""); sub(/[ \t]+$/, ""); if ($0 != "") print NR "\t" $0 }' "$VERBS"; }
# Pattern lines only (not @kind / @set).
patterns() { entries | awk -F '\t' '$2 !~ /^@/'; }

file_exists() { [ -s "$VERBS" ] || { echo "$VERBS missing or empty"; return 1; }; }

first_line_is_kind() {
  first=$(entries | head -1 | cut -f2)
  [ "$first" = "@kind verbs" ] || { echo "first entry is '$first', expected '@kind verbs'"; return 1; }
  [ "$(entries | awk -F '\t' '$2 ~ /^@kind/' | wc -l)" -eq 1 ] || { echo "more than one @kind line"; return 1; }
}

# Every entry: @kind verbs, @set NAME word..., or a pattern ending in [CODE].
lines_well_formed() {
  entries | awk -F '\t' '
    $2 == "@kind verbs" { next }
    $2 ~ /^@set [A-Z][A-Z0-9_]* [^ ]+( [^ ]+)*$/ { next }
    $2 ~ /^[^@].* \[[0-9][0-9]([0-9]([0-9])?)?\]$/ { next }
    { print "line " $1 ": malformed: " $2; bad = 1 }
    END { exit bad }'
}

# Elements: words (letters, digits, - and straight apostrophe), &SET, +, $,
# ~noun only first; a leading + (subject is target) needs a $ source;
# at most one target slot and one source slot; single spaces.
elements_valid() {
  patterns | awk -F '\t' '
    { text = $2; sub(/ \[[0-9]+\]$/, "", text)
      if (text ~ /  / || text ~ /^ /) { print "line " $1 ": double space"; bad = 1; next }
      n = split(text, e, " "); i = 1; plus = 0; dollar = 0; lead = 0
      if (e[1] == "+") { lead = 1; i = 2 }
      if (i > n) { print "line " $1 ": no verb"; bad = 1; next }
      if (e[i] !~ /^~?[a-z][a-z0-9'\''-]*$/) { print "line " $1 ": verb must be a lowercase word or ~noun: " e[i]; bad = 1 }
      for (j = i + 1; j <= n; j++) {
        if (e[j] == "+") plus++
        else if (e[j] == "$") dollar++
        else if (e[j] ~ /^&[A-Z][A-Z0-9_]*$/) continue
        else if (e[j] !~ /^[a-z0-9][a-z0-9'\''-]*$/) { print "line " $1 ": bad element " e[j]; bad = 1 }
      }
      if (lead && dollar != 1) { print "line " $1 ": leading + needs one $"; bad = 1 }
      if (lead && plus) { print "line " $1 ": leading + and a second target"; bad = 1 }
      if (plus > 1 || dollar > 1) { print "line " $1 ": repeated + or $"; bad = 1 }
    }
    END { exit bad }'
}

sets_defined_before_use() {
  entries | awk -F '\t' '
    $2 ~ /^@set / { split($2, w, " "); if (w[2] in def) { print "line " $1 ": set " w[2] " defined twice"; bad = 1 }
                    def[w[2]] = 1; next }
    { n = split($2, e, " ")
      for (j = 1; j <= n; j++) if (e[j] ~ /^&/) { name = substr(e[j], 2)
        if (!(name in def)) { print "line " $1 ": &" name " used before its @set"; bad = 1 } } }
    END { exit bad }'
}

no_duplicate_patterns() {
  dups=$(patterns | cut -f2 | sed 's/ \[[0-9]*\]$//' | sort | uniq -d)
  [ -z "$dups" ] || { echo "duplicate patterns (same phrase):"; echo "$dups"; return 1; }
}

every_root_covered() {
  missing=""
  for root in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
    patterns | cut -f2 | grep -q " \[$root[0-9]*\]\$" || missing="$missing $root"
  done
  [ -z "$missing" ] || { echo "no pattern for root(s):$missing"; return 1; }
}

enough_patterns() {
  count=$(patterns | wc -l)
  [ "$count" -ge 600 ] || { echo "only $count patterns"; return 1; }
}

codes_in_codebook() {
  cut -d, -f1 "$CODEBOOK" | tail -n +2 | tr -d '"' >"$TMP/codes"
  patterns | grep '\]$' | sed 's/.*\[\([0-9]*\)\]$/\1/' | sort -u >"$TMP/used"
  unknown=$(grep -vxF -f "$TMP/codes" "$TMP/used")
  [ -z "$unknown" ] || { echo "codes not in the codebook:"; echo "$unknown"; return 1; }
}

# Patterns the project's example article and ordinary news both need.
required_patterns() {
  for p in "travel to + [042]" "meet with + [040]" "meet + [040]" "~meeting with + [040]" \
           "decline to confirm [011]" "decline to comment [011]" "supply &WEAPON to + [072]" \
           "supply + [070]" "aid + [070]" "provide &AID [070]" "acknowledge possibility of [014]" \
           "consider + [014]" "request &WEAPON &AID [0232]" "seek &WEAPON &AID [0232]"; do
    patterns | cut -f2 | grep -qxF "$p" || { echo "missing pattern: $p"; return 1; }
  done
}

check "verbs.txt exists" file_exists
check "first entry is @kind verbs" first_line_is_kind
check "every line is @set or pattern [CODE]" lines_well_formed
check "pattern elements are valid" elements_valid
check "&SETs defined before use" sets_defined_before_use
check "no duplicate patterns" no_duplicate_patterns
check "every root 01-20 has a pattern" every_root_covered
check "at least 600 patterns" enough_patterns
check "required patterns present" required_patterns
if [ -f "$CODEBOOK" ]; then
  check "codes exist in the CAMEO codebook" codes_in_codebook
else
  skip "codes exist in the CAMEO codebook" "../shared/reference/cameo-codes.csv absent"
fi
finish
