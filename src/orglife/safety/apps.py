from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "orglife.safety"
    label = "safety"
    verbose_name = "安全生产"

    def ready(self) -> None:
        # The 治理方案 gate on the ledger's "start" of a 重大事故隐患 (ledger/guards.py).
        from orglife.ledger import guards
        from orglife.ledger.models import Source
        from orglife.safety.services import hazard_start_guard

        guards.register(source=Source.HAZARD, action="start", guard=hazard_start_guard)
