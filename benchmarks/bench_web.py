"""The web app at the scale of a real committee (issue 13): pages and API under load.

Generates a committee (``--branches`` branches, ``--people`` people, ``--items`` ledger
items, ``--materials`` materials; bulk_create in batches) in a fresh database — SQLite in
a temporary directory, or PostgreSQL when ``DATABASE_URL`` is set (its database is
emptied first: give it one of its own) — serves it with gunicorn (``orglife serve``'s
command line) and puts it under load with locust, run in its own process
(``web_locustfile.py``): ``--users`` people, each signed in as the committee's reviewer,
opening the main pages and API in turn. Two phases of ``--seconds`` each: people with a
think time between clicks (``--think``, 1–3 s: someone reading a list), then the same
clients with no pause (the server's capacity). Prints per page the requests, requests/s,
p50/p95/p99, the queries it makes (counted in this process with Django's test client) and
its p95 as a ratio against ``/healthz`` in the same run; and the gunicorn workers' resident
memory sampled over each phase (first, last, peak). Before the phases each page is opened
a few times, one request at a time (``warm``): the figures a page remembers are then in the
shared cache, as on a server that has been running.

    .venv/bin/python benchmarks/bench_web.py                # the issue's full size
    .venv/bin/python benchmarks/bench_web.py --size medium  # 100 branches, 100,000 items
    .venv/bin/python benchmarks/bench_web.py --smoke        # tiny; the test suite runs it

No thresholds are asserted: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


def generate(
    branches: int, people: int, items: int, materials: int, *, reuse: bool = False
) -> dict:
    """The committee, in batches; returns what the load generator needs. ``reuse``: keep a
    committee of the same size left in the PostgreSQL database by an earlier run."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from orglife.ledger.models import ProgressEntry, RectificationItem, refresh_last_progress
    from orglife.materials.models import InspectionMaterial
    from orglife.orgs.models import Membership, Organization, User

    if reuse and connection.vendor == "postgresql":
        committee = Organization.objects.filter(name="机关党委", kind="committee").first()
        same = (
            committee is not None
            and Organization.objects.filter(kind="branch").count() == branches
            and User.objects.count() == people + 1
            and RectificationItem.objects.count() == items
            and InspectionMaterial.objects.count() == materials
        )
        if committee is not None and same:  # the committee of an earlier run, as it was made
            first = Organization.objects.filter(parent=committee).order_by("pk").first()
            assert first is not None
            from orglife.core import remember

            remember.forget_all()  # every run starts with nothing remembered
            return {"committee": committee.pk, "branch": first.pk, "reused": True}
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


def warm(base: str, urls: list[str], auth: dict) -> None:
    """Three requests per page, one at a time, before anything is timed: the workers have
    imported their code and the shared cache holds each page's figures, as on a server that
    has been running (a change to the ledger makes the next request pay again)."""
    for url in urls:
        headers = (
            {"Authorization": f"Bearer {auth['token']}"}
            if url.startswith("/api/")
            else {"Cookie": auth["cookie"]}
        )
        for _ in range(3):
            with urllib.request.urlopen(
                urllib.request.Request(base + url, headers=headers), timeout=300
            ) as r:
                r.read()


