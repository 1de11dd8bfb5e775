"""The follow-up note: a short message one side sends the other after a session.

Code owns what must be exact (who does what by when, the next date, names); the model writes
only the thanks and what was covered. Its inputs are the pair, the open action items and the
*author's own* approved summary: never the partner's private text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel, Field, computed_field

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRequest, ArtifactSpec, TextInput
from coach.domain.pair_profile import Owner, PairProfile
from coach.domain.pairs import Side
from coach.domain.provenance import Provenance
from coach.domain.wording import end_cleanly, sentences

COVERED_CHARS = 140
MAX_COVERED = 3


class FollowupAction(BaseModel):
    """An open action item, exactly as the pair recorded it."""

    text: str
    owner: Owner
    owner_name: str
    due: dt.date | None = None

    def line(self) -> str:
        who = "Both of us" if self.owner == "both" else f"{self.owner_name} ({self.owner})"
        when = f"due {self.due.isoformat()}" if self.due else "no due date yet"
        return f"{who}: {self.text} ({when})"


class FollowupNote(BaseModel):
    """The note as sent: greeting, thanks, what was covered, actions, the next date."""

    author: Side
    to_name: str
    from_name: str
    thanks: str = Field(min_length=1)
    covered: list[str] = Field(default_factory=list, max_length=MAX_COVERED)
    actions: list[FollowupAction] = Field(default_factory=list)
    next_session: str = ""
    meta: Provenance | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The message, ready to paste into an e-mail or chat."""
        lines = [f"Hi {self.to_name},", "", self.thanks]
        if self.covered:
            lines += ["", "What we covered:", *(f"- {c}" for c in self.covered)]
        lines += ["", "Who does what by when:"]
        lines += [f"- {a.line()}" for a in self.actions] or ["- Nothing open right now."]
        lines += ["", self.next_session or "Next session: not scheduled yet; let's pick a date."]
        lines += ["", self.from_name]
        return "\n".join(lines)


def names(profile: PairProfile, author: Side) -> tuple[str, str]:
    """(author's first name, partner's first name)."""
    partner = Side(author).other
    first = lambda side: profile.person(side).first_name  # noqa: E731
    return first(author), first(partner)


def actions_of(profile: PairProfile) -> list[FollowupAction]:
    """Every open action item with its owner's name and due date, unchanged."""
    return [
        FollowupAction(
            text=a.text,
            owner=a.owner,
            owner_name=profile.person(a.owner).first_name if a.owner != "both" else "",
            due=a.due,
        )
        for a in profile.open_action_items
    ]


def next_session_line(profile: PairProfile) -> str:
    """The next planned session in words, or "" when it has no date."""
    s = profile.session
    return f"Next session: session {s.number} on {s.date.isoformat()}." if s.date else ""


def source_text(request: ArtifactRequest) -> str:
    """What the session covered, from the author's own summary, else the last shared one."""
    if request.text.strip():
        return request.text.strip()
    done = [h for h in request.profile.history if h.summary.strip()]
    return max(done, key=lambda h: h.number).summary.strip() if done else ""


def assemble(
    request: ArtifactRequest, thanks: str, covered: list[str], fixes: list[str]
) -> FollowupNote:
    """The note from the model's wording and code's facts; empty wording is filled by rules."""
    author, partner = names(request.profile, request.author)
    thanks = end_cleanly(thanks.strip(), COVERED_CHARS)
    if not thanks:
        thanks = f"Thank you for our session, {partner}."
        fixes.append("wrote the thanks from the rules")
    kept = [end_cleanly(c.strip(), COVERED_CHARS) for c in covered if c.strip()][:MAX_COVERED]
    return FollowupNote(
        author=request.author,
        to_name=partner,
        from_name=author,
        thanks=thanks,
        covered=kept,
        actions=actions_of(request.profile),
        next_session=next_session_line(request.profile),
    )


def rule_note(request: ArtifactRequest) -> FollowupNote:
    """A note built without a model: the first sentences of what was covered."""
    covered = [s.text for s in sentences(source_text(request))][:2]
    return assemble(request, "", covered, [])


def violations(note: FollowupNote, request: ArtifactRequest) -> list[str]:
    """Every broken rule, in words: each open item exactly once, as recorded; nothing invented."""
    problems = []
    expected = actions_of(request.profile)
    for action in expected:
        if action not in note.actions:
            problems.append(f"open action item missing or changed: {action.text}")
        if action.line() not in note.text:
            problems.append(f"the message does not state: {action.line()}")
    for action in note.actions:
        if action not in expected:
            problems.append(f"action item not in the pair's open items: {action.text}")
    author, partner = names(request.profile, request.author)
    if (note.from_name, note.to_name) != (author, partner):
        problems.append(f"addressed from {note.from_name} to {note.to_name}")
    return problems


def followup_markdown(note: FollowupNote, esc: Callable[[str], str] = lambda t: t) -> str:
    """The message as Markdown, one line per line (``esc`` is applied to every line)."""
    lines = [esc(ln) if ln else "" for ln in note.text.splitlines()]
    return "## Follow-up note\n\n" + "  \n".join(lines)


FOLLOWUP = ArtifactSpec(
    kind=ArtifactKind.FOLLOWUP,
    label="follow-up note",
    command="followup",
    help="a short follow-up message to your partner after a session",
    description="Draft a follow-up note: thanks, what you covered, who does what by when and\n"
    "the next date. Action items and dates are copied exactly from the pair file; it draws on\n"
    "your own summary (--summary), never on your partner's private text.",
    example="coach followup --pair evals/datasets/pairs/pair-logistics-01.json --author mentee",
    model=FollowupNote,
    render=followup_markdown,
    rules=violations,
    recipe="coach.generation.followup:FollowupRecipe",
    request=lambda r: r,
    text_input=TextInput(
        "summary", "text file with your own approved summary", required=False, own_summary=True
    ),
    takes_author=True,
    drafted_by_either_side=True,
)
