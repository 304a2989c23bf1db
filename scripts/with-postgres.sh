#!/usr/bin/env bash
# Runs a command with STOCKPILOT_TEST_POSTGRES_URL pointing at a throwaway PostgreSQL server:
# a fresh cluster (Debian's /usr/lib/postgresql/*/bin) in a temp dir on a free local port, stopped
# and deleted when the command ends. With STOCKPILOT_TEST_POSTGRES_URL already set it just runs the
# command. As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

if [[ -n "${STOCKPILOT_TEST_POSTGRES_URL:-}" ]]; then exec "$@"; fi

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "PostgreSQL is not installed (expected /usr/lib/postgresql/<version>/bin/initdb)." >&2
  echo "Install Debian's package (apt-get install postgresql) or set STOCKPILOT_TEST_POSTGRES_URL to a superuser URL." >&2
  exit 1
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/stockpilot-pg.XXXXXX")"
as_owner=()
if [[ "$(id -u)" == 0 ]]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"

stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A test server: durability off (fsync, full pages) for speed; it is deleted afterwards anyway.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
echo "Throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export STOCKPILOT_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
"$@"
