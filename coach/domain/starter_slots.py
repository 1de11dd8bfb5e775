"""Filling a library starter's slots from the pair file, in code.

``{subject}`` is what the pair works on next (the session's focus when it is short, else the
first goal, its leading "learn"/"understand" dropped); ``{their_work}`` is the other person's
department (else role) and ``{my_work}`` the asker's. The filled text is both what the model
adapts and, when its adaptation fails the checks, what the user gets.
"""

from __future__ import annotations

import re

from coach.domain.library import StarterTemplate
from coach.domain.pair_profile import PairProfile, Person

MAX_FOCUS_WORDS = 10
# A goal's leading verb that reads badly after "about": "about understand how ...".
LEADING_VERB = re.compile(
    r"^(understand|learn(?: about| how to| to)?|explore|discuss|get to know|know more about)\s+",
    re.I,
)


def _lower_first(text: str) -> str:
    """``text`` with its first letter lower-cased, unless the first word is an acronym or name
    (a second capital letter, as in "AI" or "TikTok")."""
    first = text.split()[0] if text.split() else ""
    if any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


# A focus about the session itself rather than a subject: "Closing session: what's next".
SESSION_TALK = re.compile(
    r"\b(session|meeting|ground rules|getting to know|wrap[- ]?up|introductions?|kick-?off)\b",
    re.I,
)


def subject_of(profile: PairProfile) -> str:
    """What the pair's questions are about, by rule: a short focus that names a subject, else
    the first goal, else "this"."""
    focus = profile.session.focus.strip().rstrip(".?!")
    if focus and len(focus.split()) <= MAX_FOCUS_WORDS and not SESSION_TALK.search(focus):
        return _lower_first(focus)
    if profile.goals:
        goal = profile.goals[0].text.strip().rstrip(".?!")
        stripped = LEADING_VERB.sub("", goal)
        if stripped != goal:
            return _lower_first(stripped)
        return "our goal to " + _lower_first(goal)
    return "this"


def work_of(person: Person, default: str) -> str:
    """A person's work as a phrase: their department, else their role, else ``default``."""
    return person.department.strip() or person.role.strip() or default


def fill(template: StarterTemplate, profile: PairProfile, subject: str | None = None) -> str:
    """The template's text with every slot filled from ``profile`` (``subject``, when given,
    saves working it out again for every starter)."""
    asker = profile.person(template.asked_by)
    other = profile.mentee if template.asked_by == "mentor" else profile.mentor
    values = {"subject": subject or subject_of(profile), "their_work": work_of(other, "your work"),
              "my_work": work_of(asker, "my work")}  # fmt: skip
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), template.text)
