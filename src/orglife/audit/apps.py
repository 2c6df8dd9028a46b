from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "orglife.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from orglife.audit import receivers

        receivers.connect()
