#!/usr/bin/env bash
# The one test command of TVS (`npm test`): system packages, lint, format, types, the
# integration tests on PGlite and on a throwaway PostgreSQL server, and the browser journeys.
# Stops at the first failing step.
#
# Environment:
#   TVS_TEST_DATABASE_URL  use this PostgreSQL server (a role that may CREATE DATABASE)
#                          instead of starting a throwaway one
set -euo pipefail

cd "$(dirname "$0")/.."

timings=()
current=''
step_started=0
run_started=$SECONDS

bold() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

begin() {
  current=$1
  step_started=$SECONDS
  bold "$current"
}

end() {
  timings+=("$current $((SECONDS - step_started))s")
  current=''
}

summary() { local IFS=','; echo "${timings[*]}" | sed 's/,/, /g'; }

on_exit() {
  local status=$?
  stop_postgres
  if [[ $status -ne 0 ]]; then
    echo
    echo "TVS tests FAILED${current:+ in step: $current} (exit $status)." >&2
    [[ ${#timings[@]} -gt 0 ]] && echo "Passed before that: $(summary)" >&2
  fi
  exit "$status"
}

# --- throwaway PostgreSQL -----------------------------------------------------------------
pg_dir=''
pg_bin=''
pg_started=0

as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

stop_postgres() {
  if [[ $pg_started -eq 1 ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    pg_started=0
  fi
  if [[ -n $pg_dir ]]; then
    rm -rf "$pg_dir"
    pg_dir=''
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  local initdb port
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  pg_bin=$(dirname "$initdb")
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/tvs-pg.XXXXXX")
  if [[ $EUID -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "User 'postgres' is missing: reinstall the Debian package 'postgresql'." >&2
      return 1
    fi
    chown postgres: "$pg_dir"
  fi
  chmod 700 "$pg_dir"

  port=55432
  while port_in_use "$port"; do
    port=$((port + 1))
    if [[ $port -gt 55532 ]]; then
      echo 'No free port between 55432 and 55532 for PostgreSQL.' >&2
      return 1
    fi
  done

  if ! as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 \
    --no-locale >"$pg_dir/initdb.log" 2>&1; then
    cat "$pg_dir/initdb.log" >&2
    return 1
  fi
  cat >"$pg_dir/data/pg_hba.conf" <<'EOF'
local   all all              trust
host    all all 127.0.0.1/32 trust
EOF
  if ! as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null; then
    cat "$pg_dir/server.log" >&2
    return 1
  fi
  pg_started=1
  pg_url="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- (a) system packages ------------------------------------------------------------------
begin 'System packages'
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Missing: ${missing[*]}"
  if [[ $EUID -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium postgresql poppler-utils libreoffice-writer-nogui
  else
    echo 'Install them first, then run the tests again:' >&2
    echo '  sudo apt-get update && sudo apt-get install -y chromium postgresql poppler-utils libreoffice-writer-nogui' >&2
    exit 1
  fi
fi
if [[ ! -d node_modules ]]; then
  echo 'node_modules is missing: run `npm ci` first.' >&2
  exit 1
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
echo "initdb: $(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
end

# --- (b) static checks --------------------------------------------------------------------
begin 'ESLint'
npx eslint --max-warnings=0 .
end

begin 'Prettier'
npx prettier --check .
end

begin 'TypeScript'
npx tsc --noEmit
end

# --- (c) integration tests on PGlite ------------------------------------------------------
begin 'Tests on PGlite'
env -u TEST_DATABASE_URL npx vitest run
end

# --- (d) the same tests on PostgreSQL -----------------------------------------------------
begin 'Tests on PostgreSQL'
if [[ -n ${TVS_TEST_DATABASE_URL:-} ]]; then
  pg_url=$TVS_TEST_DATABASE_URL
  echo "PostgreSQL from TVS_TEST_DATABASE_URL"
else
  start_postgres
fi
TEST_DATABASE_URL=$pg_url npx vitest run
stop_postgres
end

# --- (e) browser journeys -----------------------------------------------------------------
begin 'Browser journeys'
env -u TEST_DATABASE_URL npx vitest run --config vitest.e2e.config.ts
end

# --- (f) summary --------------------------------------------------------------------------
echo
echo "TVS tests passed in $((SECONDS - run_started))s: $(summary)"
