#!/bin/bash
# tests/cli/dict-files.sh — checks the hand-written and generated actor and
# agent dictionaries in dict/ against the format in dict/README.md:
# a @kind line first, one "PHRASE [CODE]..." entry a line, well-formed date
# ranges, no phrase listed twice across the actor files, countries.txt
# complete and up to date with tools/gen-countries.py, and every actor and
# role named in the seed article present.  Run from the repository root.
. tests/cli/lib.sh

DICT=${DICT:-dict}
# every actor file in dict/ (the ones written by hand and the generated one)
ACTOR_FILES=$(for f in "$DICT"/*.txt; do
  sed -e 's/#.*//' "$f" | grep -v '^[[:space:]]*$' | head -1 | grep -q '^@kind actors' && basename "$f" .txt
done | tr "\n" " ")
AGENT_FILES="agents"

# Entries of FILES as "file:line<TAB>PHRASE<TAB>codes" with comments stripped
# and the phrase uppercased (ASCII, as the tokenizer folds case).
entries() {
  local f
  for f in "$@"; do
    awk -v file="$DICT/$f.txt" '
      { line = $0; sub(/#.*/, "", line); sub(/[ \t]+$/, "", line)
        if (line == "" || line ~ /^@kind /) next
        i = index(line, " [")
        if (i == 0) { print file ":" NR "\t" line "\t"; next }
        print file ":" NR "\t" toupper(substr(line, 1, i - 1)) "\t" substr(line, i + 1) }
    ' "$DICT/$f.txt"
  done
}

# kind_is FILE KIND: the first non-comment line is "@kind KIND".
kind_is() {
  local first
  first=$(sed -e 's/#.*//' -e 's/[ \t]*$//' "$DICT/$1.txt" | grep -v '^$' | head -1)
  [ "$first" = "@kind $2" ] || { echo "$DICT/$1.txt: first line is '$first', not '@kind $2'"; return 1; }
}

# entries_well_formed FILE CODE_PATTERN: every entry is a phrase (words
# separated by single spaces, no brackets) then one or more [CODE RANGE?].
entries_well_formed() {
  entries "$1" | awk -F'\t' -v code="$2" '
    { bad = ""
      if ($2 !~ /^[^][ ]+( [^][ ]+)*$/) bad = "bad phrase"
      else if ($2 ~ /'"'"'S( |$)/) bad = "possessive '"'"'s in a phrase never matches"
      rest = $3
      if (rest == "") bad = "no code"
      while (bad == "" && rest != "") {
        if (match(rest, "^\\[" code "( [0-9-]*\\.\\.[0-9-]*)?\\]( |$)") == 0) { bad = "bad code list"; break }
        rest = substr(rest, RLENGTH + 1)
      }
      if (bad != "") { print $1 ": " bad ": " $2 " " $3; failed = 1 } }
    END { exit failed }'
}

# dates_well_formed FILES: every FROM..TO is YYYY-MM-DD (either end may be
# open, not both), a real calendar day, and FROM <= TO.
dates_well_formed() {
  entries "$@" | awk -F'\t' '
    function valid(d,  y, m, day, days) {
      if (d !~ /^[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]$/) return 0
      y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; day = substr(d, 9, 2) + 0
      days = substr("312831303130313130313031", 2 * m - 1, 2) + 0
      if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) days = 29
      return m >= 1 && m <= 12 && day >= 1 && day <= days }
    { rest = $3
      while (match(rest, /[0-9-]*\.\.[0-9-]*\]/)) {
        range = substr(rest, RSTART, RLENGTH - 1); rest = substr(rest, RSTART + RLENGTH)
        split(range, end, /\.\./)
        if ((end[1] == "" && end[2] == "") || (end[1] != "" && !valid(end[1])) ||
            (end[2] != "" && !valid(end[2])) ||
            (end[1] != "" && end[2] != "" && end[1] > end[2])) {
          print $1 ": bad date range " range; failed = 1 } } }
    END { exit failed }'
}

# no_duplicate_phrases FILES: a phrase appears once across FILES (a second
# listing with other codes would make the lookup depend on load order).
no_duplicate_phrases() {
  entries "$@" | awk -F'\t' '
    $2 in where { kind = ($3 == codes[$2]) ? "repeated" : "different codes";
                  print $1 ": " $2 " " $3 " (" kind ", first at " where[$2] " " codes[$2] ")"; failed = 1; next }
    { where[$2] = $1; codes[$2] = $3 }
    END { exit failed }'
}

agent_codes_plain() {
  entries agents | awk -F'\t' '$3 !~ /^\[[A-Z][A-Z][A-Z]\]$/ { print $1 ": agent code must be one [XXX]: " $3; failed = 1 }
    END { exit failed }'
}

countries_complete() {
  local n
  n=$(entries countries | cut -f3 | sort -u | wc -l)
  [ "$n" -ge 249 ] || { echo "countries.txt has $n codes, want >= 249"; return 1; }
}

