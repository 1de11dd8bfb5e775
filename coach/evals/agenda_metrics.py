"""Agenda metrics: validity, minutes, goal coverage, citations, phase rules, carry-over.

Pure functions over an ``Agenda`` and the ``PairProfile`` it was made for. Each returns a
number in [0, 1] (or a bool), or None when the metric does not apply to the case.
"""

from __future__ import annotations

import re

from coach.domain.agenda import Agenda, AgendaItem, missing_phase_topics, violations
from coach.domain.agenda_plan import FELL_BACK, MENDED, PHASE_WORDS, focus_subject
from coach.domain.focus_sentences import is_long, remark
from coach.domain.pair_profile import PairProfile
from coach.domain.questions import generic_rate
from coach.domain.wording import (
    STOP,
    content_words,
    copied_runs,
    copies,
    folded,
    overlap,
    sentences,
    words,
)
from coach.evals.starter_metrics import DEGENERATE

CITATION_SUPPORT = 0.2  # share of the item's content words found in the cited passage
GOAL_WORDING = 0.5  # share of a goal's content words an untagged item must use to serve it


def _allowed(agenda: Agenda) -> dict[str, str]:
    """Citation id → passage text, from the artifact's provenance."""
    return {c.id: c.text for c in agenda.meta.citations} if agenda.meta else {}


def valid(agenda: Agenda, profile: PairProfile) -> bool:
    """Every domain invariant holds (``coach.domain.agenda.violations`` is empty)."""
    return not violations(agenda, profile, _allowed(agenda))


def minutes_exact(agenda: Agenda, profile: PairProfile) -> bool:
    """The items' minutes add up to exactly the session length."""
    return bool(agenda.items) and sum(i.minutes for i in agenda.items) == profile.session.minutes


def _serves(item: AgendaItem, goal_id: str, goal_text: str) -> bool:
    return goal_id in item.goal_ids or overlap(goal_text, item.wording()) >= GOAL_WORDING


def goal_coverage(agenda: Agenda, profile: PairProfile) -> float | None:
    """Share of the pair's goals that some item is tagged with or clearly talks about."""
    if not profile.goals:
        return None
    served = [g for g in profile.goals if any(_serves(i, g.id, g.text) for i in agenda.items)]
    return len(served) / len(profile.goals)


def citation_validity(agenda: Agenda) -> float | None:
    """Share of the items' citations that are passages retrieval returned (in ``meta``)."""
    cited = [c for i in agenda.items for c in i.citations]
    if not cited:
        return None
    allowed = _allowed(agenda)
    return sum(c in allowed for c in cited) / len(cited)


def citation_support(agenda: Agenda, threshold: float = CITATION_SUPPORT) -> float | None:
    """Share of citations whose passage shares enough wording with the item citing it.

    An invalid citation counts as unsupported: there is no passage to support anything.
    """
    allowed = _allowed(agenda)
    pairs = [(i, c) for i in agenda.items for c in i.citations]
    if not pairs:
        return None
    good = [c in allowed and overlap(i.wording(), allowed[c]) >= threshold for i, c in pairs]
    return sum(good) / len(good)


def cited_items(agenda: Agenda) -> float | None:
    """Share of items that cite at least one passage."""
    if not agenda.items:
        return None
    return sum(bool(i.citations) for i in agenda.items) / len(agenda.items)


def written_fields(agenda: Agenda) -> list[str]:
    """The free text a model writes: the title, its items' text and the next steps.

    Left out: objectives and preparation (code writes both from the goals since agenda prompt
    v2) and rule-built items.
    """
    fields = [agenda.title, *agenda.next_steps]
    for item in agenda.items:
        if not item.rule_built():
            fields += [item.title, item.purpose, *item.prompts]
    return [f for f in fields if f.strip()]


def copied_fields(agenda: Agenda, given: str) -> float | None:
    """Share of the written fields that repeat, word for word, text the model was given.

    ``given`` is the prompt's instructions plus the pair's details. A field such as "a few
    words" (a format placeholder) or "Zara Hussain (Junior analyst, ...)" is a copy, not an
    agenda. Lower is better.
    """
    fields = written_fields(agenda)
    if not fields:
        return None
    return sum(copies(f, given) for f in fields) / len(fields)


def phase_rules(agenda: Agenda, profile: PairProfile) -> bool:
    """A first session covers expectations, confidentiality and ground rules; a closing one
    looks back and ahead. Middle sessions have no phase topics."""
    return bool(agenda.items) and not missing_phase_topics(agenda.items, profile.phase)


def carry_over(agenda: Agenda, profile: PairProfile) -> float | None:
    """Share of the pair's open action items listed in the agenda's carry-over."""
    if not profile.open_action_items:
        return None
    carried = {folded(a.text) for a in agenda.carry_over}
    kept = [a for a in profile.open_action_items if folded(a.text) in carried]
    return len(kept) / len(profile.open_action_items)


def generic_questions(agenda: Agenda, profile: PairProfile) -> float | None:
    """Share of the agenda's questions that are generic (``coach.domain.questions``)."""
    names = profile.first_names
    questions = [q for i in agenda.items for q in i.prompts]
    return generic_rate(questions, [g.text for g in profile.goals], names)


