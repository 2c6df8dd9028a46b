from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "orglife.ledger"
    label = "ledger"
    verbose_name = "整改台账"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from orglife.core import remember
        from orglife.ledger.models import ProgressEntry, RectificationItem, refresh_last_progress

        remember.watch(RectificationItem, ProgressEntry)

        def progress_deleted(sender, instance: ProgressEntry, **kwargs) -> None:
            refresh_last_progress([instance.item_id])

        # A deleted entry may have been the latest: the item's denormalized date follows.
        post_delete.connect(progress_deleted, sender=ProgressEntry, weak=False)
