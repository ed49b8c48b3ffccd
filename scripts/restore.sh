#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh INTO the database DATABASE_URL names.
#
#   DATABASE_URL=postgres://user@host:5432/flamingo scripts/restore.sh FILE [--yes]
#
# Every table, sequence and constraint in the dump is dropped and recreated
# (--clean --if-exists), in one transaction: if anything fails, the database
# is left as it was. Stop the app (or point it elsewhere) while restoring.
# Asks for confirmation unless --yes is given.
set -euo pipefail

file="${1:?usage: scripts/restore.sh FILE [--yes]}"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
test -r "$file" || { echo "cannot read $file" >&2; exit 1; }

target="$(printf '%s' "$DATABASE_URL" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')"
if [ "${2:-}" != "--yes" ]; then
  read -r -p "Replace the data in $target with $file? Type yes: " answer
  [ "$answer" = "yes" ] || { echo "Nothing restored."; exit 1; }
fi

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$file"
echo "Restored $file into $target"
