import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from orglife.cli import main
from orglife.copycheck.models import ReferenceText, SimilarityDocument
from orglife.copycheck.tasks import material_fingerprint, reference_fingerprint
from orglife.documents.parse import parse_text
from orglife.materials.services import material_create

TEXT = (
    "2024年组织生活会个人对照检查材料\n一、存在的问题\n"
    + "理论学习不够深入，联系实际不够紧密。" * 20
)


def file(world):
    return material_create(
        actor=world.member_a, org=world.branch_a, material=parse_text(TEXT), kind="individual"
    )


def test_it_fingerprints_a_filed_material_through_the_task(world):
    record = file(world)
    assert SimilarityDocument.objects.filter(material=record).count() == 1
    again = material_fingerprint.enqueue(record.pk)
    assert again.status == TaskResultStatus.SUCCESSFUL and again.return_value is False
    assert SimilarityDocument.objects.filter(material=record).count() == 1


def test_it_fingerprints_a_reference_text_once(world):
    ref = ReferenceText.objects.create(title="范文", text=TEXT, uploaded_by=world.reviewer)
    first = reference_fingerprint.enqueue(ref.pk)
    second = reference_fingerprint.enqueue(ref.pk)
    assert (first.return_value, second.return_value) == (True, False)
    assert SimilarityDocument.objects.filter(reference=ref).count() == 1


# The worker closes its database connection between tasks, as a long-running process should.
@pytest.mark.django_db(transaction=True)
def test_it_leaves_the_fingerprinting_to_the_worker_with_the_database_backend(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    record = file(world)
    assert not SimilarityDocument.objects.filter(material=record).exists()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert SimilarityDocument.objects.filter(material=record).count() == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_it_says_no_worker_is_needed_with_the_immediate_backend(capsys):
    assert main(["worker", "--once"]) == 2
    assert "ORGLIFE_TASKS_BACKEND" in capsys.readouterr().err
