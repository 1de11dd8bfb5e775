"""Where each point of a summary comes from: the reflection cut into plain and marked pieces.

Every takeaway, action item and goal step keeps the span of the reflection that supports it.
``evidence_pieces`` returns the reflection as ``(text, label)`` pieces in order, the label
naming the point a marked piece supports ("takeaway 1", "action 2", "goal 1": numbered as
the summary lists them, never a raw id) and None for
the text between. A span that overlaps an earlier one, or that no longer matches the text, is
left unmarked rather than cut in two.
"""

from __future__ import annotations

from coach.domain.summary_draft import ReflectionSummary, Span, span_ok


def _labelled(summary: ReflectionSummary) -> list[tuple[Span, str]]:
    found = [(t.span, f"takeaway {n}") for n, t in enumerate(summary.key_takeaways, 1)]
    found += [(a.span, f"action {n}") for n, a in enumerate(summary.action_items, 1)]
    found += [(g.span, f"goal {n}") for n, g in enumerate(summary.goal_progress, 1)]
    return found


def evidence_pieces(reflection: str, summary: ReflectionSummary) -> list[tuple[str, str | None]]:
    """The reflection in order, each supporting span labelled with the point it supports."""
    marks: list[tuple[Span, str]] = []
    for span, label in sorted(_labelled(summary), key=lambda m: (m[0].start, m[0].end)):
        if not span_ok(span, reflection):
            continue
        if marks and span.start < marks[-1][0].end:
            if (span.start, span.end) == (marks[-1][0].start, marks[-1][0].end):
                marks[-1] = (span, f"{marks[-1][1]}, {label}")  # one quote, two points
            continue
        marks.append((span, label))
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for span, label in marks:
        if span.start > at:
            pieces.append((reflection[at : span.start], None))
        pieces.append((reflection[span.start : span.end], label))
        at = span.end
    if at < len(reflection):
        pieces.append((reflection[at:], None))
    return pieces
