from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class SiteConfig(AppConfig):
    name = "orglife.site"
    label = "orglife_site"
    verbose_name = "站点"

    def ready(self) -> None:
        # Settings only name the directories; they exist once Django starts (whitenoise warns
        # on a missing static root, SQLite cannot create a file in a missing directory).
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
