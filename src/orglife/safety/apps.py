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

        # Under every source: an edit of a hazard's source must not slip past the gate (the
        # guard itself looks for the hazard's detail, so other items pass at once).
        for source in Source.values:
            guards.register(source=source, action="start", guard=hazard_start_guard)
