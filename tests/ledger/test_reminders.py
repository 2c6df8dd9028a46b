"""Reminders: due within 7 days, overdue, missing progress; emailed through Django."""

from datetime import date

from django.core import mail

from orglife.ledger import services
from orglife.ledger.reminders import send_reminders
from tests.ledger.factories import closed_item, make_item


def _world_with_items(world):
    world.member_a.email = "member_a@example.org"
    world.member_a.save()
    late = make_item(world, title="逾期事项", deadline=date(2024, 1, 5))
    soon = make_item(world, title="即将到期事项", deadline=date(2024, 1, 17))
    make_item(world, title="还早的事项", deadline=date(2024, 3, 1))
    closed_item(world, title="已销号事项", deadline=date(2024, 1, 5))
    lt = make_item(
        world, title="长期事项", kind="long_term", deadline=None, owner=world.committee_a
    )
    services.item_progress_add(item=lt, actor=world.committee_a, text="进展", on=date(2023, 11, 1))
    return late, soon, lt


def test_it_reports_and_emails_each_owner_once(world):
    _world_with_items(world)
    report = send_reminders(dry_run=False, today=date(2024, 1, 10))
    assert [(r.item.title, r.reason) for r in report.reminders] == [
        ("逾期事项", "overdue"),
        ("长期事项", "progress_missing"),
        ("即将到期事项", "due_soon"),
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member_a@example.org"] and "2 项" in message.subject
    assert "逾期事项" in message.body and "即将到期事项" in message.body
    assert report.sent == ["member_a"] and report.no_address == ["committee_a"]
    summary = report.summary()
    assert "即将到期 1 项，已逾期 1 项，进展未报送 1 项" in summary
    assert "emails sent 1" in summary


def test_it_sends_nothing_on_a_dry_run(world):
    _world_with_items(world)
    report = send_reminders(dry_run=True, today=date(2024, 1, 10))
    assert mail.outbox == [] and len(report.reminders) == 3
    assert "试运行" in report.summary()


def test_it_uses_the_ledger_clock_by_default(world, today):
    make_item(world, title="逾期事项", deadline=date(2024, 1, 5))
    today(date(2023, 12, 1))
    assert send_reminders(dry_run=True).reminders == []
    today(date(2024, 1, 4))
    assert [r.reason for r in send_reminders(dry_run=True).reminders] == ["due_soon"]


def test_it_lists_reminders_in_the_app_for_visible_items_only(world, today):
    _world_with_items(world)
    page = world.client(world.member_a).get("/ledger/reminders/").content.decode()
    assert "逾期事项" in page and "即将到期事项" in page and "长期事项" in page
    assert "还早的事项" not in page and "已销号事项" not in page
    outsider = world.client(world.member_b).get("/ledger/reminders/").content.decode()
    assert "逾期事项" not in outsider
    mine = world.client(world.committee_a).get("/ledger/reminders/?mine=1").content.decode()
    assert "长期事项" in mine and "逾期事项" not in mine


def test_it_runs_the_remind_command(world, capsys):
    import argparse

    from orglife.site.commands import cmd_remind

    make_item(world, title="逾期事项", deadline=date(2024, 1, 5))
    assert cmd_remind(argparse.Namespace(dry_run=True)) == 0
    assert "已逾期 1 项" in capsys.readouterr().out
