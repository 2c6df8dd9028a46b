from datetime import date

import pytest

from orglife.documents.parse import parse_text
from orglife.meetings.drafting import draft_text
from orglife.meetings.services_plan import plan_save, plan_transition
from orglife.meetings.services_prep import opinion_create, study_record, talk_record

pytestmark = pytest.mark.django_db


def test_it_drafts_sections_one_and_two_from_the_records(world, meeting_a):
    plan_save(
        meeting=meeting_a,
        actor=world.secretary_a,
        planned_on=date(2026, 12, 20),
        place="三楼会议室",
        format="branch_congress",
        participants=[],
        agenda="",
        requirements="",
    )
    plan_transition(meeting=meeting_a, actor=world.secretary_a, action="submit")
    plan_transition(meeting=meeting_a, actor=world.reviewer, action="approve")
    for day, topic in [(10, "学习党章"), (18, "学习条例")]:
        study_record(
            meeting=meeting_a,
            actor=world.secretary_a,
            held_on=date(2026, 11, day),
            topic=topic,
            texts="《党章》",
            attendees=["secretary_a", "member_a"],
        )
    talk_record(
        meeting=meeting_a,
        actor=world.secretary_a,
        a="secretary_a",
        b="member_a",
        held_on=date(2026, 11, 20),
        topics="思想交流",
    )
    opinion_create(meeting=meeting_a, actor=world.secretary_a, source="public", text="窗口排队久")
    opinion_create(meeting=meeting_a, actor=world.secretary_a, source="member", text="学习形式单一")
    text = draft_text(meeting_a)
    assert "经上级党组织审核批准" in text and "2026年12月20日在三楼会议室召开" in text
    assert "集中学习研讨2次" in text and "学习党章" in text and "《党章》" in text
    assert "谈心谈话1人次" in text and "必谈的2对中已谈1对" in text
    assert "征求意见建议2条" in text and "群众1条" in text
    assert "整改台账中没有2026年以前" in text  # section 一 from the ledger's carry-forward
    roles = [s.role for s in parse_text(text).sections]
    assert roles[:2] == ["previous_rectification", "preparation"]
