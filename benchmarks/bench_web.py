"""The web app at the scale of a real committee (issue 13): pages and API under load.

Generates a committee (``--branches`` branches, ``--people`` people, ``--items`` ledger
items, ``--materials`` materials; bulk_create in batches) in a fresh database — SQLite in
a temporary directory, or PostgreSQL when ``DATABASE_URL`` is set (its database is
emptied first: give it one of its own) — serves it with gunicorn (``orglife serve``'s
command line) and drives the main pages and API from another process: a bounded pool of
``--users`` threads, each signed in as the committee's reviewer, for ``--requests``
requests per page. Prints requests/s and p50/p95/p99 per page, the queries each page
makes (counted in this process with Django's test client), and each page's p50 as a
ratio against ``/healthz`` measured in the same run.

    .venv/bin/python benchmarks/bench_web.py                # the issue's full size
    .venv/bin/python benchmarks/bench_web.py --size medium  # 100 branches, 100,000 items
    .venv/bin/python benchmarks/bench_web.py --smoke        # tiny; the test suite runs it

No thresholds are asserted: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

SIZES = {
    "smoke": {"branches": 3, "people": 30, "items": 200, "materials": 20},
    "medium": {"branches": 100, "people": 3000, "items": 100_000, "materials": 3000},
    "full": {"branches": 1000, "people": 30_000, "items": 600_000, "materials": 30_000},
}
PASSWORD = "bench-pass-2026"
BATCH = 5000


def _setup(var_dir: Path) -> None:
    os.environ["ORGLIFE_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orglife.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def generate(branches: int, people: int, items: int, materials: int) -> dict:
    """The committee, in batches; returns what the load generator needs."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from orglife.ledger.models import ProgressEntry, RectificationItem, refresh_last_progress
    from orglife.materials.models import InspectionMaterial
    from orglife.orgs.models import Membership, Organization, User

    if connection.vendor == "postgresql":
        with connection.cursor() as c:  # a fresh committee every run
            tables = connection.introspection.django_table_names(only_existing=True)
            keep = {"django_migrations"}
            c.execute(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in tables if t not in keep) + " CASCADE"
            )
    rng = random.Random(13)
    committee = Organization.objects.create(name="机关党委", kind="committee")
    orgs = [
        Organization.objects.create(name=f"第{i + 1}党支部", parent=committee, kind="branch")
        for i in range(branches)
    ]
    hashed = make_password(PASSWORD)
    reviewer = User.objects.create(username="reviewer", name="审核人", password=hashed)
    Membership.objects.create(user=reviewer, organization=committee, role="reviewer")
    users: list = []
    for start in range(0, people, BATCH):
        chunk = User.objects.bulk_create(
            [
                User(username=f"p{i}", name=f"党员{i}", password=hashed)
                for i in range(start, min(people, start + BATCH))
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user=u,
                    organization=orgs[(start + k) % branches],
                    role="secretary" if start + k < branches else "member",
                )
                for k, u in enumerate(chunk)
            ]
        )
        users += chunk
    statuses = ["open", "in_progress", "submitted", "closed"]
    categories = ["theory_study", "work_style", "responsibility", "integrity", "other"]
    for start in range(0, items, BATCH):
        rows = []
        for i in range(start, min(items, start + BATCH)):
            org_i = i % branches
            status = statuses[rng.randrange(4)]
            long_term = i % 11 == 0
            rows.append(
                RectificationItem(
                    org=orgs[org_i],
                    title=f"整改问题{i}：理论学习不够深入",
                    description="支部集中学习侧重文件传达，结合本单位实际交流研讨较少。",
                    category=categories[i % 5],
                    kind="long_term" if long_term else "deadline",
                    owner=users[(org_i + branches * (i % 7 + 1)) % len(users)],
                    leader=users[org_i],
                    deadline=None if long_term else date(2024, 1, 1) + timedelta(i % 365),
                    status=status,
                    verified_by=reviewer if status == "closed" else None,
                    closed_at=_now() if status == "closed" else None,
                    meeting_year=2023,
                )
            )
        made = RectificationItem.objects.bulk_create(rows)
        # 长期坚持 items with 0–2 progress entries, so "overdue" is judged on both paths.
        reported = [i for i in made if i.kind == "long_term" and rng.randrange(3)]
        ProgressEntry.objects.bulk_create(
            [
                ProgressEntry(
                    item=i, on=date(2024, 1, 1) + timedelta(rng.randrange(700)), text="进展"
                )
                for i in reported
                for _ in range(1 + rng.randrange(2))
            ]
        )
        refresh_last_progress([i.pk for i in reported])  # bulk_create skips ProgressEntry.save
    for start in range(0, materials, BATCH):
        InspectionMaterial.objects.bulk_create(
            [
                InspectionMaterial(
                    org=orgs[i % branches],
                    author=users[i % len(users)],
                    uploaded_by=users[i % len(users)],
                    kind="individual",
                    year=2023,
                    title=f"个人对照检查材料{i}",
                    structure={"title": f"个人对照检查材料{i}", "sections": []},
                )
                for i in range(start, min(materials, start + BATCH))
            ]
        )
    if connection.vendor == "postgresql":
        # Tables just bulk-loaded have no planner statistics and no visibility map yet
        # (autovacuum makes both within minutes in production); without them PostgreSQL
        # joins every item before the LIMIT and the run measures that, not the pages.
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
    return {"committee": committee.pk, "branch": orgs[0].pk}


