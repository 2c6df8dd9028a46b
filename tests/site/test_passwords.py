"""Setting the demo passwords again and one person's password (issue 15)."""

import pytest

from orglife.cli import main
from orglife.orgs.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch, capsys):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "first-pass-2026")
    assert main(["demo"]) == 0
    capsys.readouterr()


def test_it_sets_the_demo_passwords_again_from_the_environment(demo, monkeypatch, capsys):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "second-pass-2026")
    assert main(["demo"]) == 0
    assert "--reset-password" in capsys.readouterr().out  # the way is named where it is needed
    assert User.objects.get(username="member_a").check_password("first-pass-2026")
    assert main(["demo", "--reset-password"]) == 0
    out = capsys.readouterr().out
    assert "second-pass-2026" not in out
    for username in ("admin", "reviewer", "member_a", "member_b"):
        assert User.objects.get(username=username).check_password("second-pass-2026")


def test_it_generates_and_prints_a_new_demo_password(demo, monkeypatch, capsys):
    monkeypatch.delenv("ORGLIFE_DEMO_PASSWORD")
    assert main(["demo", "--reset-password"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "shown once" in x)
    assert User.objects.get(username="secretary_a").check_password(line.rsplit(" ", 1)[1])


def test_it_changes_one_persons_password(demo, monkeypatch):
    answers = iter(["Hong-Qi-2026-xyz", "Hong-Qi-2026-xyz"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["changepassword", "member_a"]) == 0
    assert User.objects.get(username="member_a").check_password("Hong-Qi-2026-xyz")
    assert User.objects.get(username="member_b").check_password("first-pass-2026")


def test_it_says_so_in_chinese_when_the_person_does_not_exist(demo, capsys):
    assert main(["changepassword", "nobody"]) == 2
    assert "未能修改密码" in capsys.readouterr().err
