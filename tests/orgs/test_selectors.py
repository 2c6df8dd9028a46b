from orglife.orgs import selectors
from orglife.orgs.models import Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


def names(qs):
    return sorted(o.name for o in qs)


def test_it_shows_a_member_only_their_own_branch(world):
    assert names(selectors.orgs_visible_to(world.member_a)) == ["第一党支部"]


def test_it_shows_a_reviewer_every_branch_below_their_committee(world):
    assert names(selectors.orgs_visible_to(world.reviewer)) == sorted(
        ["第一党支部", "第二党支部", "机关党委"]
    )


def test_it_shows_an_outsider_nothing_of_another_branch(world):
    assert world.branch_a not in selectors.orgs_visible_to(world.secretary_b)


def test_it_shows_a_person_without_seats_nothing(world):
    assert not selectors.orgs_visible_to(UserFactory()).exists()


def test_it_shows_a_group_member_the_branch_of_their_group(world):
    group = OrganizationFactory(
        name="第一党小组", kind=Organization.Kind.GROUP, parent=world.branch_a
    )
    u = UserFactory()
    MembershipFactory(user=u, organization=group)
    assert names(selectors.orgs_visible_to(u)) == ["第一党小组", "第一党支部"]


def test_it_keeps_subtree_paths_when_an_org_moves(world):
    other = OrganizationFactory(name="另一党委", kind=Organization.Kind.PARTY_COMMITTEE)
    world.branch_a.parent = other
    world.branch_a.save()
    assert world.branch_a not in selectors.orgs_visible_to(world.reviewer)
    world.branch_a.refresh_from_db()
    assert world.branch_a.path.startswith(other.path)


def test_it_refuses_a_branch_under_a_group(world):
    import pytest
    from django.core.exceptions import ValidationError

    group = OrganizationFactory(name="小组", kind=Organization.Kind.GROUP, parent=world.branch_a)
    bad = Organization(name="错误支部", kind=Organization.Kind.BRANCH, parent=group)
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_it_names_the_home_role(world):
    assert selectors.home_role(world.admin) == "admin"
    assert selectors.home_role(world.reviewer) == "reviewer"
    assert selectors.home_role(world.secretary_a) == "secretary"
    assert (
        selectors.home_role(world.committee_a) == selectors.HomeRole.COMMITTEE_MEMBER == "committee"
    )
    assert selectors.home_role(world.member_a) == "member"


def test_org_choices_are_the_visible_organizations_in_tree_order(world):
    from orglife.orgs.selectors import org_choices

    assert org_choices(world.reviewer) == [
        (world.committee.pk, "机关党委"),
        (world.branch_a.pk, "第一党支部"),
        (world.branch_b.pk, "第二党支部"),
    ]
    assert org_choices(world.member_b) == [(world.branch_b.pk, "第二党支部")]


def test_org_options_escape_names_and_mark_the_chosen_one():
    from orglife.orgs.templatetags.org_options import org_options

    html = org_options([(1, "甲"), (2, '<b>"乙"&</b>')], "2")
    assert html == (
        '<option value="1">甲</option>'
        '<option value="2" selected>&lt;b&gt;&quot;乙&quot;&amp;&lt;/b&gt;</option>'
    )
