"""Who a clause names, read against the pair: the author's "I", the partner's name, initials,
title or pronoun (or their office, EA or assistant), "we", "both" or "X and I" for both."""

from __future__ import annotations

import re

from coach.domain.action_phrases import PARTNER_PROXY
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side

COMMON_SHORT = frozenset(
    {"it", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "me", "my", "no",
     "of", "on", "or", "so", "to", "up", "us", "we", "am", "hi", "ok", "oh"}
)  # fmt: skip


def pair_names(profile: PairProfile) -> dict[str, str]:
    """Lower-case first and full names of both people, to their side."""
    out: dict[str, str] = {}
    for side in Side:
        parts = profile.person(side.value).name.lower().split()
        if parts:
            out[" ".join(parts)] = side.value
            out[parts[0]] = side.value
            initials = "".join(part[0] for part in parts)
            if len(initials) > 1 and initials not in COMMON_SHORT:  # "KW to book …" (h094)
                out[initials] = side.value
            if len(parts) > 1:  # "Ms Chen", "Mr Watanabe"
                for title in ("mr", "mrs", "ms", "miss", "dr"):
                    out[f"{title} {parts[-1]}"] = side.value
    return out


def first_initials(names: dict[str, str]) -> dict[str, str]:
    """The two first names' initials to their sides ("(N)" after a task, h139), or none when
    both names start with the same letter."""
    firsts = {n[0]: side for n, side in names.items() if " " not in n}
    return firsts if len(set(firsts.values())) == len(firsts) == 2 else {}


def owner_of(subject: str, author: str, names: dict[str, str]) -> str:
    """The side ``subject`` names, from the author's point of view; "unknown" when it names
    nobody of the pair."""
    lowered = re.sub(r"^on (?=me\b)", "", subject.lower().strip(" ,"))  # "On me: …"
    lowered = re.sub(r"^([a-z])\.([a-z])\.?(?!\w)", r"\1\2", lowered)  # "A.Y." (h211)
    first = re.split(r"[^\w']+", lowered)[0] if lowered else ""
    partner = Side(author).other.value
    if " and " in lowered:  # "Rosa and I": both when Rosa is the partner, else the author's
        sides = {owner_of(part, author, names) for part in lowered.split(" and ", 1)}
        if sides == {"mentor", "mentee"}:
            return "both"
        if lowered.endswith(" and i"):
            return author
    if re.search(r"\b(we|both|us|together)\b", lowered) and "(the " not in lowered:
        return "both"
    if first in {"i", "i'm", "i'll", "i've", "i'd", "im", "me", "my", "mine"}:
        return author
    if re.match(PARTNER_PROXY, lowered, re.I):
        return partner
    if first in {"he", "she", "they", "he's", "she's", "he'll", "she'll", "him", "her", "them"}:
        return partner
    for name, side in names.items():
        if lowered == name or lowered.startswith(name + " ") or lowered.startswith(name + "'"):
            return side
    return "unknown"
