"""Load the default inspection checklists (data/checklists.toml); the admin edits them after."""

import tomllib
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "checklists.toml"


def load(apps, schema_editor):
    ChecklistItem = apps.get_model("safety", "ChecklistItem")
    if ChecklistItem.objects.exists():
        return
    with DATA.open("rb") as f:
        lists = tomllib.load(f)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(area=area, text=text, sort_order=i)
        for area, lines in lists.items()
        for i, text in enumerate(lines)
    )


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
