from orglife.orgs import permissions


def test_it_lets_the_secretary_and_reviewer_manage_but_not_members(world):
    assert permissions.may_manage(world.secretary_a, world.branch_a)
    assert permissions.may_manage(world.reviewer, world.branch_a)
    assert not permissions.may_manage(world.member_a, world.branch_a)
    assert not permissions.may_manage(world.committee_a, world.branch_a)
    assert not permissions.may_manage(world.secretary_b, world.branch_a)


def test_it_knows_a_reviewer_above_from_one_of_the_branch(world):
    assert permissions.is_reviewer_above(world.reviewer, world.branch_a)
    assert not permissions.is_reviewer_above(world.secretary_a, world.branch_a)


def test_it_types_roles_as_the_role_enum(world):
    roles = permissions.roles_of(world.committee_a, world.branch_a)
    assert roles == {permissions.Role.ORGANIZATION}
    assert permissions.is_committee_member(world.committee_a, world.branch_a)
    assert not permissions.is_committee_member(world.member_a, world.branch_a)