def worker_rss(master: int) -> list[int]:
    """Resident memory (KiB) of each gunicorn worker, the master's children, from /proc."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # a worker recycled between the two reads
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                out.append(int(line.split()[1]))
    return out


def run_locust(
    base: str, urls: list[str], users: int, seconds: int, think: str, auth: dict, out: Path
) -> dict[str, dict[str, float]]:
    """Run locust headless in its own process; per page: count, failures, req/s, p50/p95/p99."""
    env = dict(
        os.environ,
        BENCH_URLS="\n".join(urls),
        BENCH_COOKIE=auth["cookie"],
        BENCH_TOKEN=auth["token"],
        BENCH_THINK=think,
    )
    argv = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(Path(__file__).with_name("web_locustfile.py")),
    ]
    argv += ["--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds}s"]
    argv += ["--host", base, "--csv", str(out), "--only-summary", "--loglevel", "ERROR"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=seconds + 120)
    stats = Path(f"{out}_stats.csv")
    if not stats.exists():
        raise SystemExit(f"locust failed ({done.returncode}): {done.stderr[-2000:]}")
    rows: dict[str, dict[str, float]] = {}
    with stats.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] in urls:
                rows[row["Name"]] = {
                    "count": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                }
    failed = {u: r["failures"] for u, r in rows.items() if r["failures"]}
    if failed:  # a redirect to the sign-in page or an error page would be measured as fast
        raise SystemExit(f"pages failed under load: {failed}\n{done.stdout[-2000:]}")
    return rows


class MemoryWatch(threading.Thread):
    """Samples the workers' resident memory every ``every`` seconds while the load runs."""

    def __init__(self, master: int, every: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.master, self.every = master, every
        self.samples: list[list[int]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.every):
            rss = worker_rss(self.master)
            if rss:
                self.samples.append(rss)

    def summary(self) -> str:
        if not self.samples:
            return "worker memory: no samples"
        first, last = self.samples[0], self.samples[-1]
        peak = max(max(s) for s in self.samples)
        return (
            f"worker memory (RSS, MiB, per worker): first {max(first) / 1024:.0f}, "
            f"last {max(last) / 1024:.0f}, peak {peak / 1024:.0f} over {len(self.samples)} samples"
        )


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", choices=sorted(SIZES), default="full")
    ap.add_argument("--smoke", action="store_true", help="tiny size, a few seconds of load")
    ap.add_argument("--branches", type=int)
    ap.add_argument("--people", type=int)
    ap.add_argument("--items", type=int)
    ap.add_argument("--materials", type=int)
    ap.add_argument("--users", type=int, default=20, help="simulated people (bounded)")
    ap.add_argument("--seconds", type=int, default=180, help="length of each load phase")
    ap.add_argument("--think", default="1,3", help="seconds between a person's clicks: min,max")
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (2×CPU+1)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument(
        "--reuse", action="store_true", help="PostgreSQL: keep an earlier run's committee"
    )
    args = ap.parse_args(argv)
    size = dict(SIZES["smoke" if args.smoke else args.size])
    for key in size:
        if getattr(args, key):
            size[key] = getattr(args, key)
    if args.smoke:
        args.users, args.seconds, args.think = min(args.users, 4), min(args.seconds, 6), "0,0.1"
    args.users = min(max(1, args.users), 200)

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        var = Path(tmp)
        t = time.perf_counter()
        _setup(var)
        from django.db import connection

        ids = generate(**size, reuse=args.reuse)
        print(
            f"{'reused' if ids.get('reused') else 'generated'} on {connection.vendor}: {size['branches']} branches, {size['people']} "
            f"people, {size['items']} items, {size['materials']} materials "
            f"in {time.perf_counter() - t:.1f} s",
            flush=True,
        )
        urls = pages(ids)
        auth = {"token": api_token(), "cookie": session_cookie()}
        queries = count_queries(urls, auth["token"])
        connection.close()
        from orglife.site.commands import serve_workers

        workers = args.workers or serve_workers()
        port = args.port or 20000 + os.getpid() % 20000
        env = dict(os.environ, ORGLIFE_VAR_DIR=str(var), ORGLIFE_LOG_LEVEL="WARNING")
        proc = serve(port, workers, env)
        base = f"http://127.0.0.1:{port}"
        phases = [(f"{args.users} people, {args.think} s between clicks", args.think)]
        phases.append((f"{args.users} clients, no pause (capacity)", "0,0"))
        results = []
        try:
            warm(base, urls, auth)
            for n, (label, think) in enumerate(phases):
                watch = MemoryWatch(proc.pid, every=0.5 if args.smoke else 2.0)
                watch.start()
                rows = run_locust(base, urls, args.users, args.seconds, think, auth, var / f"p{n}")
                watch.stop.set()
                watch.join()
                results.append((label, rows, watch.summary()))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"gunicorn {workers} workers; locust in its own process; {args.seconds} s per phase")
    for label, rows, memory in results:
        print(f"\n== {label}")
        print(
            f"{'page':44} {'n':>5} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
            f"{'queries':>7} {'p95 / healthz':>13}"
        )
        base_p95 = rows.get("/healthz", {}).get("p95") or 1.0
        for url in urls:
            r = rows.get(url)
            if r is None:
                print(f"{url:44} (no request reached this page: lengthen --seconds)")
                continue
            print(
                f"{url:44} {r['count']:5d} {r['rps']:6.1f} {r['p50']:7.0f} {r['p95']:7.0f} "
                f"{r['p99']:7.0f} {queries[url]:7d} {r['p95'] / base_p95:12.1f}x"
            )
        measured = [rows[u] for u in urls[1:] if u in rows]
        if measured:
            print(
                f"pages p95: median {statistics.median(r['p95'] for r in measured):.0f} ms, "
                f"worst {max(r['p95'] for r in measured):.0f} ms; "
                f"{sum(r['rps'] for r in rows.values()):.1f} req/s in all"
            )
        print(memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
