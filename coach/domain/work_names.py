"""How a starter names a person's work: their department as people say it, else their role.

"In the Emergency Department" but "in Engineering"; "the executive team" for a team at the top;
the office at the very top by the pair's own word for its organisation ("the university").
"""

from __future__ import annotations

import re

from coach.domain.org_words import org_words
from coach.domain.pair_profile import PairProfile, Person

# A department named by a singular unit noun takes "the": "in the Emergency Department", but
# "in Engineering", "in Adult Social Services"; so does a unit of something: "the Board of
# Trustees".
UNIT = re.compile(r"\b(department|office|division|team|unit|centre|center|group|board|desk|"
                  r"ward|service|directorate|function|lab|studio|hub|room|newsroom)"
                  r"( of [\w ,&'-]+)?$", re.I)  # fmt: skip


# A department that is a team at the top, not an area of work, reads as that team: "a meeting
# about the executive team" (a held-out review read "a meeting about Executive", "priorities for
# Executive"; development pairs logistics-02 and tech-03 have the same department).
# (… and "Management": fresh4's reader heard "an initiative in Management")
GOVERNING = re.compile(r"^(?:(?:senior|trust|executive) )?(?:executive|exec|leadership|"
                       r"management)(?: team)?$", re.I)  # fmt: skip
# The office at the very top is where the whole organisation is run from, and that is how its
# head talks of it: "what has happened in the organisation", not "in the Chief Executive's
# Office" said to the Chief Executive (the starter readability labels of 2026-12-07).
TOP_OFFICE = re.compile(r"^(?:the )?(?:executive|ceo's|chief executive's|vice-chancellor's|"
                        r"principal's|president's|managing director's|chair's) office$",
                        re.I)  # fmt: skip
# A board is sat on, not worked in: "in front of people on the Board".
IN_A_BOARD = re.compile(r"\bin (the (?:[A-Z][\w']* )*Board\b)")
TOP = "the organisation"  # the office at the top, unless the pair file names its kind


def top_name(profile: PairProfile) -> str:
    """What the office at the top is called for this pair: "the university" where the file
    names its kind (``org_words``), else "the organisation"."""
    kind = org_words(profile).organisation
    return TOP if kind in ("company", "organisation") else f"the {kind}"


def work_of(person: Person, default: str, top: str = TOP) -> str:
    """A person's work as a phrase: their department, else their role, else ``default``; the
    office at the top is ``top`` (``top_name``)."""
    department = person.department.split(",")[0].strip()  # "Ramp Services, Manchester station"
    department = re.sub(r"\s*\([^()]*\)", "", department)  # "Hotel Operations (shipboard)"
    if re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)+", department):  # "Head office" is a head office
        department = department.lower()  # ("how you run the Head office", fresh4)
    if TOP_OFFICE.match(department):
        return top
    if GOVERNING.match(department):
        group = department.lower()
        return f"the {group}" if group.endswith(" team") else f"the {group} team"
    if department:
        return f"the {department}" if UNIT.search(department) else department
    return person.role.strip() or default
