from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_migrate


def create_cache_table(using: str = "default", **kwargs: object) -> None:
    """The shared cache's table (core.remember) comes with every migrate, like a table of a
    model; createcachetable leaves an existing one alone."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class SiteConfig(AppConfig):
    name = "orglife.site"
    label = "orglife_site"
    verbose_name = "站点"

    def ready(self) -> None:
        # Settings only name the directories; they exist once Django starts (whitenoise warns
        # on a missing static root, SQLite cannot create a file in a missing directory).
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        # Sent only for apps with models (this one has none): after the orgs app's, once.
        post_migrate.connect(create_cache_table, sender=apps.get_app_config("orgs"), weak=False)
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
