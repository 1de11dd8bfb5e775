from datetime import UTC, datetime, timedelta

import pytest

from coach.domain.common import RuleViolation
from coach.domain.summaries import ConsentState, Summary, move, revise

pytestmark = pytest.mark.unit
NOW = datetime(2026, 4, 1, 12, tzinfo=UTC)


def summary(state: ConsentState = ConsentState.DRAFT) -> Summary:
    return Summary("sum_1", "pair_1", None, "usr_author", state, 1, NOW, NOW)


def test_consent_moves_forward_one_step_at_a_time():
    s = summary()
    for target in (ConsentState.APPROVED, ConsentState.SHARED_PARTNER, ConsentState.SHARED_PROGRAM):
        s = move(s, target, NOW)
        assert s.state is target


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ConsentState.DRAFT, ConsentState.SHARED_PARTNER),
        (ConsentState.DRAFT, ConsentState.SHARED_PROGRAM),
        (ConsentState.APPROVED, ConsentState.SHARED_PROGRAM),
    ],
)
def test_consent_cannot_skip_a_step(start, target):
    with pytest.raises(RuleViolation, match="only to the next state"):
        move(summary(start), target, NOW)


@pytest.mark.parametrize("target", list(ConsentState)[:-1])
def test_consent_can_be_withdrawn_to_any_earlier_state(target):
    withdrawn = move(summary(ConsentState.SHARED_PROGRAM), target, NOW)
    assert withdrawn.state is target
    assert not withdrawn.shared_with_program


def test_moving_to_the_same_state_is_refused():
    with pytest.raises(RuleViolation, match="already"):
        move(summary(ConsentState.APPROVED), ConsentState.APPROVED, NOW)


def test_who_may_read_follows_the_state():
    assert not summary(ConsentState.APPROVED).shared_with_partner
    assert summary(ConsentState.SHARED_PARTNER).shared_with_partner
    assert not summary(ConsentState.SHARED_PARTNER).shared_with_program
    assert summary(ConsentState.SHARED_PROGRAM).shared_with_partner


def test_a_revision_adds_a_version_and_asks_for_consent_again():
    later = NOW + timedelta(hours=1)
    revised, version = revise(summary(ConsentState.SHARED_PROGRAM), "  Corrected text ", "u", later)
    assert (revised.current_version, revised.state) == (2, ConsentState.DRAFT)
    assert (version.number, version.text, version.edited_at) == (2, "Corrected text", later)
    assert revised.updated_at == later


def test_an_empty_revision_is_refused():
    with pytest.raises(RuleViolation):
        revise(summary(), "   ", "u", NOW)
