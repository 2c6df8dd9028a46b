"""The next meeting's section 一 is written from this meeting's ledger."""

import pytest
from django.utils import timezone

from orglife.ledger.models import RectificationItem
from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from tests.meetings.after_helpers import held, meeting_of
from tests.meetings.materials_helpers import with_materials

pytestmark = pytest.mark.django_db


def test_it_writes_section_one_of_next_year_from_this_meeting(world, api):
    this = held(world)
    with_materials(world, this)
    ledger_from_meeting(meeting=this, actor=world.secretary_a)
    first = RectificationItem.objects.filter(meeting=this).order_by("pk").first()
    RectificationItem.objects.filter(pk=first.pk).update(
        status="closed", closed_at=timezone.now(), verified_by=world.reviewer, effect="学习制度落实"
    )
    nxt = meeting_of(world, year=2024, title="2024年度组织生活会")
    r = api(world.secretary_a).get(f"/api/meetings/{nxt.pk}/carry-forward")
    assert r.status_code == 200
    data = r.json()
    assert data["previous"] == this.pk
    assert "针对2023年组织生活会查摆出来的12个问题" in data["text"]
    assert "已完成整改并验收销号1项" in data["text"] and "学习制度落实" in data["text"]
    assert api(world.member_b).get(f"/api/meetings/{nxt.pk}/carry-forward").status_code == 404


def test_it_says_so_when_there_is_no_earlier_meeting(world, api):
    m = meeting_of(world)
    text = api(world.member_a).get(f"/api/meetings/{m.pk}/carry-forward").json()["text"]
    assert "没有2023年以前" in text
