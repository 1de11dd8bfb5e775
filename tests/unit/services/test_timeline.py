"""Who reads a learning timeline: its author; others only what the author shared with them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.domain.audit import AuditAction
from coach.domain.summaries import ConsentState
from coach.generation.prompts import load_prompt
from coach.generation.timeline import ParagraphWriter
from coach.llm.fake import FakeChatModel
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied
from coach.services.timeline import TimelineService
from tests.conftest import REPO
from tests.unit.services.conftest import START, World

pytestmark = pytest.mark.unit
PROMPT = load_prompt(REPO / "prompts", "learning_timeline")
LEARNED = "I ask the team before I decide on the rota."
DRAFT = "A draft nobody else may see."
REPLY = "[S1] I used to decide the rota alone; now I ask the team first."


def setup(world: World, model: FakeChatModel):
    """A pair of two spare participants; the mentee wrote one approved summary and a draft."""
    s, mentor, mentee = world.s, world.people["spare1"], world.people["spare2"]
    pair = s.pairs.add(OPERATOR, "spare1", "spare2").pair
    session = s.sessions.schedule(mentee, pair.id, START + timedelta(days=5))
    s.sessions.mark(mentor, session.id, "held")
    world.clock.now = START + timedelta(days=6)
    summary = s.summaries.draft(mentee, pair.id, LEARNED, session.id)
    summary = s.summaries.move(mentee, summary.id, ConsentState.APPROVED)
    s.summaries.draft(mentee, pair.id, DRAFT, session.id)
    goal = s.plans.add_goal(mentee, pair.id, "Run the rota meeting", "Runs it once")
    world.tick()
    s.plans.update_goal(mentee, goal.id, 40)
    service = TimelineService(
        world.store, lambda: ParagraphWriter(lambda: model, PROMPT, lambda: "fake"), world.clock
    )
    return service, pair.id, summary.id


def learned(timeline) -> list[str]:
    return [p for e in timeline.entries for p in e.learned]


def test_the_author_reads_their_whole_timeline_and_others_only_what_was_shared(world: World):
    model = FakeChatModel.of([REPLY])
    service, pair, summary = setup(world, model)
    mentee, mentor, lead = (world.people[n] for n in ("spare2", "spare1", "lead"))
    (mine,) = service.mine(mentee, pair)
    assert learned(mine) == [LEARNED] and mine.entries[0].goals[0].progress == 40
    assert DRAFT not in str(mine)
    paragraph = service.paragraph(mentee, pair)
    assert [s.sessions for s in paragraph.sentences] == [(1,)] and not paragraph.fallback

    def others_see() -> dict[str, list[str]]:
        return {"partner": learned(service.shared(mentor, "spare2", pair)),
                "lead": learned(service.shared(lead, "spare2", pair))}  # fmt: skip

    def paragraph_for(reader: str) -> bool:
        try:
            service.paragraph(world.people[reader], pair, "spare2")
        except PermissionDenied:
            return False
        return True

    assert others_see() == {"partner": [], "lead": []}  # approved is still private
    assert not paragraph_for("spare1") and not paragraph_for("lead")
    world.s.summaries.move(mentee, summary, ConsentState.SHARED_PARTNER)
    assert others_see() == {"partner": [LEARNED], "lead": []}
    assert paragraph_for("spare1") and not paragraph_for("lead")
    shown = service.shared(mentor, "spare2", pair).entries[0]
    assert not shown.goals and not shown.actions  # never the goals or actions
    world.s.summaries.move(mentee, summary, ConsentState.SHARED_PROGRAM)
    assert others_see() == {"partner": [LEARNED], "lead": [LEARNED]}
    assert paragraph_for("spare1") and paragraph_for("lead")
    assert len(model.calls) == 1  # written once, then cached for every reader
    world.s.summaries.move(mentee, summary, ConsentState.DRAFT)  # consent withdrawn
    assert others_see() == {"partner": [], "lead": []} and not paragraph_for("spare1")
    assert service.mine(mentee, pair)[0].entries[0].learned == ()  # a draft again: not mine


@pytest.mark.parametrize("reader", ["admin", "outsider", "mentor"])
def test_an_admin_or_anyone_outside_the_pair_reads_nothing_even_when_shared(world, reader):
    service, pair, summary = setup(world, FakeChatModel.of([REPLY]))
    mentee = world.people["spare2"]
    for step in (ConsentState.SHARED_PARTNER, ConsentState.SHARED_PROGRAM):
        world.s.summaries.move(mentee, summary, step)
    with pytest.raises(PermissionDenied):
        service.shared(world.people[reader], "spare2", pair)
    with pytest.raises(PermissionDenied):
        service.paragraph(world.people[reader], pair, "spare2")
    with pytest.raises(PermissionDenied):
        service.mine(world.people[reader], pair)  # nobody keeps a timeline in another's pair


def test_every_summary_read_through_the_timeline_is_audited(world: World):
    service, pair, summary = setup(world, FakeChatModel.of([REPLY]))
    mentee, mentor = world.people["spare2"], world.people["spare1"]
    world.s.summaries.move(mentee, summary, ConsentState.SHARED_PARTNER)
    service.shared(mentor, "spare2", pair)
    reads = [
        e.resource_id
        for e in world.s.audit.entries(OPERATOR)
        if e.actor_id == mentor.id and e.action is AuditAction.READ and e.resource == "summary"
    ]
    assert reads == [summary]


def test_mine_without_a_pair_gives_each_of_my_pairs(world: World):
    service, pair, _ = setup(world, FakeChatModel.of([]))
    assert [t.pair_id for t in service.mine(world.people["spare2"])] == [pair]
    assert [t.pair_id for t in service.mine(world.people["mentee"])] == [world.pair.id]
