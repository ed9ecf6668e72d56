"""Prove that a backup restores: fill a database, back it up, wipe it, restore, compare.

Usage: .venv/bin/python scripts/check_backup_restore.py postgres://postgres@127.0.0.1:5432/kyodo_backup_check

The database named is DROPPED and created again: give it a name of its own, never the
production database or one somebody else uses. The file folders live in a temporary folder.
Steps: migrate and `load_demo` (with the demo's files), fingerprint every table (rows and a
digest of their contents), every sequence and every file; scripts/backup.sh; drop the
database and delete the folders; create the database empty; scripts/restore.sh; fingerprint
again. Prints what it compared; exits 1 when anything differs.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
# A table's fingerprint: its row count and a digest of every row's text, in a fixed order.
ROWS = """SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))
FROM "{table}" t"""
REFUSED = {"kyodo", "kyodo_ci", "postgres", "template0", "template1"}


def run(args, env, **kwargs):
    subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def maintenance(url, sql):
    """Run `sql` on the server's `postgres` database (CREATE / DROP DATABASE)."""
    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def database_fingerprint(url):
    connection = psycopg2.connect(url)
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(ROWS.format(table=table))
            found[f"table {table}"] = cursor.fetchone()
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        for name, last_value in cursor.fetchall():
            found[f"sequence {name}"] = last_value
    connection.close()
    return found


def files_fingerprint(*folders):
    found = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                found[f"file {path.relative_to(folder.parent)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def main():
    if len(sys.argv) != 2 or not sys.argv[1].startswith(("postgres://", "postgresql://")):
        sys.exit(__doc__)
    url = sys.argv[1]
    name = urlsplit(url).path.lstrip("/")
    if name in REFUSED or not name.replace("_", "").isalnum():
        sys.exit(f"refusing to drop the database {name!r}: name one of your own")

    work = Path(tempfile.mkdtemp(prefix="kyodo-backup-check-"))
    media, private_media = work / "media", work / "private_media"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "backup-check-only",
        "SITE_URL": "http://127.0.0.1:8000",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private_media),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    python = str(ROOT / ".venv" / "bin" / "python")

    print(f"1. fill {name}: migrate, load_demo")
    maintenance(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    maintenance(url, f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "load_demo"], env, stdout=subprocess.DEVNULL)
    # A public file too (the demo's files are proposal attachments, in the private folder).
    (media / "backup-check").mkdir(parents=True, exist_ok=True)
    (media / "backup-check" / "logo.svg").write_bytes(
        (ROOT / "static" / "img" / "favicon.svg").read_bytes()
    )
    before = {**database_fingerprint(url), **files_fingerprint(media, private_media)}
    tables = sum(1 for key in before if key.startswith("table "))
    rows = sum(value[0] for key, value in before.items() if key.startswith("table "))
    files = sum(1 for key in before if key.startswith("file "))
    print(f"   {tables} tables, {rows} rows, {files} files")

    print("2. back up (scripts/backup.sh)")
    backup = work / "backup"
    run([str(ROOT / "scripts" / "backup.sh"), str(backup)], env)

    print("3. wipe: drop the database, delete both folders")
    maintenance(url, f'DROP DATABASE "{name}" WITH (FORCE)')
    subprocess.run(["rm", "-rf", str(media), str(private_media)], check=True)

    print("4. restore (createdb, scripts/restore.sh)")
    maintenance(url, f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    run([str(ROOT / "scripts" / "restore.sh"), str(backup)], env)

    print("5. compare")
    after = {**database_fingerprint(url), **files_fingerprint(media, private_media)}
    differences = sorted(
        key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
    )
    for key in differences:
        print(f"   DIFFERS {key}: {before.get(key)} -> {after.get(key)}")
    if differences:
        print(f"FAILED: {len(differences)} of {len(before)} items differ")
        sys.exit(1)
    print(f"OK: all {len(before)} items identical ({tables} tables, {rows} rows, {files} files)")
    run([python, "manage.py", "check", "--database", "default"], env, stdout=subprocess.DEVNULL)
    print("   manage.py check --database default passes on the restored database")
    subprocess.run(["rm", "-rf", str(work)], check=True)


if __name__ == "__main__":
    main()