# Items that name the focus only in passing: the check-in and the review of last time's actions
# (the blind focus labels of 2026-12-07 never counted them).
IN_PASSING = re.compile(r"^(check-?in|review(ing)? (the |our )?(open )?action items?)\b", re.I)
TAG_WORDS = 3  # a sentence holding the focus and at most this many words of its own is a tag
# A focus that says what the session does, and the words of an item that does it ("Plan a
# shadowing visit" plans one; it is not the visit).
OCCASIONS = {
    # (not visitors who "just walk round", fresh4 housebuilder's launch weekend, nor what a
    # tenant was told "at each visit", second fresh housing association)
    "visit": (re.compile(r"^(?!plan).*\b(walk-?round|(?<!just )walk round|(?<!each )(?<!every )"
                         r"visit|tour)\b", re.I),
              re.compile(r"^(?!.*\bplan\w*(\W+\w+){0,3}\W+(visit|walk|tour)).*\b(walk-?round|"
                         r"walk round|walks? .{0,20}round|visit|tour|on site|on the floor)\b",
                         re.I)),
    "handover": (re.compile(r"\bhand(ing)?[- ]?over\b|\bhandover\b", re.I),
                 re.compile(r"\bhand(ing|s)?[- ]?(it |this )?(over|on)\b|\bhandover\b|"
                            r"\bcarr(y|ies) (it|this) on\b", re.I)),
}  # fmt: skip


def focus_used(agenda: Agenda, profile: PairProfile) -> bool | None:
    """The focus is worked on by an item and pasted into none. Worked on: a block, not the
    check-in or the review of old actions, holds half the focus's subject words in its purpose
    and questions (a heading over other work is not it), and when the focus says what the
    session does (a visit, a hand-over) its purpose does it, rather than plan it.
    Pasted: a sentence that is the focus plus a tag ("The task bears on <focus>."), or the
    focus in more than two items. None without a focus, or when the focus names only the
    session ("Kick-off", "Final session"): the phase covers that (``phase_rules``). The pair's
    names are not its subject, and an open action quoted as the pair wrote it is theirs.
    Checked against a blind reader's labels (``evals/datasets/focus_labels.jsonl``)."""
    focus = " ".join(profile.session.focus.split())
    subject = focus_subject(focus) - content_words(f"{profile.mentor.name} {profile.mentee.name}")
    if not subject:
        return None
    quoted = [folded(a.text) for a in profile.open_action_items if a.text.strip()]
    pasted = [i for i in agenda.items if folded(focus) in _without(folded(i.wording()), quoted)]
    if len(pasted) > 2 or any(_tagged(i, focus) for i in agenda.items):
        return False
    occasions = [item for focus_rule, item in OCCASIONS.values() if focus_rule.search(focus)]
    for item in agenda.items:
        if IN_PASSING.match(item.title.strip()):
            continue
        body = " ".join([item.purpose, *item.prompts])  # a heading over other work is not it
        half = len(subject & content_words(body)) >= len(subject) / 2
        if not half and not (is_long(focus) and _named(focus, body)) and not _quoted(focus, body):
            continue
        if all(rule.search(item.purpose) for rule in occasions):
            return True
    return False


# Words that tie a pasted subject on rather than work with it ("an ad that bears on <focus>").
TIE = r"(?:bears? on|to do with|linked to|touch(?:es)? on|(?:is|are) (?:mostly )?about)"


def _tagged(item: AgendaItem, focus: str) -> bool:
    """Whether the item ties the focus on: a sentence (not the title) that is the focus with a
    short tag, or the focus (or what follows its label, "Hands-on workshop: <the portal>")
    after a tie such as "bears on"."""
    text = folded(" ".join([item.purpose, *item.prompts]))
    for whole in {folded(focus), folded(focus.split(":")[-1])} - {""}:
        if re.search(rf"\b{TIE} {re.escape(whole)}", text):
            return True
    own = content_words(focus)
    for sentence in sentences(" ".join([item.purpose, *item.prompts])):
        if folded(focus) in folded(sentence.text) and (
            len(content_words(sentence.text) - own) <= TAG_WORDS
        ):
            return True
    return False


def _quoted(focus: str, body: str) -> bool:
    """Whether ``body`` quotes the remark ``focus`` quotes (``remark``): "What's behind the
    remark: the mentee repeats 'They knew what the rent was when they signed' …" works on a
    focus that quotes it, in words no two of which in a row are other than stop words (fresh4
    ski resort, counted unused)."""
    said = remark(focus).strip("'")
    return bool(said) and folded(said) in folded(body)


def _named(focus: str, body: str) -> bool:
    """Whether ``body`` holds two words in a row of ``focus``, neither a stop word nor a word
    about the session ("the staff roadshow", "the 8/6 roster"): a long focus is worked on by
    the thing it names (the fifth reader's labels, on the fresh pairs)."""
    said = f" {' '.join(_stem(w) for w in words(body))} "
    mine = words(focus)
    for first, second in zip(mine, mine[1:], strict=False):
        if {first, second} & (STOP | PHASE_WORDS):
            continue
        if f" {_stem(first)} {_stem(second)} " in said:
            return True
    return any(f" {' '.join(_stem(w) for w in run)} " in said for run in _named_by_number(mine))


