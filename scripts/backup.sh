#!/usr/bin/env bash
# Back up Flamingo's PostgreSQL database to one file.
#
#   DATABASE_URL=postgres://user@host:5432/flamingo scripts/backup.sh [FILE]
#
# FILE defaults to flamingo-<UTC timestamp>.dump in the current directory.
# The dump is pg_dump's custom format (-Fc): compressed, consistent (one
# snapshot, taken while the app keeps running), restorable with
# scripts/restore.sh. Ownership and grants are left out, so it restores into a
# database owned by any role. Prints the file name when done.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
out="${1:-flamingo-$(date -u +%Y%m%dT%H%M%SZ).dump}"

# Written under a temporary name first: a dump that failed half-way never
# carries the final name.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$out.partial"
mv "$out.partial" "$out"
echo "$out"