countries_up_to_date() {
  python3 tools/gen-countries.py >"$TMP/countries.txt" 2>"$TMP/gen.err" || { cat "$TMP/gen.err"; return 1; }
  diff -u "$DICT/countries.txt" "$TMP/countries.txt" | head -20
  cmp -s "$DICT/countries.txt" "$TMP/countries.txt"
}

# has KIND PHRASE CODE...: PHRASE is listed in the FILES of KIND and its codes
# include every CODE given (a code with its range, as written).
has() {
  local files=$1 phrase=$2 codes; shift 2
  codes=$(entries $files | awk -F'\t' -v p="$phrase" '$2 == p { print $3 }')
  [ -n "$codes" ] || { echo "missing: $phrase"; return 1; }
  local c
  for c in "$@"; do
    case "$codes" in *"[$c]"*) ;; *) echo "$phrase: $codes lacks [$c]"; return 1 ;; esac
  done
}

# Actors and roles of the seed article (../shared/corpus/seed).
seed_actors_present() {
  local failed=0 a="$ACTOR_FILES" g="$AGENT_FILES"
  has "$a" "UKRAINIAN" UKR || failed=1
  has "$a" "SOUTH KOREA" KOR || failed=1
  has "$a" "SOUTH KOREAN" KOR || failed=1
  has "$a" "NORTH KOREA" PRK || failed=1
  has "$a" "NORTH KOREAN" PRK || failed=1
  has "$a" "RUSSIA" RUS || failed=1
  has "$a" "RUSSIAN" RUS || failed=1
  has "$a" "UKRAINE" UKR || failed=1
  has "$a" "BRITAIN" GBR || failed=1
  has "$a" "FRANCE" FRA || failed=1
  has "$a" "GERMANY" DEU || failed=1
  has "$a" "ITALY" ITA || failed=1
  has "$a" "POLAND" POL || failed=1
  has "$a" "KYIV" UKRGOV || failed=1
  has "$a" "SEOUL" KORGOV || failed=1
  has "$a" "MOSCOW" RUSGOV || failed=1
  has "$a" "PYONGYANG" PRKGOV || failed=1
  has "$a" "WESTERN" WST || failed=1
  has "$a" "REUTERS" GBRMED || failed=1
  has "$a" "YONHAP" KORMED || failed=1
  has "$a" "KBS" KORMED || failed=1
  has "$a" "YOON SUK YEOL" "KORGOV 2022-05-10..2025-04-04" || failed=1
  has "$a" "YOON" "KORGOV 2022-05-10..2025-04-04" || failed=1
  has "$a" "RUSTEM UMEROV" "UKRGOV 2023-09-06..2025-07-17" || failed=1
  has "$a" "UMEROV" "UKRGOV 2023-09-06..2025-07-17" || failed=1
  has "$a" "SHIN WON-SIK" || failed=1
  has "$a" "VOLODYMYR ZELENSKIY" "UKRGOV 2019-05-20.." || failed=1
  has "$a" "ZELENSKIY" "UKRGOV 2019-05-20.." || failed=1
  has "$a" "ZELENSKYY" "UKRGOV 2019-05-20.." || failed=1
  has "$a" "CHO TAE-YUL" || failed=1
  for role in DELEGATION "DEFENSE MINISTER" "NATIONAL SECURITY ADVISER" PRESIDENT \
              GOVERNMENT OFFICE "MINISTRY OF DEFENCE" "FOREIGN MINISTER"; do
    has "$g" "$role" GOV || failed=1
  done
  has "$g" TROOP MIL || failed=1
  has "$g" MEDIA MED || failed=1
  has "$g" "NEWS AGENCY" MED || failed=1
  return $failed
}

for f in $ACTOR_FILES $AGENT_FILES; do
  if [ ! -f "$DICT/$f.txt" ]; then check "exists-$f" false; continue; fi
  kind=actors; case " $AGENT_FILES " in *" $f "*) kind=agents ;; esac
  check "kind-$f" kind_is "$f" "$kind"
  check "entries-$f" entries_well_formed "$f" "[A-Z0-9][A-Z0-9][A-Z0-9]+"
done
check dates-well-formed dates_well_formed $ACTOR_FILES $AGENT_FILES
check actor-phrases-unique no_duplicate_phrases $ACTOR_FILES
check agent-phrases-unique no_duplicate_phrases $AGENT_FILES
check agent-codes-plain agent_codes_plain
check countries-complete countries_complete
if [ -f /usr/share/iso-codes/json/iso_3166-1.json ] && command -v python3 >/dev/null; then
  check countries-up-to-date countries_up_to_date
else
  skip countries-up-to-date "no /usr/share/iso-codes (package iso-codes) or python3"
fi
if [ -n "$SHARED" ] && [ -f "$SHARED/corpus/seed/ukraine-korea-aid.txt" ]; then
  check seed-actors-present seed_actors_present
else
  skip seed-actors-present "../shared/corpus/seed is absent"
fi
finish
