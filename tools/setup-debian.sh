#!/usr/bin/env bash
# Installs the Debian 12 packages annals builds, tests and runs with.
# Safe to run again; uses sudo when not root.
set -euo pipefail
PACKAGES=(
  build-essential pkg-config          # gcc, make
  libjansson-dev                      # JSON in and out
  libsqlite3-dev sqlite3              # the embedded store
  libpq-dev postgresql-15             # the PostgreSQL store (server for its tests)
  zlib1g-dev                          # gzip and WARC.gz
  libuchardet-dev                     # charset detection
  wordnet-base                        # morphology: WordNet's exception lists (verb.exc, noun.exc)
  iso-codes                           # country names (dict/countries.txt generator)
  python3                             # generators and the scorers in ../shared/eval
  valgrind                            # callgrind figures in bench/
)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
