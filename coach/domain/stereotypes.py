"""Phrases that reduce people to their generation; starters containing them are rejected.

Reverse mentoring works when each person is treated as an individual. These patterns catch the
common shortcuts ("digital natives", "boomers can't…", "set in their ways"); a test proves each
one is caught and that neutral wording about generations passes.
"""

from __future__ import annotations

import re

CANT = r"(can'?t|cannot|don'?t|do not|won'?t|never|struggle with)"
FLAWS = r"are (lazy|entitled|bad|hopeless|addicted|glued)"
TECH = r"(tech[- ]savvy|good with (tech|technology|computers))"
PEOPLE = r"(people|folks|workers|leaders|employees)"
GENERATIONS = r"(boomers?|baby boomers?|gen ?x(ers)?|millennials?|gen ?z(ers)?|zoomers?|gen ?y)"
PATTERNS: dict[str, str] = {
    "digital native": r"\bdigital natives?\b",
    "digital immigrant": r"\bdigital immigrants?\b",
    "ok boomer": r"\bok,? boomer\b",
    "generation + always/never": rf"\b{GENERATIONS}\s+(always|never|all|just|only)\b",
    "generation + can't/don't": rf"\b{GENERATIONS}\s+({CANT}|hate|{FLAWS})",
    "typical generation": rf"\btypical\s+{GENERATIONS}",
    "older people can't": rf"\b(older|old) {PEOPLE}\s+{CANT}",
    "younger people can't": rf"\b(young|younger) {PEOPLE}\s+({CANT}|{FLAWS})",
    "set in their ways": r"\bset in (his|her|their) ways\b",
    "too old to": r"\btoo old (to|for)\b",
    "dinosaur": r"\bdinosaurs?\b",
    "snowflake": r"\bsnowflakes?\b",
    "entitled youth": r"\bentitled (kids|youth|generation|youngsters)\b",
    "kids these days": r"\bkids these days\b",
    "born with a phone": r"\bborn with (a|an) (phone|smartphone|ipad|screen)\b",
    "tech-savvy because young": rf"\b(naturally|inherently) {TECH}\b",
    "attention span": r"\b(short|no) attention spans?\b",
    "as a boomer/millennial you": rf"\bas an? {GENERATIONS},? you\b",
}
COMPILED = {name: re.compile(pattern, re.I) for name, pattern in PATTERNS.items()}


def stereotypes_in(text: str) -> list[str]:
    """Names of the stereotype patterns ``text`` contains (empty when it treats people fairly)."""
    return [name for name, pattern in COMPILED.items() if pattern.search(text)]
