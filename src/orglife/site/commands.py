"""The Django-backed subcommands of ``orglife``: demo, serve, remind, worker, backup, restore,
verify, audit-purge."""

from __future__ import annotations

import argparse
import os
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orglife.site.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _quiet() -> None:
    # One-shot commands print their own summary; the web app's INFO log lines are noise here.
    import logging

    if "ORGLIFE_LOG_LEVEL" not in os.environ:
        logging.getLogger("orglife").setLevel(logging.WARNING)


def cmd_demo(args: argparse.Namespace) -> int:
    _setup()
    _quiet()
    _migrate()
    if getattr(args, "reset_password", False):
        from orglife.site.passwords import reset_demo_passwords

        return reset_demo_passwords(out=sys.stdout)
    from orglife.site.demo import load_demo

    load_demo(out=sys.stdout)
    return 0


MAX_WORKERS = 8  # a government intranet server is small; more workers only queue on the DB


def serve_workers(cpus: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 × CPU + 1, capped (``ORGLIFE_WORKERS`` overrides)."""
    if os.environ.get("ORGLIFE_WORKERS", "").isdigit():
        return max(1, int(os.environ["ORGLIFE_WORKERS"]))
    return min(2 * (cpus or os.cpu_count() or 1) + 1, MAX_WORKERS)


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line: sync workers, each recycled after a bounded number of
    requests so memory stays flat; access log to stdout."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "orglife.site.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--access-logfile",
        "-",
        # Each sync worker keeps its database connection between requests (Django's
        # persistent connections, checked before reuse); opening one per request cost
        # PostgreSQL a backend process each time. Not for runserver, whose thread per
        # request would leave one connection per thread.
        "--env",
        f"DJANGO_CONN_MAX_AGE={os.environ.get('DJANGO_CONN_MAX_AGE', '60')}",
    ]


def cmd_changepassword(args: argparse.Namespace) -> int:
    """Django's changepassword (asks twice, checks the password rules), in Chinese on error."""
    _setup()
    _migrate()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("changepassword", args.username)
    except CommandError as exc:
        print(f"未能修改密码 / password not changed: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    url = f"http://{args.host}:{args.port}/"
    if args.dev:
        from django.core.management import call_command

        print(f"orglife: {url}  （开发服务器 / runserver，Ctrl+C 退出）", flush=True)
        call_command(
            "runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True
        )
        return 0
    workers = args.workers or serve_workers()
    print(f"orglife: {url}  （gunicorn，{workers} 个进程，Ctrl+C 退出）", flush=True)
    argv = gunicorn_argv(args.host, args.port, workers)
    os.execv(argv[0], argv)  # gunicorn takes over the process: signals reach it directly
    return 0  # pragma: no cover - execv does not return


def cmd_remind(args: argparse.Namespace) -> int:
    _setup()
    _quiet()
    from orglife.ledger.reminders import send_reminders

    report = send_reminders(dry_run=args.dry_run)
    print(report.summary())
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    _setup()
    _quiet()
    from orglife.site.backup import backup

    print(backup(args.output, method=args.method).summary())
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _setup()
    _quiet()
    from orglife.site.backup import restore

    manifest = restore(args.directory)
    print(f"恢复完成 / restored: {args.directory} (备份于 {manifest['created_at']})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    _setup()
    _quiet()
    from orglife.core.chain import chained_models, verify_chain

    total = 0
    for model in chained_models():
        broken, head = verify_chain(model)
        for link in broken:
            print(link.line())
        total += len(broken)
        # The head, kept somewhere else, later shows whether the newest rows were cut off.
        print(f"{model._meta.label} 链头 / head: {head or '(空 / empty)'}", file=sys.stderr)
    if total:
        print(f"历史记录哈希链有 {total} 处断裂 / {total} broken link(s)", file=sys.stderr)
        return 1
    print("历史记录哈希链完好 / every history chain verifies")
    return 0


def cmd_audit_purge(args: argparse.Namespace) -> int:
    _setup()
    _quiet()
    from orglife.audit.services import entries_purge, retention_days

    n = entries_purge()
    print(f"已删除 {n} 条超过 {retention_days()} 天的审计记录 / purged {n} audit entries")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run the tasks the database backend queued (the copy check's fingerprinting)."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        print(
            f"后台任务不需要单独运行：当前后端为 {backend} / no worker needed: tasks run in"
            " the web process (set ORGLIFE_TASKS_BACKEND=django_tasks_db.DatabaseBackend)",
            file=sys.stderr,
        )
        return 2
    _migrate()
    options = {"batch": True} if args.once else {}
    call_command("db_worker", no_startup_delay=True, **options)
    return 0
