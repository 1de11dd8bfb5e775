import pytest

from coach.domain.reflections import Reflection
from coach.services.reflections import ReflectionService
from tests.unit.services.conftest import SECRETS, World

pytestmark = pytest.mark.unit


def stored(world: World) -> list[Reflection]:
    with world.store.transaction(write=False) as tx:
        return tx.find(Reflection)


def test_a_reflection_is_saved_even_when_the_follow_up_fails(world: World):
    def broken_summary_drafter(actor, reflection):
        raise RuntimeError("model server unreachable")

    service = ReflectionService(world.store, world.clock, follow_ups=(broken_summary_drafter,))
    saved = service.write(world.people["mentee"], world.pair.id, "What I learned today")
    assert saved.reflection in stored(world)
    assert saved.notes == ("saved, but a follow-up failed: model server unreachable",)


def test_follow_ups_run_after_the_commit(world: World):
    seen = []

    def follow_up(actor, reflection):
        seen.append(reflection in stored(world))

    service = ReflectionService(world.store, world.clock, follow_ups=(follow_up,))
    service.write(world.people["mentee"], world.pair.id, "Committed first")
    assert seen == [True]


def test_a_wrong_session_link_does_not_lose_the_text(world: World):
    saved = world.s.reflections.write(
        world.people["outsider"], world.other_pair.id, "Long careful notes", world.ids["session"]
    )
    assert saved.reflection.session_id is None
    assert saved.reflection in stored(world)
    assert "not one of this pair's" in saved.notes[0]


def test_each_author_lists_only_their_own(world: World):
    mentee = world.people["mentee"]
    world.s.reflections.write(mentee, world.pair.id, "Mentee's own notes")
    mine = world.s.reflections.mine(mentee)
    assert [r.text for r in mine] == ["Mentee's own notes"]
    assert [r.text for r in world.s.reflections.mine(world.people["mentor"])] == [
        SECRETS["reflection"]
    ]
    assert world.s.reflections.mine(world.people["admin"]) == []
