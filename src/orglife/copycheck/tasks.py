"""The copy check's background work (django-tasks): fingerprinting a filed text.

With the default immediate backend a task runs when it is enqueued, inside the filing's
transaction, as before. With the database backend (``ORGLIFE_TASKS_BACKEND=
django_tasks_db.DatabaseBackend``) the task row is written in that same transaction and
``orglife worker`` runs it after the commit, so filing never waits for the hashing. A
page that needs fingerprints not yet computed computes them itself (``copycheck``'s
``_ensure_registered``); both ways are idempotent.
"""

from __future__ import annotations

from django_tasks import task

from orglife.copycheck.copycheck import document_register
from orglife.copycheck.models import ReferenceText, SimilarityDocument
from orglife.materials.models import InspectionMaterial


@task()
def material_fingerprint(material_id: int) -> bool:
    """Fingerprint a filed material once; False when it is gone or already fingerprinted."""
    material = InspectionMaterial.objects.filter(pk=material_id).first()
    if material is None or SimilarityDocument.objects.filter(material=material).exists():
        return False
    document_register(material=material)
    return True


@task()
def reference_fingerprint(reference_id: int) -> bool:
    """Fingerprint a reference text once; False when it is gone or already fingerprinted."""
    reference = ReferenceText.objects.filter(pk=reference_id).first()
    if reference is None or SimilarityDocument.objects.filter(reference=reference).exists():
        return False
    document_register(reference=reference)
    return True


def on_material_filed(sender: object, *, material: InspectionMaterial, **kwargs: object) -> None:
    """Receiver of ``materials.services.material_filed``: enqueue the new material's
    fingerprinting."""
    material_fingerprint.enqueue(material.pk)
