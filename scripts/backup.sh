#!/usr/bin/env bash
# Back up the portal into one folder: the database (pg_dump, custom format) and both file
# folders (MEDIA_ROOT: logos, images, report photos; PRIVATE_MEDIA_ROOT: proposal
# attachments), with their SHA-256 sums. See docs/operations.md.
#
# Usage: DATABASE_URL=postgres://… scripts/backup.sh DESTINATION
# MEDIA_ROOT and PRIVATE_MEDIA_ROOT default to the project's media/ and private_media/, as in
# config/settings.py. DESTINATION must not exist yet (a backup is never written over).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
destination="${1:?usage: scripts/backup.sh DESTINATION}"
: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
media="${MEDIA_ROOT:-$ROOT/media}"
private_media="${PRIVATE_MEDIA_ROOT:-$ROOT/private_media}"

if [ -e "$destination" ]; then
  echo "backup: $destination already exists" >&2
  exit 1
fi
mkdir -p "$destination"

# One consistent snapshot of the database, restorable into any PostgreSQL 15 or later.
pg_dump --format=custom --no-owner --no-privileges --file "$destination/database.dump" "$DATABASE_URL"

# The folders as they are now (a missing folder is backed up as an empty one).
for name in media private_media; do
  folder="$media"
  [ "$name" = private_media ] && folder="$private_media"
  if [ -d "$folder" ]; then
    tar --create --gzip --file "$destination/$name.tar.gz" --directory "$folder" .
  else
    tar --create --gzip --file "$destination/$name.tar.gz" --files-from /dev/null
  fi
done

(cd "$destination" && sha256sum database.dump media.tar.gz private_media.tar.gz > SHA256SUMS)
chmod -R go-rwx "$destination"  # personal data inside: readable by the backup's owner only
echo "backup: $destination ($(du -sh "$destination" | cut -f1))"
