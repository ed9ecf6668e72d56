#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database and both file folders.
# See docs/operations.md.
#
# Usage: DATABASE_URL=postgres://… scripts/restore.sh BACKUP
# The database must exist (createdb); whatever it holds is replaced, in one transaction.
# The file folders are replaced too; what they held before is kept beside them as
# <folder>.before-restore-<time> until you delete it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
backup="${1:?usage: scripts/restore.sh BACKUP}"
: "${DATABASE_URL:?DATABASE_URL must name the database to restore into}"
media="${MEDIA_ROOT:-$ROOT/media}"
private_media="${PRIVATE_MEDIA_ROOT:-$ROOT/private_media}"

# Refuse a damaged or incomplete backup before touching anything.
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --single-transaction --dbname "$DATABASE_URL" "$backup/database.dump"

stamp="$(date +%Y%m%d-%H%M%S)"
for name in media private_media; do
  folder="$media"
  [ "$name" = private_media ] && folder="$private_media"
  incoming="$folder.restoring-$stamp"
  mkdir -p "$incoming"
  tar --extract --gzip --file "$backup/$name.tar.gz" --directory "$incoming"
  if [ -e "$folder" ]; then
    mv "$folder" "$folder.before-restore-$stamp"
  fi
  mv "$incoming" "$folder"
done
echo "restore: $backup restored"
