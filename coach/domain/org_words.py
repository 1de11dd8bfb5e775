"""The words for a pair's own organisation and the people it serves, so that library text
written for a company and its customers reads right for a council and its residents, a
hospital and its patients, a school and its students; and a segment's ``{subject}`` filled.

Read from the pair file: the words its goals, focus, history, roles and departments use
("residents under 30", "council jobs", "clients over 55"), then its ``industry`` when the
file gives one, else "company" and "customers".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.domain.library import SLOT, SegmentPattern
from coach.domain.pair_profile import PairProfile

# The people an organisation serves, as its own staff would say it; the singular.
# ("member" and "user" are left out: "team members", "power users" are no audience.)
AUDIENCES = ("customer", "client", "patient", "resident", "student", "visitor", "passenger",
             "guest", "investor", "donor")  # fmt: skip
# The organisation, when the pair file names its kind ("trust" and "agency" are left out:
# "build trust", "agency staff").
ORGANISATIONS = ("council", "hospital", "school", "university", "museum", "charity", "firm",
                 "bank", "airline", "ministry")  # fmt: skip
# An organisation named as such: "our council", "the museum's", "council jobs", not "school
# leavers" or "university students".
NAMED_AS = r"\b(?:the|our|this)\s+{w}\b|\b{w}(?:'s|\s+jobs|\s+staff|\s+board)\b"
# An industry with no kind named: who it serves, and what to call it.
BY_INDUSTRY: dict[str, tuple[str, str]] = {
    "public sector": ("resident", "organisation"),
    "healthcare": ("patient", "organisation"),
    "education": ("student", "organisation"),
    "culture": ("visitor", "organisation"),
    "nonprofit": ("supporter", "charity"),
    "hospitality": ("guest", "company"),
    "aviation": ("passenger", "company"),
    "legal": ("client", "firm"),
}
# Audiences that are not a company's customers: the organisation is not a company either.
NOT_CUSTOMERS = {"patient", "resident", "student", "visitor", "supporter", "donor"}
CUSTOMER = re.compile(r"\b(customer)(s?)('s|s'|')?", re.I)
COMPANY = re.compile(r"\bcompany('s)?", re.I)


@dataclass(frozen=True)
class OrgWords:
    """What the library's "customer" and "company" become for one pair."""

    audience: str = "customer"
    organisation: str = "company"

    def fit(self, text: str) -> str:
        """``text`` with its customers and company in this pair's words, capitals kept."""
        text = CUSTOMER.sub(lambda m: _cased(m.group(1), self.audience) + (m.group(2) or "")
                            + (m.group(3) or ""), text)  # fmt: skip
        text = COMPANY.sub(lambda m: _cased(m.group(0), self.organisation) + (m.group(1) or ""),
                           text)  # fmt: skip
        for word in (self.audience, self.organisation):  # "a investor" -> "an investor"
            if word[:1] in "aeiou":
                text = re.sub(rf"\b([Aa]) ({word}|{word.capitalize()})\b", r"\1n \2", text)
        return text


def _cased(like: str, word: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _pair_text(profile: PairProfile) -> str:
    people = [f"{p.role} {p.department}" for p in (profile.mentor, profile.mentee)]
    return " ".join([*people, profile.session.focus, *(g.text for g in profile.goals),
                     *(h.summary for h in profile.history)]).lower()  # fmt: skip


def _most_named(words: tuple[str, ...], text: str, pattern: str = r"\b{w}s?\b") -> str | None:
    """Of ``words``, the one ``text`` names most often in ``pattern``; None when none."""
    counts = {w: len(re.findall(pattern.format(w=w), text)) for w in words}
    best = max(counts, key=lambda w: counts[w])
    return best if counts[best] else None


def org_words(profile: PairProfile) -> OrgWords:
    """The pair's own words for who it serves and what it is."""
    text = _pair_text(profile)
    industry = str((profile.model_extra or {}).get("industry", "")).strip().lower()
    default_audience, default_org = BY_INDUSTRY.get(industry, ("customer", "company"))
    audience = _most_named(AUDIENCES, text) or default_audience
    organisation = _most_named(ORGANISATIONS, text, NAMED_AS)
    if organisation is None and industry:
        organisation = default_org
    elif organisation is None:
        organisation = "organisation" if audience in NOT_CUSTOMERS else "company"
    return OrgWords(audience, organisation)


def fitted(segment: SegmentPattern, words: OrgWords, subject: str = "") -> SegmentPattern:
    """The segment with every line a user reads in the pair's own words, its ``{subject}``
    slot filled with ``subject`` (what the block works on, ``starter_slots.subject_for``).
    The pair's own words in the subject are not changed: they are filled in last."""
    if words == OrgWords() and not subject:
        return segment

    def fit(text: str) -> str:
        return SLOT.sub(lambda m: subject if m.group(1) == "subject" and subject else m.group(0),
                        words.fit(text))  # fmt: skip

    return segment.model_copy(update={
        "name": fit(segment.name), "purpose": fit(segment.purpose),
        "question": fit(segment.question), "steps": [fit(s) for s in segment.steps],
        "mentor_brings": fit(segment.mentor_brings), "mentee_brings": fit(segment.mentee_brings),
    })  # fmt: skip
