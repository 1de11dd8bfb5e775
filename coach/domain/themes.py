"""Themes in the summaries shared with a program: groups of similar summaries, each named by
one short label and counted.

The grouping itself (embeddings, clustering) lives in ``coach/services/themes.py``; this module
names the groups and applies the minimum group: a theme is shown by its label only when at
least ``min_group`` summaries from at least ``min_group`` pairs fall in it. Smaller groups are
counted together as "other", unnamed, so a label never describes one pair's sessions.

A label is at most ``MAX_LABEL_WORDS`` words, whoever writes it (the rule below, or a model
later): too short to carry a sentence of any summary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from coach.domain.aggregates import MIN_GROUP, enough
from coach.domain.wording import STOP

MAX_LABEL_WORDS = 4
OTHER = "other"
UNNAMED = "unnamed theme"
TOKEN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]*[A-Za-zÀ-ÿ]")
# Words every summary of a session uses: they name no theme.
_GENERIC = """about after again agreed also always asked back been before being between both
    came come could decided did discussed does doing done down during each even every first
    from further get going got had have having here itself just keep know last let like look
    looked make made many meet meeting mentee mentor more most much must need needs next none
    now only other over pair part plan same see session sessions shall should show showed some
    start still such take talk talked tell than that their them then there these they thing
    things think this those through time today together told tried try under until very want
    way week weeks well went were what when where which while whole will with without work
    would year yet"""
STOPWORDS = STOP | frozenset(_GENERIC.split())


@dataclass(frozen=True)
class Theme:
    """A theme as the lead sees it: a short label and how many shared summaries it holds.

    ``other`` marks the one entry that pools every group below the minimum, unnamed."""

    label: str
    count: int
    pairs: int = 0
    other: bool = False


@dataclass(frozen=True)
class Group:
    """One cluster of shared summaries: their texts and the pair each came from."""

    texts: tuple[str, ...]
    pair_ids: tuple[str, ...]

    @property
    def pairs(self) -> int:
        return len(set(self.pair_ids))


class Labeler(Protocol):
    """Names one group of summaries, given the rest for contrast. A model labeler can take the
    rule-based one's place; whatever it returns is cut to ``MAX_LABEL_WORDS`` words."""

    def label(self, group: Sequence[str], rest: Sequence[str]) -> str: ...


def _fold(word: str) -> str:
    """A crude lemma: lower case, no possessive, plurals folded ("changes" -> "change")."""
    word = word.lower().removesuffix("'s").strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


Unit = tuple[str, ...]  # one folded word, or two that stand together ("ground rules")


class KeywordLabeler:
    """The default labeler: the two or three words most particular to the group.

    A word, or a pair of words written side by side, scores by the share of the group's
    summaries using it, times how rare it is in the other summaries. It must appear in two of
    the group's summaries (when the group has two), is never a stop word, and never a name:
    names given in ``exclude`` and words that never appear in lower case (proper nouns) are
    skipped. Ties prefer word pairs, then go alphabetically, so the label is stable."""

    def __init__(self, exclude: Iterable[str] = (), words: int = 3) -> None:
        self.exclude = {_fold(w) for name in exclude for w in TOKEN.findall(name)}
        self.words = max(1, min(words, MAX_LABEL_WORDS))

    def _units(self, text: str, lower: set[str]) -> set[Unit]:
        keys = [_fold(token) for token in TOKEN.findall(text)]
        usable = [
            k if len(k) >= 3 and k not in STOPWORDS and k not in self.exclude and k in lower
            else None
            for k in keys
        ]  # fmt: skip
        units: set[Unit] = {(k,) for k in usable if k}
        pairs = zip(usable, usable[1:], strict=False)
        return units | {(a, b) for a, b in pairs if a and b and a != b}

    def label(self, group: Sequence[str], rest: Sequence[str]) -> str:
        forms: dict[str, Counter[str]] = {}
        for text in [*group, *rest]:
            for token in TOKEN.findall(text):
                forms.setdefault(_fold(token), Counter())[token] += 1
        lower = {k for k, seen in forms.items() if any(form[0].islower() for form in seen)}
        df_in = Counter(u for text in group for u in self._units(text, lower))
        df_out = Counter(u for text in rest for u in self._units(text, lower))
        total, need = len(group) + len(rest), min(2, len(group))

        def score(unit: Unit) -> float:
            share = df_in[unit] / len(group)
            return share * math.log((1 + total) / (1 + df_in[unit] + df_out[unit]) + 1)

        ranked = sorted(df_in, key=lambda u: (-score(u), -len(u), u))
        chosen: list[Unit] = []
        used: set[str] = set()
        for unit in [u for u in ranked if df_in[u] >= need] or ranked:
            if used & set(unit) or len(used) + len(unit) > MAX_LABEL_WORDS:
                continue
            chosen.append(unit)
            used |= set(unit)
            if len(used) >= self.words:
                break
        chosen.sort(key=lambda u: (_position(u[0], group), u))  # "shift changes", as written
        joiner = ", " if len(chosen) > 1 and any(len(u) > 1 for u in chosen) else " "
        return joiner.join(" ".join(_surface(forms[k]) for k in u) for u in chosen) or UNNAMED


def _position(key: str, texts: Sequence[str]) -> float:
    """Where ``key`` first comes in the texts that use it, on average (0 = at the start)."""
    places = []
    for text in texts:
        keys = [_fold(token) for token in TOKEN.findall(text)]
        if key in keys:
            places.append(keys.index(key) / len(keys))
    return sum(places) / len(places) if places else 1.0


def _surface(forms: Counter[str]) -> str:
    """The lower-case form used most often (the singular when tied), as it was written."""
    lowered = Counter()
    for form, n in forms.items():
        lowered[form.lower()] += n
    return min(lowered.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]


def clean_label(label: str) -> str:
    """At most ``MAX_LABEL_WORDS`` words on one line; an empty label becomes "unnamed theme"."""
    words = " ".join(label.split()).split(" ")
    return " ".join(words[:MAX_LABEL_WORDS]).strip(" .,:;-") or UNNAMED


def name_themes(
    groups: Sequence[Group], labeler: Labeler, min_group: int = MIN_GROUP
) -> tuple[Theme, ...]:
    """Label the groups big enough to show, largest first; pool the rest as "other".

    Only a shown group is passed to the labeler, so a small group's texts are never summarised
    at all. Two groups given the same label are counted as one theme."""
    ordered = sorted(groups, key=lambda g: (-len(g.texts), g.texts))
    shown: dict[str, tuple[int, set[str]]] = {}
    other = 0
    for index, group in enumerate(ordered):
        if not (enough(len(group.texts), min_group) and enough(group.pairs, min_group)):
            other += len(group.texts)
            continue
        rest = [t for g in ordered[:index] + ordered[index + 1 :] for t in g.texts]
        label = clean_label(labeler.label(group.texts, rest))
        count, pair_ids = shown.get(label, (0, set()))
        shown[label] = (count + len(group.texts), pair_ids | set(group.pair_ids))
    themes = [Theme(label, count, len(ids)) for label, (count, ids) in shown.items()]
    themes.sort(key=lambda t: (-t.count, t.label))
    if other:  # how many summaries fell in no theme; never which pairs wrote them
        themes.append(Theme(OTHER, other, other=True))
    return tuple(themes)
