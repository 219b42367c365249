#!/usr/bin/env bash
# make-warc.sh — writes a Common-Crawl-News-style WARC.gz to stdout: a
# warcinfo record, then for each page a request, a response (HTTP status line
# and headers, then the page) and a metadata record, each record its own gzip
# member.  Pages may be plain or .gz files.  For tests and benchmarks.
#
#   tests/data/read/make-warc.sh [--repeat N] PAGE... > out.warc.gz
#
# Page i gets the URL https://www.outlet<i mod 7>.test/2024/11/<day>/page-<i>.
set -euo pipefail
repeat=1
if [ "${1:-}" = "--repeat" ]; then repeat=$2; shift 2; fi
[ $# -gt 0 ] || { echo "usage: $0 [--repeat N] PAGE..." >&2; exit 2; }

# record TYPE URI CONTENT-TYPE BLOCK-FILE: one WARC record as a gzip member.
record() {
  local type=$1 uri=$2 content_type=$3 block=$4
  local length; length=$(wc -c < "$block")
  {
    printf 'WARC/1.0\r\nWARC-Type: %s\r\n' "$type"
    [ -n "$uri" ] && printf 'WARC-Target-URI: %s\r\n' "$uri"
    printf 'WARC-Date: 2024-11-30T12:00:00Z\r\n'
    printf 'WARC-Record-ID: <urn:uuid:%s>\r\n' "$(cat /proc/sys/kernel/random/uuid)"
    printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$content_type" "$length"
    cat "$block"
    printf '\r\n\r\n'
  } | gzip -c -6
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'software: annals make-warc.sh\r\nformat: WARC File Format 1.0\r\n' > "$work/info"
record warcinfo "" application/warc-fields "$work/info"
index=0
for round in $(seq 1 "$repeat"); do
  for page in "$@"; do
    index=$((index + 1))
    day=$(printf '%02d' $((index % 28 + 1)))
    uri="https://www.outlet$((index % 7)).test/2024/11/$day/page-$index"
    printf 'GET /2024/11/%s/page-%s HTTP/1.1\r\nHost: www.outlet%s.test\r\n\r\n' \
      "$day" "$index" "$((index % 7))" > "$work/request"
    record request "$uri" "application/http; msgtype=request" "$work/request"
    {
      printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n'
      printf 'X-Crawler-Content-Encoding: gzip\r\n\r\n'
      case "$page" in *.gz) gzip -dc "$page" ;; *) cat "$page" ;; esac
    } > "$work/response"
    record response "$uri" "application/http; msgtype=response" "$work/response"
    printf 'fetchTimeMs: 100\r\n' > "$work/metadata"
    record metadata "$uri" application/warc-fields "$work/metadata"
  done
done
