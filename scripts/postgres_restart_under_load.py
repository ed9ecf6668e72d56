"""Restart PostgreSQL while the portal serves a load of requests, and show that it recovers
by itself without losing a write it acknowledged.

Usage (on a PostgreSQL cluster of its own, never the one others use; docs/operations.md):
    pg_createcluster 15 faults --port 5440 -- --auth-host=trust --auth-local=trust
    pg_ctlcluster --skip-systemctl-redirect 15 faults start
    .venv/bin/python scripts/postgres_restart_under_load.py --port 5440 --cluster faults

It creates the database kyodo_faults on that cluster (migrate, load_demo), opens an event's
sign-ups, serves the portal with gunicorn (2 workers, production settings over plain http),
then runs readers (/projects/, /healthz, an event page) and writers (anonymous event sign-ups,
each with its own address) for a while, restarts the cluster in the middle, and keeps the load
running. It prints what it saw: requests and failures before, around and after the restart,
how long until the portal answered again, and every acknowledged sign-up looked up in the
database afterwards. Exits 1 if the portal did not recover or an acknowledged write is missing.
"""

import argparse
import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DATABASE = "kyodo_faults"
SHARED_PORT = 5432  # the server everybody's tests use: never restarted by this script

OPEN_SIGNUPS = """
from django.utils import timezone
from events.models import CAPACITY_MAX
from events.selectors import accepting_signups
event = accepting_signups(timezone.localdate())[0]
signup = event.signup
signup.capacity, signup.keeps_waiting_list, signup.deadline = CAPACITY_MAX, True, None
signup.asks_phone = signup.asks_party_size = signup.asks_accessibility = False
signup.save()
print(event.pk)
"""


