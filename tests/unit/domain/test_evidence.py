"""The reflection cut into pieces, each supporting span labelled with its point."""

from coach.domain.evidence import evidence_pieces
from coach.domain.summary_draft import (
    GoalProgress,
    ReflectionSummary,
    Span,
    SummaryAction,
    Takeaway,
)

TEXT = (
    "We tried the app together. I will send the notes by Friday. The dashboard finally made sense."
)


def span(quote: str) -> Span:
    start = TEXT.index(quote)
    return Span(start=start, end=start + len(quote), quote=quote)


def test_every_point_marks_its_own_span_and_the_text_between_stays_plain():
    summary = ReflectionSummary(
        key_takeaways=[Takeaway(text="Hands-on works", span=span("We tried the app together."))],
        action_items=[
            SummaryAction(
                text="Send the notes",
                owner="mentor",
                due="Friday",
                span=span("I will send the notes by Friday."),
            )
        ],  # fmt: skip
        goal_progress=[
            GoalProgress(
                goal_id="g1", evidence="dashboards", span=span("The dashboard finally made sense.")
            )
        ],  # fmt: skip
    )
    pieces = evidence_pieces(TEXT, summary)
    assert "".join(text for text, _ in pieces) == TEXT  # nothing lost, nothing added
    assert [label for _, label in pieces] == ["takeaway 1", None, "action 1", None, "goal 1"]


def test_a_shared_quote_names_both_points_and_overlaps_or_stale_spans_stay_plain():
    same = span("We tried the app together.")
    overlapping = Span(start=3, end=20, quote=TEXT[3:20])
    stale = Span(start=0, end=5, quote="Hello")
    summary = ReflectionSummary(
        key_takeaways=[
            Takeaway(text="a", span=same),
            Takeaway(text="b", span=overlapping),
            Takeaway(text="c", span=stale),
        ],  # fmt: skip
        goal_progress=[GoalProgress(goal_id="g2", evidence="x", span=same)],
    )
    pieces = evidence_pieces(TEXT, summary)
    assert "".join(text for text, _ in pieces) == TEXT
    assert [label for _, label in pieces if label] == ["takeaway 1, goal 1"]


def test_a_summary_without_points_leaves_the_reflection_plain():
    assert evidence_pieces(TEXT, ReflectionSummary()) == [(TEXT, None)]
