import io

import pytest

from orglife.orgs.models import Membership, Organization, User
from orglife.site.demo import load_demo


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    out = io.StringIO()
    load_demo(out=out)
    return out.getvalue()


def test_it_creates_the_demo_accounts_with_the_given_password(demo):
    for username in [
        "admin",
        "reviewer",
        "secretary_a",
        "committee_a",
        "member_a",
        "secretary_b",
        "member_b",
    ]:
        assert User.objects.get(username=username).check_password("demo-pass-2026")
    assert "demo-pass-2026" not in demo  # the env password is never echoed


def test_it_builds_the_committee_with_two_branches(demo):
    committee = Organization.objects.get(name="机关党委")
    assert sorted(c.name for c in committee.children.all()) == ["第一党支部", "第二党支部"]
    assert Membership.objects.get(user__username="reviewer").role == "reviewer"


def test_it_changes_nothing_when_run_again(demo, monkeypatch):
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "another")
    out = io.StringIO()
    load_demo(out=out)
    assert (
        User.objects.count(),
        Organization.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert User.objects.get(username="admin").check_password("demo-pass-2026")
    assert "未做改动" in out.getvalue()


def test_it_prints_a_generated_password_once(db, monkeypatch):
    monkeypatch.delenv("ORGLIFE_DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    load_demo(out=out)
    line = next(x for x in out.getvalue().splitlines() if "shown once" in x)
    password = line.rsplit(" ", 1)[1]
    assert User.objects.get(username="member_a").check_password(password)
