"""The rating model: what may be rated, how a reason is cleaned, counts and the evals row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.domain.common import RuleViolation
from coach.domain.ratings import (
    KINDS,
    REASON_LIMIT,
    Rating,
    answer_key,
    clean_reason,
    count,
    eval_row,
)

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)


def rating(kind: str = "agenda", target: str = "art_0123456789abcdef", helpful: bool = True,
           reason: str = "", rater: str = "usr_1") -> Rating:  # fmt: skip
    return Rating(f"rat_{kind}_{rater}", kind, target, "pair_1", rater, helpful, reason, NOW)


def test_every_artifact_kind_and_the_chat_may_be_rated():
    assert KINDS == ("agenda", "starters", "summary", "followup", "chat")
    for kind in KINDS[:-1]:
        assert rating(kind).kind == kind
    assert rating("chat", answer_key("An answer.")).target_id.startswith("ans_")


@pytest.mark.parametrize(
    ("kind", "target", "message"),
    [
        ("reflection", "ref_1", "one of agenda, starters, summary, followup, chat"),
        ("Agenda", "art_1", "not 'Agenda'"),
        ("agenda", "", "names its id"),
        ("agenda", "art 1; drop table", "names its id"),
        ("agenda", "a" * 81, "names its id"),
        ("chat", "art_1", "names an answer key"),
        ("chat", "ans_" + "0" * 31, "names an answer key"),
    ],
)
def test_what_is_rated_must_be_named_clearly(kind, target, message):
    with pytest.raises(RuleViolation, match=message):
        rating(kind, target)


def test_a_reason_is_stripped_and_at_most_500_characters():
    assert clean_reason("  too long for a first session \n") == "too long for a first session"
    assert clean_reason(None) == ""
    assert clean_reason("x" * REASON_LIMIT) == "x" * 500
    with pytest.raises(RuleViolation, match="at most 500 characters \\(this one has 501\\)"):
        clean_reason("x" * 501)
    with pytest.raises(RuleViolation, match="stored stripped"):
        rating(reason=" padded ")


def test_helpful_is_a_real_boolean_and_the_time_has_a_zone():
    with pytest.raises(RuleViolation, match="helpful or not"):
        rating(helpful=1)  # type: ignore[arg-type]
    with pytest.raises(RuleViolation, match="timezone"):
        Rating("rat_1", "agenda", "art_1", None, "usr_1", True, "", datetime(2026, 12, 3))


def test_an_answer_key_is_stable_for_the_same_text_and_differs_for_another():
    assert answer_key("Say what you saw.") == answer_key("  Say what you saw.\n")
    assert answer_key("Say what you saw.") != answer_key("Say what you heard.")
    assert len(answer_key("x")) == len("ans_") + 32
    with pytest.raises(RuleViolation, match="no answer to rate"):
        answer_key("   ")


def test_counts_cover_every_kind_and_count_reasons_apart():
    found = [
        rating("agenda", helpful=True, rater="a"),
        rating("agenda", helpful=False, reason="too long", rater="b"),
        rating("agenda", helpful=True, reason="clear", rater="c"),
        rating("chat", answer_key("x"), helpful=False, rater="a"),
    ]
    rows = {row.kind: row for row in count(found)}
    assert list(rows) == list(KINDS)
    assert (rows["agenda"].helpful, rows["agenda"].not_helpful, rows["agenda"].with_reason) == (
        2, 1, 2)  # fmt: skip
    assert rows["agenda"].total == 3
    assert (rows["chat"].helpful, rows["chat"].not_helpful) == (0, 1)
    assert rows["starters"].total == 0


def test_the_evals_row_names_no_person_and_no_pair():
    row = eval_row(rating(reason="too long", rater="usr_secret"))
    assert row == {"kind": "agenda", "target_id": "art_0123456789abcdef", "helpful": True,
                   "reason": "too long", "created": "2026-12-03T09:00:00+00:00"}  # fmt: skip
