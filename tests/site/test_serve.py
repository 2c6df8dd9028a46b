"""``orglife serve``: gunicorn by CPU count after migrate; ``--dev`` keeps runserver."""

from __future__ import annotations

import argparse

import pytest

from orglife.cli import build_parser
from orglife.site import commands


def test_it_sizes_workers_by_cpu_count_and_caps_them(monkeypatch):
    monkeypatch.delenv("ORGLIFE_WORKERS", raising=False)
    assert commands.serve_workers(2) == 5
    assert commands.serve_workers(64) == commands.MAX_WORKERS
    monkeypatch.setenv("ORGLIFE_WORKERS", "3")
    assert commands.serve_workers(64) == 3


def test_it_binds_gunicorn_to_the_host_and_port():
    argv = commands.gunicorn_argv("127.0.0.1", 8123, 5)
    assert argv[1:4] == ["-m", "gunicorn", "orglife.site.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert argv[argv.index("--workers") + 1] == "5"


def test_its_workers_keep_their_database_connection(monkeypatch):
    monkeypatch.delenv("DJANGO_CONN_MAX_AGE", raising=False)
    argv = commands.gunicorn_argv("127.0.0.1", 8123, 5)
    assert argv[argv.index("--env") + 1] == "DJANGO_CONN_MAX_AGE=60"
    monkeypatch.setenv("DJANGO_CONN_MAX_AGE", "0")  # the deployment's own choice wins
    argv = commands.gunicorn_argv("127.0.0.1", 8123, 5)
    assert argv[argv.index("--env") + 1] == "DJANGO_CONN_MAX_AGE=0"


@pytest.mark.parametrize("dev", [False, True])
def test_it_migrates_then_runs_gunicorn_or_runserver(monkeypatch, dev, capsys):
    calls: list[tuple] = []
    monkeypatch.setattr(commands, "_setup", lambda: calls.append(("setup",)))
    monkeypatch.setattr(commands, "_migrate", lambda: calls.append(("migrate",)))
    monkeypatch.setattr(commands.os, "execv", lambda path, argv: calls.append(("execv", argv)))
    import django.core.management

    monkeypatch.setattr(
        django.core.management, "call_command", lambda *a, **k: calls.append(("call", a))
    )
    args = build_parser().parse_args(["serve", "--port", "8123", *(["--dev"] if dev else [])])
    assert isinstance(args, argparse.Namespace)
    commands.cmd_serve(args)
    assert calls[:2] == [("setup",), ("migrate",)]
    kind, payload = calls[2]
    if dev:
        assert kind == "call" and payload == ("runserver", "127.0.0.1:8123")
    else:
        assert kind == "execv" and "gunicorn" in payload
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