def _now():
    from django.utils import timezone

    return timezone.now()


def pages(ids: dict) -> list[str]:
    c, b = ids["committee"], ids["branch"]
    return [
        "/healthz",
        "/",
        "/ledger/",
        f"/ledger/?org={b}&status=open",
        f"/ledger/summary/?org={c}",
        "/ledger/?overdue=1",
        "/ledger/reminders/",
        f"/ledger/lists/problems/?org={b}",
        "/review/materials/",
        "/orgs/",
        f"/orgs/{b}/",
        "/api/ledger/items",
        f"/api/ledger/items?org={b}&overdue=true",
        "/api/orgs",
    ]


def count_queries(urls: list[str], token: str) -> dict[str, int]:
    """Queries per page, counted in this process through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from orglife.orgs.models import User

    page = Client()
    page.force_login(User.objects.get(username="reviewer"))
    api = Client(headers={"Authorization": f"Bearer {token}"})
    out = {}
    for url in urls:
        client = api if url.startswith("/api/") else page
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        out[url] = len(ctx.captured_queries)
    return out


def session_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from orglife.orgs.models import User

    user = User.objects.get(username="reviewer")
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    # The configured backend: a session naming any other is anonymous, and every page
    # would measure the redirect to the sign-in page instead.
    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return f"sessionid={s.session_key}"


def api_token() -> str:
    from django.test import Client

    r = Client().post(
        "/api/auth/token",
        {"username": "reviewer", "password": PASSWORD},
        content_type="application/json",
    )
    return r.json()["token"]


def serve(port: int, workers: int, env: dict) -> subprocess.Popen:
    from orglife.site.commands import gunicorn_argv

    argv = gunicorn_argv("127.0.0.1", port, workers)
    argv[argv.index("--access-logfile") + 1] = "/dev/null"
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return proc
        except OSError:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else "gunicorn died"
                raise SystemExit(err) from None
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def drive(base: str, url: str, n: int, users: int, headers: dict) -> tuple[list[float], float]:
    """``n`` GETs of ``url`` from ``users`` threads; latencies (s) and wall time."""
    lat: list[float] = []
    lock = threading.Lock()

    def one(_: int) -> None:
        req = urllib.request.Request(base + url, headers=headers)
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            if r.status != 200 or r.geturl() != base + url:  # not redirected (to sign in)
                raise RuntimeError(f"{url}: {r.status} {r.geturl()}")
        with lock:
            lat.append(time.perf_counter() - t)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        list(pool.map(one, range(n)))
    return lat, time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", choices=sorted(SIZES), default="full")
    ap.add_argument("--smoke", action="store_true", help="tiny size, few requests")
    ap.add_argument("--branches", type=int)
    ap.add_argument("--people", type=int)
    ap.add_argument("--items", type=int)
    ap.add_argument("--materials", type=int)
    ap.add_argument("--users", type=int, default=20, help="concurrent clients (bounded)")
    ap.add_argument("--requests", type=int, default=200, help="requests per page")
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (2×CPU+1)")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    size = dict(SIZES["smoke" if args.smoke else args.size])
    for key in size:
        if getattr(args, key):
            size[key] = getattr(args, key)
    if args.smoke:
        args.users, args.requests = min(args.users, 4), min(args.requests, 8)

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        var = Path(tmp)
        t = time.perf_counter()
        _setup(var)
        from django.db import connection

        ids = generate(**size)
        print(
            f"generated on {connection.vendor}: {size['branches']} branches, {size['people']} "
            f"people, {size['items']} items, {size['materials']} materials "
            f"in {time.perf_counter() - t:.1f} s",
            flush=True,
        )
        urls = pages(ids)
        token = api_token()
        queries = count_queries(urls, token)
        cookie = session_cookie()
        connection.close()
        from orglife.site.commands import serve_workers

        workers = args.workers or serve_workers()
        port = args.port or 20000 + os.getpid() % 20000
        env = dict(os.environ, ORGLIFE_VAR_DIR=str(var), ORGLIFE_LOG_LEVEL="WARNING")
        proc = serve(port, workers, env)
        try:
            base = f"http://127.0.0.1:{port}"
            rows = []
            for url in urls:
                headers = (
                    {"Authorization": f"Bearer {token}"}
                    if url.startswith("/api/")
                    else {"Cookie": cookie}
                )
                drive(base, url, min(args.users, args.requests), args.users, headers)  # warm
                lat, wall = drive(base, url, args.requests, args.users, headers)
                rows.append((url, len(lat) / wall, *(pct(lat, p) * 1000 for p in (50, 95, 99))))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    base_p50 = rows[0][2] or 1e-9
    print(
        f"gunicorn {workers} workers, {args.users} concurrent clients, "
        f"{args.requests} requests per page"
    )
    print(
        f"{'page':44} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'queries':>7} "
        f"{'p50 / healthz':>13}"
    )
    for url, rps, p50, p95, p99 in rows:
        print(
            f"{url:44} {rps:7.1f} {p50:8.1f} {p95:8.1f} {p99:8.1f} {queries[url]:7d} "
            f"{p50 / base_p50:12.1f}x"
        )
    print(f"all pages p50 {statistics.median(r[2] for r in rows[1:]):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
