"""A reflection cut into clauses, each with its character span: the unit a summary step reads.

A sentence is cut where a new subject starts a new statement ("…, and Niall will check …",
"…; I have asked …", "Next: he's extending …") or after a list label's colon, so that two
people's actions in one sentence become two clauses, and a deadline stays with its own clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.domain.due_dates import DUE, due_of
from coach.domain.wording import Sentence, sentences

SUBJECTS = (
    r"(?:I|I'm|I'll|I've|I'd|im|we|we're|he|she|they|he's|she's|he'll|she'll|the two of us|"
    r"both of us|"
    r"(?:his|her|their) (?:private )?(?:office|EA|PA|assistant|team|secretary))"
)
# Where a clause ends inside a sentence; names of the pair are added per reflection.
# Whitespace runs are capped so that a long run of spaces cannot make matching quadratic.
_CUT = (
    r";[ \t]{{1,8}}|,?[ \t\n]{{1,8}}(?:and|but|so|then)(?: that)?[ \t]{{1,8}}(?={subjects}\b)"
    r"|,[ \t]{{1,8}}(?={subjects}[ \t]{{1,8}}(?:will|'ll|is|are|am|said|asked|wants|promised)\b)"
    r"|(?<![Oo]wner):[ \t]{{1,8}}(?={subjects}\b)|[ \t]{{0,8}}\n\s*"
    # someone outside the pair takes a task of their own: "…, and Dev on the dock is going to
    # send him photos" (h206)
    r"|,[ \t]{{1,8}}and[ \t]{{1,8}}(?=(?-i:[A-Z])[\w-]+(?:[ \t]{{1,8}}(?:on|from|in|at)[ \t]{{1,8}}"
    r"the(?:[ \t]{{1,8}}[\w-]+){{1,2}})?(?:[ \t]{{1,8}}(?:is going to|will)|['’]ll)\b)"
)
BULLET_MARKS = "-*•→>–—"  # what opens a list line; stripped from a clause's ends
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+$")


@dataclass(frozen=True)
class Clause:
    """Characters ``start``..``end`` of the reflection, in the sentence ``sentence``."""

    start: int
    end: int
    text: str
    sentence: Sentence
    continued: bool = False  # carries on the clause before it, with the same subject


def _cut(names: list[str]) -> re.Pattern[str]:
    alternatives = [SUBJECTS, *(re.escape(n) for n in names if n)]
    subjects = "(?:" + "|".join(alternatives) + ")"
    return re.compile(_CUT.format(subjects=subjects), re.I)


def _named_pair(text: str, cut: re.Match[str]) -> bool:
    """ "Rosa and I walk …", "Zara and William will …": a named pair is one subject."""
    return (
        cut.group(0).strip() == "and"
        and NAME_BEFORE.search(text[max(0, cut.start() - 30) : cut.start()]) is not None
        and re.match(r"I\b|[A-Z]", text[cut.end() :]) is not None
    )


def _only_a_deadline(piece: str) -> bool:
    bare = piece.strip(" \n\t-*•→>,")
    return bool(bare) and due_of(bare).casefold() == bare.casefold()


def clauses(text: str, names: list[str] | None = None) -> list[Clause]:
    """Every clause of ``text``, in order, each an exact substring at its offsets."""
    cut = _cut(names or [])
    out: list[Clause] = []
    for sentence in sentences(text):
        start = sentence.start
        for match in [*cut.finditer(sentence.text), None]:
            if match and _named_pair(sentence.text, match):
                continue
            end = sentence.start + (match.start() if match else len(sentence.text))
            piece = text[start:end]
            if match and _only_a_deadline(piece):
                continue  # "Before she goes on leave, Amina will …": the deadline is Amina's
            stripped = piece.strip(" \n\t" + BULLET_MARKS)
            if stripped:
                begin = start + piece.index(stripped)
                out.append(Clause(begin, begin + len(stripped), stripped, sentence))
            if match:
                start = sentence.start + match.end()
    return out


AND_VERB = re.compile(r"\s+and\s+(?=[a-z]+\s)")


def split_at_dues(clause: Clause) -> list[Clause]:
    """One clause with two deadlines around an "and <verb>" is two actions; the second is
    marked a continuation (it has the first one's subject)."""
    dues = [m.span() for m in DUE.finditer(clause.text)]
    if len(dues) < 2:
        return [clause]
    for match in AND_VERB.finditer(clause.text):
        if any(e <= match.start() for _, e in dues) and any(b >= match.end() for b, _ in dues):
            left, right = clause.text[: match.start()], clause.text[match.end() :]
            second = clause.start + match.end()
            return [
                Clause(clause.start, clause.start + len(left), left, clause.sentence),
                Clause(second, clause.end, right, clause.sentence, continued=True),
            ]
    return [clause]
