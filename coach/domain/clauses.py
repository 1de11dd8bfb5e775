"""A reflection cut into clauses, each with its character span: the unit a summary step reads.

A sentence is cut where a new subject starts a new statement ("…, and Niall will check …",
"…; I have asked …", "Next: he's extending …") or after a list label's colon, so that two
people's actions in one sentence become two clauses, and a deadline stays with its own clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.domain.wording import Sentence, sentences

SUBJECTS = (
    r"(?:I|I'm|I'll|I've|I'd|im|we|we're|he|she|they|he's|she's|he'll|she'll|"
    r"(?:his|her|their) (?:private )?(?:office|EA|PA|assistant|team|secretary))"
)
# Where a clause ends inside a sentence; names of the pair are added per reflection.
_CUT = (
    r";\s+|,?\s+(?:and|but|so|then)\s+(?={subjects}\b)"
    r"|,\s+(?={subjects}\s+(?:will|'ll|is|are|am|said|asked|wants|promised)\b)"
    r"|:\s+(?={subjects}\b)|\s*\n\s*"
)


NAME_AND_I = re.compile(r"\b[A-Z][a-z]+ and I\b$")


@dataclass(frozen=True)
class Clause:
    """Characters ``start``..``end`` of the reflection, in the sentence ``sentence``."""

    start: int
    end: int
    text: str
    sentence: Sentence


def _cut(names: list[str]) -> re.Pattern[str]:
    alternatives = [SUBJECTS, *(re.escape(n) for n in names if n)]
    subjects = "(?:" + "|".join(alternatives) + ")"
    return re.compile(_CUT.format(subjects=subjects), re.I)


def clauses(text: str, names: list[str] | None = None) -> list[Clause]:
    """Every clause of ``text``, in order, each an exact substring at its offsets."""
    cut = _cut(names or [])
    out: list[Clause] = []
    for sentence in sentences(text):
        start = sentence.start
        for match in [*cut.finditer(sentence.text), None]:
            if match and NAME_AND_I.search(sentence.text[: match.end() + 1]):
                continue  # "Rosa and I walk …" is one subject
            end = sentence.start + (match.start() if match else len(sentence.text))
            piece = text[start:end]
            stripped = piece.strip(" \n\t-*•")
            if stripped:
                begin = start + piece.index(stripped)
                out.append(Clause(begin, begin + len(stripped), stripped, sentence))
            if match:
                start = sentence.start + match.end()
    return out
