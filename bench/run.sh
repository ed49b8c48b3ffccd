#!/usr/bin/env bash
# make bench: seed (when stale), collect static, start gunicorn on loopback,
# load every key page with wrk, then the 60-second mixed load. Stops by itself;
# gunicorn is stopped on any exit. See docs/performance.md.
#
#   BENCH_LOAD=0 make bench         pages only, no 60 s load
#   BENCH_ARGS="--only week" ...    extra arguments for `python -m bench run`
#   BENCH_RESEED=1 make bench       drop and seed the database again
#   BENCH_SEED=small make bench     a seed of seconds, not a minute (what CI runs,
#                                   with BENCH_LOAD=0 BENCH_ARGS="--duration 2")
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-flamingo_bench}
PORT=${BENCH_PORT:-8123}
SIZE=${BENCH_SEED:-full}
export DJANGO_SETTINGS_MODULE=bench.settings
export DATABASE_URL="$PG/$DB"
export BENCH_BIND="127.0.0.1:$PORT" BENCH_URL="http://127.0.0.1:$PORT"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk || { $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk; }
fi

# Seed once a day: the data counts back from today.
stamp=$($PY -m bench seed --size "$SIZE" --stamp)
current=$(psql "$PG/postgres" -tAc "select shobj_description(oid, 'pg_database') from pg_database where datname = '$DB'" || true)
stale=0
if [ "${BENCH_RESEED:-0}" = 1 ] || [ "$current" != "$stamp" ]; then stale=1; fi
if [ $stale = 1 ]; then
  psql "$PG/postgres" -qc "drop database if exists $DB" -c "create database $DB"
fi
$PY manage.py migrate --no-input -v 0  # also brings an older seed up to new migrations
if [ $stale = 1 ]; then
  echo "Seeding $DB ($stamp)..."
  $PY -m bench seed --size "$SIZE"
else
  echo "Using $DB, already seeded today ($stamp)."
fi
$PY manage.py collectstatic --no-input -v 0

if curl -s -o /dev/null "$BENCH_URL/"; then
  echo "Port $PORT is already in use: stop that server or set BENCH_PORT." >&2
  exit 1
fi
.venv/bin/gunicorn coaching.wsgi -c bench/gunicorn.conf.py &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -o /dev/null "$BENCH_URL/bench/text/" && break
  sleep 0.2
done
curl -sf -o /dev/null "$BENCH_URL/bench/text/" || { echo "gunicorn did not start" >&2; exit 1; }

# A failed request fails the run, after the load has still been measured.
status=0
# shellcheck disable=SC2086
timeout 900 $PY -m bench run ${BENCH_ARGS:-} || status=$?
timeout 300 $PY -m bench programme || status=$?  # a group assignment, rolled back
if [ "${BENCH_LOAD:-1}" = 1 ]; then
  timeout 300 $PY -m bench load ${BENCH_LOAD_ARGS:-}
fi
exit $status