def _named_by_number(mine: list[str]) -> list[list[str]]:
    """The runs of ``mine`` that name a thing by one word and a number across one or two stop
    words: "the incident on the 86", "the meeting on 3 March" (the second fresh set's reader
    took a block on "the incident on the 86" as the focus worked on; no two words in a row)."""
    runs = []
    for start, word in enumerate(mine):
        if word in STOP | PHASE_WORDS or word.isdigit():
            continue
        for gap in (1, 2):  # the stop words between the word and its number
            end = start + 1 + gap
            if end < len(mine) and mine[end].isdigit() and set(mine[start + 1 : end]) <= STOP:
                runs.append(mine[start : end + 1])
    return runs


# A word without its ending: "ticket prices" is named by "the ticket pricing post" (the fifth
# reader's label on fresh sport)
ENDING = re.compile(r"(?:ing|es|ed|s|e)$")


def _stem(word: str) -> str:
    return ENDING.sub("", word) if len(word) > 4 else word


def _without(text: str, quoted: list[str]) -> str:
    """``text`` with each of the ``quoted`` passages blanked out."""
    for quote in quoted:
        text = text.replace(quote, " ")
    return text


# Words in a row copied from the last session's summary: a quote of it, not a use of it.
PASTED_RUN = 5


def unpasted(text: str, source: str) -> str:
    """``text``'s words without every run of ``PASTED_RUN`` or more that ``source`` has word for
    word."""
    mine, ends = words(text), copied_runs(text, source)
    pasted = [False] * len(mine)
    for i, run in enumerate(ends):
        if run >= PASTED_RUN:
            pasted[i - run + 1 : i + 1] = [True] * run
    return " ".join(w for w, copied in zip(mine, pasted, strict=True) if not copied)


def history_used(agenda: Agenda, profile: PairProfile) -> bool | None:
    """An item picks up the last session (a third of its summary's content words), in words
    that are not the summary pasted in: agenda-heldout-9's reader found history "used thinly: at
    best the check-in quotes the last session", which this metric counted as used. None for a
    pair with no session summaries yet."""
    done = [h for h in profile.history if h.summary.strip()]
    if not done:
        return None
    last = max(done, key=lambda h: h.number).summary
    return any(overlap(last, unpasted(i.wording(), last)) >= 1 / 3 for i in agenda.items)


def _worded(agenda: Agenda) -> int:
    return sum(bool(i.pattern) for i in agenda.items)


def agenda_fell_back(agenda: Agenda) -> float | None:
    """Share of library-worded items whose model wording failed the checks twice (the pattern's
    own wording was used); None for an agenda with no such item."""
    fixes = agenda.meta.fixes if agenda.meta else []
    return sum(FELL_BACK in f for f in fixes) / _worded(agenda) if _worded(agenda) else None


def agenda_mended(agenda: Agenda) -> float | None:
    """Share of library-worded items shown with some of the model's fields refused and taken
    from the pattern instead (a title, an activity or a question); the rest is the model's."""
    fixes = agenda.meta.fixes if agenda.meta else []
    return sum(MENDED in f for f in fixes) / _worded(agenda) if _worded(agenda) else None


def agenda_degenerate_before_guard(agenda: Agenda) -> float | None:
    """Share of library-worded items for which the model, at least once, wrote degenerate
    wording (a loop, echoed instructions, a placeholder, foreign script) the guard held back."""
    if not _worded(agenda):
        return None
    fixes = agenda.meta.fixes if agenda.meta else []
    caught = {f.split(":")[0] for f in fixes if DEGENERATE.search(f)}
    return len(caught) / _worded(agenda)


def score_agenda(
    agenda: Agenda, profile: PairProfile, given: str = ""
) -> dict[str, float | bool | None]:
    """Every agenda metric for one case; ``given`` is what the prompt showed the model."""
    return {
        "valid": valid(agenda, profile),
        "minutes_exact": minutes_exact(agenda, profile),
        "goal_coverage": goal_coverage(agenda, profile),
        "citation_validity": citation_validity(agenda),
        "citation_support": citation_support(agenda),
        "cited_items": cited_items(agenda),
        "phase_rules": phase_rules(agenda, profile),
        "carry_over": carry_over(agenda, profile),
        "copied_fields": copied_fields(agenda, given) if given else None,
        "generic_questions": generic_questions(agenda, profile),
        "focus_used": focus_used(agenda, profile),
        "history_used": history_used(agenda, profile),
        "fell_back": agenda_fell_back(agenda),
        "mended": agenda_mended(agenda),
        "degenerate_before_guard": agenda_degenerate_before_guard(agenda),
    }


def agenda_problems(agenda: Agenda, profile: PairProfile) -> list[str]:
    """The broken invariants, in words, for the report."""
    return violations(agenda, profile, _allowed(agenda))
