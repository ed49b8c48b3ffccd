#!/usr/bin/env bash
# make cluster: HAProxy in front of three gunicorn app servers (production
# settings, one process group each), two task workers (manage.py worker, a
# process group each) and one PostgreSQL database of its own,
# on loopback; then the fault drills under a mixed load (scripts/cluster/drills.py).
# Bounded in time, and everything it started is stopped on any exit.
#
#   make cluster                                   every drill (about 3 minutes)
#   CLUSTER_ARGS="--drills kill,worker" make cluster some of them
#   CLUSTER_ARGS="--serve 120" make cluster        only serve, to try it by hand
#
#   CLUSTER_PORT  the balancer (default 8400; app servers on the next ports)
#   CLUSTER_DB    the database, created and seeded when missing (default flamingo_cluster)
#   CLUSTER_PG    the PostgreSQL server (default postgres://postgres@127.0.0.1:5432)
#   CLUSTER_PG_CLUSTER  Debian's name of that server (default main), for pgrestart
# The drill "pgrestart" restarts that PostgreSQL server: everything else using it
# sees its connections dropped. It needs pg_ctlcluster (Debian) and root. To
# spare others, give the drills a server of their own:
#   pg_createcluster 15 drill --port 8450 --start -- --auth-host=trust
#   CLUSTER_PG=postgres://postgres@127.0.0.1:8450 CLUSTER_PG_CLUSTER=drill make cluster
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PY:-.venv/bin/python}
export CLUSTER_PORT=${CLUSTER_PORT:-8400}
export CLUSTER_DB=${CLUSTER_DB:-flamingo_cluster}
export CLUSTER_PG=${CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}
RUN=artifacts/cluster
mkdir -p "$RUN"

if ! command -v haproxy >/dev/null; then
  echo "make cluster needs HAProxy (the Debian package); installing it..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq haproxy || { $sudo apt-get update -qq && $sudo apt-get install -y -qq haproxy; } \
    || { echo "Could not install haproxy: run 'sudo apt-get install haproxy' and try again." >&2; exit 1; }
fi

# Every process group the drills start writes its id to $RUN/*.pgid; they stop
# them themselves, and this stops whatever is left if Python itself was killed.
stop_all() {
  for file in "$RUN"/*.pgid; do
    [ -e "$file" ] || continue
    kill -TERM -- "-$(cat "$file")" 2>/dev/null || true
  done
  sleep 1
  for file in "$RUN"/*.pgid; do
    [ -e "$file" ] || continue
    kill -KILL -- "-$(cat "$file")" 2>/dev/null || true
    rm -f "$file"
  done
}
stop_all  # leftovers of an earlier run that was killed
trap stop_all EXIT

# The production settings' environment, the same on every server.
export DATABASE_URL="$CLUSTER_PG/$CLUSTER_DB"
export SECRET_KEY=${SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}
export ALLOWED_HOSTS=127.0.0.1,localhost
export DB_POOL_MIN=1 DB_POOL_MAX=2  # a sync worker serves one request at a time
export DB_POOL_TIMEOUT=${DB_POOL_TIMEOUT:-3} DB_STATEMENT_TIMEOUT=${DB_STATEMENT_TIMEOUT:-2000}
# Mail written to files, one a message, so the worker drill can count what went;
# a mail whose worker died is sent again after 10 s, not 10 minutes.
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH=$PWD/$RUN/mail
export MORNING_MAIL_RETRY_AFTER=${MORNING_MAIL_RETRY_AFTER:-10}

# The database: the benchmark's small seed (a coach with 20 athletes, today's
# sessions planned), made once a day like make bench does.
stamp=$(DJANGO_SETTINGS_MODULE=bench.settings $PY -m bench seed --size small --stamp)
current=$(psql "$CLUSTER_PG/postgres" -tAc "select shobj_description(oid, 'pg_database') from pg_database where datname = '$CLUSTER_DB'" || true)
if [ "${CLUSTER_RESEED:-0}" = 1 ] || [ "$current" != "$stamp" ]; then
  psql "$CLUSTER_PG/postgres" -qc "drop database if exists $CLUSTER_DB" -c "create database $CLUSTER_DB"
  DJANGO_SETTINGS_MODULE=bench.settings $PY manage.py migrate --no-input -v 0
  echo "Seeding $CLUSTER_DB ($stamp)..."
  DJANGO_SETTINGS_MODULE=bench.settings $PY -m bench seed --size small
else
  DJANGO_SETTINGS_MODULE=coaching.settings.production $PY manage.py migrate --no-input -v 0
fi
# Static files collected once, with the manifest; every server serves this copy.
DJANGO_SETTINGS_MODULE=coaching.settings.production $PY manage.py collectstatic --no-input -v 0

# shellcheck disable=SC2086
timeout --signal=TERM "${CLUSTER_TIMEOUT:-600}" nice $PY -m scripts.cluster.drills ${CLUSTER_ARGS:-}
