# Sourced by .ci/run: install (if needed) and start a throwaway PostgreSQL server on
# loopback for the store tests, and export NEWSEVENTS_TEST_PG_URL for them.
# Failures here are reported, not fatal: the PostgreSQL tests then skip with the reason.
pg_setup() {
  local bin port=55432 data=/tmp/newsevents-ci-pg
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/tmp/newsevents-ci-pg-install.log 2>&1 \
      || { echo "PostgreSQL install failed (see /tmp/newsevents-ci-pg-install.log)"; return 1; }
  fi
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if ! pg_isready -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
    rm -rf "$data" && mkdir -p "$data" && chown postgres "$data"
    su postgres -c "$bin/initdb -D $data -A trust -U postgres" >/tmp/newsevents-ci-initdb.log 2>&1 || { echo "initdb failed"; return 1; }
    su postgres -c "$bin/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l /tmp/newsevents-ci-pg.log -w start" >/dev/null || { echo "PostgreSQL did not start"; return 1; }
  fi
  psql -h 127.0.0.1 -p "$port" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='newsevents_test'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE newsevents_test" >/dev/null
  export NEWSEVENTS_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/newsevents_test"
}
pg_setup || echo "PostgreSQL tests will skip"
