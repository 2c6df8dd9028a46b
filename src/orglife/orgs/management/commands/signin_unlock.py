"""Lift the sign-in wait of accounts (orgs/throttle.py): the administrator's way out."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from orglife.orgs import throttle


class Command(BaseCommand):
    help = "解除账号的登录等待 / lift the sign-in wait of the given usernames"

    def add_arguments(self, parser) -> None:
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, **options) -> None:
        for username in options["usernames"]:
            throttle.unlock(username)
            self.stdout.write(f"已解除 {username} 的登录等待 / unlocked {username}")