class Log:
    """Every request: when it ended, what it was, and its status (or the error's name)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []
        self.acknowledged = []  # addresses of sign-ups the portal answered with success
        self.unanswered = []  # sign-ups whose answer was an error: committed or not

    def add(self, kind, outcome):
        with self.lock:
            self.entries.append((time.monotonic(), kind, outcome))


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def reader(port, paths, log, stop):
    while not stop.is_set():
        for path in paths:
            try:
                status, _, _ = request(port, "GET", path)
                log.add("read", status)
            except Exception as error:  # noqa: BLE001 - what the client saw is the result
                log.add("read", type(error).__name__)


def writer(port, event_id, log, stop):
    """Anonymous sign-ups for the event: a 302 back to the event page is an acknowledged write."""
    path = f"/events/{event_id}/"
    cookie = token = None
    while not stop.is_set():
        if token is None:  # the form's CSRF token and cookie, once
            try:
                status, headers, body = request(port, "GET", path)
            except Exception as error:  # noqa: BLE001
                log.add("read", type(error).__name__)
                time.sleep(0.1)
                continue
            log.add("read", status)
            found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
            if status != 200 or not found or not cookie:
                time.sleep(0.1)
                continue
            token, cookie = found.group(1).decode(), cookie.group(1)
        address = f"fault-{uuid.uuid4().hex[:12]}@example.jp"
        form = {
            "csrfmiddlewaretoken": token,
            "once": uuid.uuid4().hex,
            "name": "障害 試験",
            "email": address,
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        try:
            status, answer, _ = request(port, "POST", path, urlencode(form), headers)
        except Exception as error:  # noqa: BLE001
            log.add("write", type(error).__name__)
            with log.lock:
                log.unanswered.append(address)
            continue
        acknowledged = status == 302 and answer.get("Location", "").endswith(path)
        log.add("write", status if acknowledged or status >= 500 else f"{status} refused")
        with log.lock:
            (log.acknowledged if acknowledged else log.unanswered).append(address)


def wait_until_served(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not start")


def summary(entries, start, end):
    counts = Counter((kind, outcome) for when, kind, outcome in entries if start <= when < end)
    ok = sum(n for (kind, outcome), n in counts.items() if outcome in (200, 302))
    failed = {
        f"{kind} {outcome}": n for (kind, outcome), n in counts.items() if outcome not in (200, 302)
    }
    return ok, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the PostgreSQL cluster's port")
    parser.add_argument("--cluster", required=True, help="its name, as pg_lsclusters shows it")
    parser.add_argument("--version", default="15")
    parser.add_argument("--http-port", type=int, default=8765)
    parser.add_argument("--before", type=float, default=15, help="seconds of load before")
    parser.add_argument("--after", type=float, default=30, help="seconds of load after")
    args = parser.parse_args()
    if args.port == SHARED_PORT or args.cluster == "main":
        sys.exit("refusing to restart the shared PostgreSQL server: use a cluster of its own")

    url = f"postgres://postgres@127.0.0.1:{args.port}/{DATABASE}"
    files = Path(tempfile.mkdtemp(prefix="kyodo-faults-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "SITE_URL": f"http://127.0.0.1:{args.http_port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain http on the loopback: the HTTPS-only switches off, explicitly.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
        "MEDIA_ROOT": str(files / "media"),
        "PRIVATE_MEDIA_ROOT": str(files / "private_media"),
    }

    print(f"preparing {DATABASE} on port {args.port} (migrate, load_demo)…", flush=True)
    admin = psycopg2.connect(f"postgres://postgres@127.0.0.1:{args.port}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE} ENCODING 'UTF8' TEMPLATE template0")
    admin.close()
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    event_id = int(
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", OPEN_SIGNUPS],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )

    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{args.http_port}",
            "--log-level",
            "error",
            "--no-control-socket",  # the user's default one may belong to another gunicorn
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_served(args.http_port)
        log, stop = Log(), threading.Event()
        paths = ["/projects/", "/healthz", f"/events/{event_id}/"]
        threads = [
            threading.Thread(target=reader, args=(args.http_port, paths, log, stop))
            for _ in range(3)
        ]
        threads += [
            threading.Thread(target=writer, args=(args.http_port, event_id, log, stop))
            for _ in range(3)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.before)

        print(f"restarting PostgreSQL {args.version}/{args.cluster} under load…", flush=True)
        restart_began = time.monotonic()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", args.version, args.cluster, "restart"],
            check=True,
        )
        restart_ended = time.monotonic()
        time.sleep(args.after)
        stop.set()
        for thread in threads:
            thread.join()
        ended = time.monotonic()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    entries = sorted(log.entries)
    failures = [
        when
        for when, kind, outcome in entries
        if outcome not in (200, 302) and not str(outcome).endswith("refused")
    ]
    after_restart = [(when, outcome) for when, kind, outcome in entries if when >= restart_ended]
    first_ok = next((when for when, outcome in after_restart if outcome in (200, 302)), None)
    last_failure = max(failures) if failures else None
    print()
    print(f"{'phase':36} {'answered':>9}  failures")
    for name, start, end in [
        ("before the restart", started, restart_began),
        (f"restart ({restart_ended - restart_began:.1f} s)", restart_began, restart_ended),
        ("first 3 s after", restart_ended, restart_ended + 3),
        ("after that", restart_ended + 3, ended + 1),
    ]:
        ok, failed = summary(entries, start, end)
        print(f"{name:36} {ok:9d}  {failed or '-'}")
    if first_ok is not None:
        print(f"first answer after the restart: {first_ok - restart_ended:.2f} s after it ended")
    if last_failure is not None:
        print(f"last failure: {last_failure - restart_ended:+.2f} s from the restart's end")

    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM events_application WHERE email LIKE %s", ["fault-%"])
        stored = {email for (email,) in cursor.fetchall()}
    connection.close()
    lost = [address for address in log.acknowledged if address not in stored]
    unanswered_stored = sum(1 for address in log.unanswered if address in stored)
    print(
        f"sign-ups acknowledged: {len(log.acknowledged)}, found in the database: "
        f"{len(log.acknowledged) - len(lost)}, lost: {len(lost)}"
    )
    print(
        f"sign-ups answered with an error: {len(log.unanswered)} "
        f"(of which committed anyway: {unanswered_stored})"
    )
    tail_start = ended - min(5.0, args.after / 2)
    tail_ok, tail_failed = summary(entries, tail_start, ended + 1)
    recovered = tail_ok > 0 and not tail_failed
    print(
        f"recovered by itself (last {ended - tail_start:.0f} s all answered): {'yes' if recovered else 'NO'}"
    )
    if lost or not recovered:
        sys.exit(1)


if __name__ == "__main__":
    main()
