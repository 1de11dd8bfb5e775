"""The follow-up note draws on the author's own summary, never on the partner's private text."""

import json

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.summaries import ConsentState
from coach.llm.fake import FakeChatModel
from coach.services.preparation import PreparationService

from .conftest import SECRETS
from .test_preparation import generation

CANARY = "Canary sentence: I secretly doubt this program will survive the budget review."
OWN = "We tried the team dashboard together and agreed to keep it to five metrics."
DRAFT = json.dumps({"thanks": "Thank you for the dashboard walk-through.", "covered": ["We met."]})


def service(world, replies) -> tuple[PreparationService, FakeChatModel]:
    model = FakeChatModel.of(replies)
    s = world.s
    prep = PreparationService(
        s.pairs, s.plans, s.sessions, s.summaries, s.reflections, s.artifacts, generation(model)
    )
    return prep, model


def plant(world) -> None:
    """The mentee's private reflection and unshared draft hold the canary; the mentor approves
    a summary of their own."""
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    world.s.reflections.write(mentee, world.pair.id, CANARY)
    world.s.summaries.draft(mentee, world.pair.id, CANARY)
    own = world.s.summaries.draft(mentor, world.pair.id, OWN)
    world.s.summaries.move(mentor, own.id, ConsentState.APPROVED)


def seen(model: FakeChatModel) -> str:
    return "\n".join(str(m.content) for call in model.calls for m in call)


@pytest.mark.parametrize("replies", [[DRAFT], ["not json"] * 4], ids=["model", "fallback"])
def test_the_partners_private_text_never_reaches_the_authors_followup(world, replies):
    plant(world)
    prep, model = service(world, replies)
    note = prep.draft(world.people["mentor"], world.pair.id, ArtifactKind.FOLLOWUP)

    assert CANARY not in seen(model) and CANARY not in note.model_dump_json()
    assert "secretly doubt" not in note.text
    assert OWN in seen(model)  # the author's own approved summary is what it draws on
    assert note.from_name and note.to_name and note.from_name != note.to_name
    assert [a.text for a in note.actions] == ["Send the article"]
    if replies == [DRAFT]:
        assert not note.meta.fallback and "dashboard walk-through" in note.thanks
    else:
        assert note.meta.fallback and OWN.split(" and ")[0] in note.text


def test_the_mentee_gets_their_own_summary_and_not_the_mentors_reflection(world):
    prep, model = service(world, [DRAFT])
    note = prep.draft(world.people["mentee"], world.pair.id, ArtifactKind.FOLLOWUP)
    assert SECRETS["reflection"] not in seen(model) and SECRETS["reflection"] not in note.text
    assert note.author == "mentee"
    # the mentee's own approved summary, not only one shared with the partner
    assert f"{SECRETS['summary']} (" in seen(model)


def test_an_outsider_cannot_draft_a_followup_for_the_pair(world):
    from coach.services.errors import PermissionDenied

    prep, model = service(world, [DRAFT])
    with pytest.raises(PermissionDenied):
        prep.draft(world.people["outsider"], world.pair.id, ArtifactKind.FOLLOWUP)
    assert model.calls == []
