"""Artifacts kept with a pair: saved with provenance, edited beside the model's original,
reverted; only members see or change them, and an edit must keep the kind's shape."""

from __future__ import annotations

import pytest

from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.audit import AuditAction, AuditEntry
from coach.services.errors import NotFound, PermissionDenied, UserError
from tests.artifact_samples import AGENDA, PROVENANCE, STARTERS, shortened
from tests.unit.services.conftest import World

pytestmark = pytest.mark.unit


def test_an_agenda_is_saved_with_its_own_provenance_and_without_its_meta(world: World):
    mentor = world.people["mentor"]
    agenda = Agenda.model_validate({**AGENDA, "meta": PROVENANCE.model_dump()})
    stored = world.s.artifacts.save(mentor, world.pair.id, ArtifactKind.AGENDA, agenda)
    assert stored.content == agenda.model_dump(mode="json", exclude={"meta"})
    assert "meta" not in stored.content and stored.current is stored.content
    assert (stored.prompt_id, stored.prompt_version, stored.model) == (
        "session_agenda", "3", "qwen2.5-coder-1.5b")  # fmt: skip
    assert (stored.citations, stored.prompt_tokens, stored.completion_tokens) == (
        ("trust#2",), 812, 240)  # fmt: skip
    assert (stored.created_by, stored.created_at, stored.updated_by) == (
        mentor.id, world.clock.now, None)  # fmt: skip
    assert world.s.artifacts.get(world.people["mentee"], stored.id) == stored


def test_a_hand_written_artifact_has_no_provenance(world: World):
    stored = world.s.artifacts.save(
        world.people["mentee"], world.pair.id, ArtifactKind.STARTERS, STARTERS
    )
    assert (stored.prompt_id, stored.model, stored.citations) == (None, None, ())
    assert stored.content["starters"][0]["rationale"] == "", "stored in the model's full shape"


def test_an_edit_is_kept_beside_the_original_and_a_revert_drops_it(world: World):
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    original = world.s.artifacts.get(mentor, world.ids["agenda"])
    world.tick()
    edited = world.s.artifacts.edit(mentee, original.id, shortened(AGENDA))
    assert edited.content == original.content
    assert edited.current["title"] == "Session 2 (short)" == edited.edited["title"]
    assert (edited.updated_by, edited.updated_at) == (mentee.id, world.clock.now)
    assert world.s.artifacts.get(mentor, original.id) == edited
    reverted = world.s.artifacts.revert(mentor, original.id)
    assert reverted.edited is None and reverted.current == original.content
    assert reverted.updated_by == mentor.id
    with world.store.transaction(write=False) as tx:
        actions = [e.action for e in tx.find(AuditEntry, resource_id=original.id)]
    assert actions.count(AuditAction.UPDATE) == 2


@pytest.mark.parametrize(
    ("edited", "problem"),
    [
        ({**AGENDA, "items": [{"minutes": 0, "title": "Check-in"}]}, "items.0.minutes"),
        ({**AGENDA, "phase": "someday"}, "phase"),
        ({"starters": []}, "title"),  # another kind's shape
        ({}, "title"),
    ],
)
def test_an_edit_that_breaks_the_shape_is_refused_and_changes_nothing(world, edited, problem):
    before = world.s.artifacts.get(world.people["mentor"], world.ids["agenda"])
    with pytest.raises(UserError, match=f"not a valid agenda: .*{problem}"):
        world.s.artifacts.edit(world.people["mentor"], world.ids["agenda"], edited)
    assert world.s.artifacts.get(world.people["mentor"], world.ids["agenda"]) == before


def test_saving_the_wrong_shape_or_an_unsupported_kind_is_refused(world: World):
    mentor = world.people["mentor"]
    with pytest.raises(UserError, match="not a valid starters"):
        world.s.artifacts.save(mentor, world.pair.id, ArtifactKind.STARTERS, AGENDA)
    # summaries have their own tables
    with pytest.raises(UserError, match="reflection summary artifacts are not kept here"):
        world.s.artifacts.save(mentor, world.pair.id, ArtifactKind.SUMMARY, {"text": "x"})


def test_outsiders_neither_read_nor_edit_and_list_filters_by_kind(world: World):
    mentor, outsider = world.people["mentor"], world.people["outsider"]
    world.tick()  # listed oldest first
    world.s.artifacts.save(mentor, world.pair.id, ArtifactKind.STARTERS, STARTERS)
    for call in (
        lambda: world.s.artifacts.get(outsider, world.ids["agenda"]),
        lambda: world.s.artifacts.edit(outsider, world.ids["agenda"], shortened(AGENDA)),
        lambda: world.s.artifacts.revert(outsider, world.ids["agenda"]),
        lambda: world.s.artifacts.list(outsider, world.pair.id),
    ):
        with pytest.raises(PermissionDenied, match="members of a pair"):
            call()
    with pytest.raises(NotFound):
        world.s.artifacts.get(mentor, "art_missing")
    kinds = [a.kind for a in world.s.artifacts.list(mentor, world.pair.id)]
    assert kinds == [ArtifactKind.AGENDA, ArtifactKind.STARTERS]
    only = world.s.artifacts.list(mentor, world.pair.id, ArtifactKind.STARTERS)
    assert [a.kind for a in only] == [ArtifactKind.STARTERS]
