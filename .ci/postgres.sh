#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the storage tests; prints the SQLAlchemy URL.
# Installs the Debian package when the server is missing (CI runs on a fresh machine as root).
set -euo pipefail
PORT="${NIBRS_PG_PORT:-54329}"
DIR="${NIBRS_PG_DIR:-/tmp/nibrs-desk-pg}"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "installing PostgreSQL (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
RUN=()
if [ "$(id -u)" = "0" ]; then RUN=(runuser -u postgres --); fi
if ! "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$DIR"
  "${RUN[@]}" "$BIN/initdb" -D "$DIR" -A trust -U postgres >/dev/null
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -o "-p $PORT -k /tmp -c listen_addresses=localhost -c fsync=off" -w start >/dev/null
fi
echo "postgresql+psycopg://postgres@localhost:${PORT}/postgres"
