import pytest

from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.summaries import ConsentState
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied
from tests.unit.services.conftest import World

pytestmark = pytest.mark.unit


def reads(world: World, reader: str) -> list[AuditEntry]:
    user_id = world.people[reader].id
    return [
        e
        for e in world.s.audit.entries(OPERATOR)
        if e.actor_id == user_id and e.action is AuditAction.READ and e.resource == "summary"
    ]


def test_every_read_of_a_shared_summary_is_audited(world: World):
    shared = world.summaries[ConsentState.SHARED_PARTNER]
    view = world.s.summaries.read(world.people["mentor"], shared.id)
    assert view.text.endswith("(shared_partner)")
    assert [(e.resource_id, e.pair_id) for e in reads(world, "mentor")] == [
        (shared.id, world.pair.id)
    ]


def test_listing_audits_each_summary_returned(world: World):
    views = world.s.summaries.for_pair(world.people["mentor"], world.pair.id)
    states = {v.summary.state for v in views}
    assert states == {ConsentState.SHARED_PARTNER, ConsentState.SHARED_PROGRAM}
    assert sorted(e.resource_id for e in reads(world, "mentor")) == sorted(
        v.summary.id for v in views
    )


def test_a_lead_sees_only_what_was_shared_with_the_program(world: World):
    lead = world.people["lead"]
    views = world.s.summaries.shared_with_program(lead)
    assert [v.summary.id for v in views] == [world.summaries[ConsentState.SHARED_PROGRAM].id]
    assert [v.summary.id for v in world.s.summaries.for_pair(lead, world.pair.id)] == [
        world.summaries[ConsentState.SHARED_PROGRAM].id
    ]


def test_withdrawing_consent_hides_the_summary_again(world: World):
    shared = world.summaries[ConsentState.SHARED_PROGRAM]
    world.s.summaries.move(world.people["mentee"], shared.id, ConsentState.APPROVED)
    assert world.s.summaries.shared_with_program(world.people["lead"]) == []
    with pytest.raises(PermissionDenied):
        world.s.summaries.read(world.people["mentor"], shared.id)


def test_edits_keep_every_version_and_need_fresh_consent(world: World):
    mentee = world.people["mentee"]
    shared = world.summaries[ConsentState.SHARED_PROGRAM]
    world.tick()
    revised = world.s.summaries.revise(mentee, shared.id, "A corrected summary")
    assert (revised.state, revised.current_version) == (ConsentState.DRAFT, 2)
    history = world.s.summaries.history(mentee, shared.id)
    assert [v.number for v in history] == [1, 2]
    assert history[0].text.endswith("(shared_program)")
    assert world.s.summaries.read(mentee, shared.id).text == "A corrected summary"
    with pytest.raises(PermissionDenied):  # the lead consented to nothing new
        world.s.summaries.read(world.people["lead"], shared.id)


def test_sharing_and_withdrawing_are_audited_as_such(world: World):
    draft = world.summaries[ConsentState.DRAFT]
    mentee = world.people["mentee"]
    world.tick()
    world.s.summaries.move(mentee, draft.id, "approved")
    world.tick()
    world.s.summaries.move(mentee, draft.id, "draft")
    actions = [e.action for e in world.s.audit.entries(OPERATOR) if e.resource_id == draft.id]
    assert actions[-2:] == [AuditAction.SHARE, AuditAction.WITHDRAW]
