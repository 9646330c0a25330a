from chibo.accounts.access import access_member, user_scope
from chibo.organizations import selectors


def test_it_builds_the_named_world(world):
    assert list(selectors.cell_roster(world.cell_a).values_list("full_name", flat=True)) == [
        "Nguyễn Văn An", "Trần Thị Bích", "Lê Đức Cường", "Phạm Thị Dung",
    ]
    assert user_scope(world.secretary_a).writes(world.cell_a)
    assert not user_scope(world.secretary_a).reads(world.cell_b)
    assert access_member(world.secretary_a, world.a_members[1].pk).pk == world.a_members[1].pk
