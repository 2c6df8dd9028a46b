"""Delete expired API tokens (they are also cleaned whenever a token is issued)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from orglife.orgs.models import ApiToken


class Command(BaseCommand):
    help = "删除过期的 API 令牌 / delete expired API tokens"

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"已删除 {ApiToken.clean_expired()} 个过期令牌")
