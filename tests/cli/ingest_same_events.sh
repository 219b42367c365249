#!/usr/bin/env bash
# tests/cli/ingest_same_events.sh — five articles from four outlets that
# report the same two events in different words (tests/data/same-events):
# the store must hold exactly two events, with NumArticles 3 and 3 and
# NumSources 3 and 2, on SQLite and (when a server can start) PostgreSQL.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh
DICT=${ANNALS_DICT:-$PWD/dict}
ARTICLES=tests/data/same-events/articles.jsonl

expect_two_events() { # LOCATION
  "$ANNALS" export --db "$1" --format jsonl >"$TMP/events.jsonl" || return 1
  cat "$TMP/events.jsonl" | jq -c '{code, source: .source.code, target: .target.code,
    date, status, num_mentions, num_articles, num_sources}'
  [ "$(wc -l <"$TMP/events.jsonl")" = 2 ] || return 1
  attack=$(jq -c 'select(.code | startswith("19"))' "$TMP/events.jsonl")
  meeting=$(jq -c 'select(.code | startswith("19") | not)' "$TMP/events.jsonl")
  [ "$(echo "$attack" | jq .num_articles)" = 3 ] && [ "$(echo "$attack" | jq .num_sources)" = 3 ] &&
  [ "$(echo "$attack" | jq .num_mentions)" = 4 ] &&
  [ "$(echo "$meeting" | jq .num_articles)" = 3 ] && [ "$(echo "$meeting" | jq .num_sources)" = 2 ]
}

if ! "$ANNALS" code --dict "$DICT" "$ARTICLES" 2>/dev/null | grep -q '"code"'; then
  skip "same events" "the coder finds no events in $ARTICLES yet (dictionaries or coder missing)"
  finish; exit
fi
"$ANNALS" ingest --db "$TMP/same.db" --dict "$DICT" --quiet "$ARTICLES" 2>/dev/null
check "two events with the right counts (SQLite)" expect_two_events "$TMP/same.db"
tac "$ARTICLES" >"$TMP/reversed.jsonl"
"$ANNALS" ingest --db "$TMP/reversed.db" --dict "$DICT" --quiet "$TMP/reversed.jsonl" 2>/dev/null
check "the same events whatever the order" bash -c "
  cmp <('$ANNALS' export --db '$TMP/same.db' --format tsv) <('$ANNALS' export --db '$TMP/reversed.db' --format tsv)"

if url=$(tests/pg/pg.sh start "$TMP/pg" 2>"$TMP/pg.err"); then
  "$ANNALS" ingest --db "$url" --dict "$DICT" --quiet "$ARTICLES" 2>/dev/null
  "$ANNALS" ingest --db "$url" --dict "$DICT" --quiet "$ARTICLES" 2>/dev/null
  check "two events with the right counts (PostgreSQL, ingested twice)" expect_two_events "$url"
  check "PostgreSQL export equals SQLite's" bash -c "
    cmp <('$ANNALS' export --db '$url' --format gdelt) <('$ANNALS' export --db '$TMP/same.db' --format gdelt)"
  tests/pg/pg.sh stop "$TMP/pg"
else
  skip "PostgreSQL round trip" "$(tail -1 "$TMP/pg.err")"
fi
finish
