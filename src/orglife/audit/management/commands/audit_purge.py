from typing import Any

from django.core.management.base import BaseCommand

from orglife.audit.services import entries_purge, retention_days


class Command(BaseCommand):
    help = "删除超过保存期限的审计记录 / purge audit entries older than the retention period"

    def handle(self, *args: Any, **options: Any) -> None:
        n = entries_purge()
        self.stdout.write(f"已删除 {n} 条超过 {retention_days()} 天的审计记录 / purged {n}")
