"""One row per document (DocFingerprints.to_record()) instead of one row per fingerprint.

Stored documents are dropped: the copy check fingerprints any material without a row
again on first use (``_ensure_registered``), so nothing is lost.
"""

from django.db import migrations, models


def drop_documents(apps, schema_editor):
    apps.get_model("copycheck", "SimilarityDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("copycheck", "0001_initial")]

    operations = [
        migrations.RunPython(drop_documents, migrations.RunPython.noop),
        migrations.DeleteModel(name="Fingerprint"),
        migrations.AddField(
            model_name="similaritydocument", name="hashes", field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="similaritydocument", name="starts", field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="similaritydocument", name="ends", field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
    ]
