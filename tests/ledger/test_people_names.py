"""People are shown by name on ledger pages, never by sign-in name (issue 15)."""

import pytest

from orglife.ledger import services
from tests.ledger.factories import make_item

pytestmark = pytest.mark.django_db


def _name(user, name):
    user.name = name
    user.save(update_fields=["name"])


def test_it_shows_people_by_name_in_the_history(world, client):
    _name(world.member_a, "郑凯")
    item = make_item(world, owner=None)
    services.item_update(
        item=item,
        actor=world.secretary_a,
        data={"owner": world.member_a},
        note="",
        version=item.version,
    )
    client.force_login(world.secretary_a)
    page = client.get(f"/ledger/{item.pk}/").content.decode()
    assert "责任人：（空） → 郑凯" in page
    assert "→ member_a" not in page


def test_it_offers_owners_by_name_telling_apart_only_people_who_share_one(world, client):
    _name(world.member_a, "郑凯")
    _name(world.committee_a, "郑凯")
    _name(world.secretary_a, "王芳")
    item = make_item(world)
    client.force_login(world.secretary_a)
    page = client.get(f"/ledger/{item.pk}/edit/").content.decode()
    assert ">王芳</option>" in page
    assert ">郑凯（…er_a）</option>" in page  # member_a and committee_a share the name
    assert "（secretary_a）" not in page


def test_it_refuses_the_edit_page_to_another_branch(world, client):
    item = make_item(world)
    client.force_login(world.member_b)
    assert client.get(f"/ledger/{item.pk}/edit/").status_code == 404
