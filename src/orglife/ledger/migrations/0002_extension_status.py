# The request's state is called status, like the item's and the brief's.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="extensionrequest",
            name="ledger_one_pending_extension",
        ),
        migrations.RenameField(
            model_name="extensionrequest",
            old_name="state",
            new_name="status",
        ),
        migrations.AddConstraint(
            model_name="extensionrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("item",),
                name="ledger_one_pending_extension",
            ),
        ),
    ]
