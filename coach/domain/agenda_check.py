"""Checks on one model-worded agenda item, in code: a failed check means the library pattern's
own wording is used for that item (and only that item).

The title must be short and not the goal pasted back; the activity one plain sentence that is
no echo of the instructions ("The pair will learn…"); the question asked face to face, not a
textbook question ("What are some of the key features of…?"). No field may name a person,
number or date that the pair file and the pattern lack, run words together, repeat itself,
echo the instructions, hold a placeholder, use another script or a generational stereotype.
"""

from __future__ import annotations

import re

from coach.domain.agenda_plan import focus_subject
from coach.domain.degenerate import problems as degenerate_problems
from coach.domain.library import SECOND_PERSON
from coach.domain.pair_profile import PairProfile
from coach.domain.questions import problems as generic_problems
from coach.domain.recap_phrases import recap_subject
from coach.domain.starter_check import glued, unglue
from coach.domain.stereotypes import stereotypes_in
from coach.domain.wording import content_words, folded, invented, words

TITLE_WORDS = (2, 10)
ACTIVITY_WORDS = (6, 45)
QUESTION_WORDS = (5, 35)
# The instructions' own vocabulary, or the report voice a session plan must not use.
ECHO = re.compile(
    r"\b(the pair( will)?|the (junior|senior)( employee| leader)?|the mentee|the mentor|"
    r"reverse mentoring|session'?s theme|this item|agenda item|(this|the|each) block|json)\b", re.I
)  # fmt: skip
ROLES = frozenset({"the mentee", "the mentor"})  # who does what: fine in an activity


def _terms(text: str, field: str = "") -> set[str]:
    found = {folded(m.group(0)) for m in ECHO.finditer(text)}  # ECHO's terms are ASCII
    return found - ROLES if field == "activity" else found


# Words a sentence does not end on: what the length limit leaves when it cuts a reply off.
_DANGLING = """a an the and or but of to for with in on at by from that which who as their
your our its his her this these those into about than then so if when while"""
DANGLING = frozenset(_DANGLING.split())


def cut_off(text: str) -> bool:
    """Whether ``text`` stops mid-sentence (on a word no sentence ends with, or a comma)."""
    stripped = text.rstrip()
    last = re.findall(r"[A-Za-z']+", stripped)[-1:] or [""]
    return stripped.endswith((",", ";", ":", "-")) or last[0].lower() in DANGLING


def _subject(serves: str, profile: PairProfile, is_focus: bool) -> set[str]:
    """The content words of what an item is for, the pair's names aside (a focus: only the
    words saying what the session is about)."""
    names = content_words(f"{profile.mentor.name} {profile.mentee.name}")
    return (focus_subject(serves) if is_focus else content_words(serves)) - names


def addresses(serves: str, profile: PairProfile, text: str, is_focus: bool = False) -> bool:
    """Whether ``text`` names something of what the item is for, the pair's names aside: a word
    of a goal, or half of a focus's subject (as the evals' ``focus_used`` reads it)."""
    subject = _subject(serves, profile, is_focus)
    need = len(subject) / 2 if is_focus else 1
    return not subject or len(subject & content_words(text)) >= need


def tidy(fields: dict[str, str], source: str) -> tuple[dict[str, str], list[str]]:
    """The model's fields with what code can mend for sure, and a note of each mend: words it
    ran together written apart (``unglue``), and an activity that is too long or stops
    mid-sentence cut back to its whole sentences, when those are long enough."""
    out, notes = dict(fields), []
    for field, text in fields.items():
        out[field], apart = unglue(text, source)
        if apart:
            notes.append(f"{field}: wrote apart {', '.join(apart)}")
    activity = out["activity"]
    low, high = ACTIVITY_WORDS
    if len(activity.split()) > high or cut_off(activity):
        kept: list[str] = []
        for sentence in re.split(r"(?<=[.!?])\s+", activity):
            if len(" ".join([*kept, sentence]).split()) > high or cut_off(sentence):
                break
            kept.append(sentence)
        whole = " ".join(kept)
        if len(whole.split()) >= low and whole.endswith((".", "!", "?")):
            notes.append(f"activity: cut back to {len(kept)} whole sentence(s)")
            out["activity"] = whole
    return out, notes


def _length(name: str, text: str, bounds: tuple[int, int]) -> list[str]:
    count = len(text.split())
    low, high = bounds
    return [] if low <= count <= high else [f"{name}: {count} words; want {low}-{high}"]


NOT_ADDRESSED = "does not address what it is for"


def unnamed(serves: str, profile: PairProfile, is_focus: bool = False) -> list[str]:
    """The words of what the item is for that an item must name (``addresses``), in the
    order ``serves`` writes them: what a wording that missed it is told to use."""
    subject = _subject(serves, profile, is_focus)
    said = words(serves.replace("'", " "))  # as written: "process", not the folded "proces"
    return list(dict.fromkeys(w for w in said if content_words(w) & subject))


def item_problems(
    title: str, activity: str, serves: str, profile: PairProfile, pattern: str,
    instructions: str = "", is_focus: bool = False,
) -> list[str]:  # fmt: skip
    """Why the model's wording of one item must not be shown; empty when it may. Each reason
    starts with the field it is about ("title: …"); a title-only problem can be mended by
    showing the pattern's name instead (``title_only``).

    ``serves`` is the focus or goal the item is for; ``pattern`` the library segment's text.
    The item's question is the pattern's own, as written (``ItemWording``).
    """
    found = _length("title", title, TITLE_WORDS) + _length("activity", activity, ACTIVITY_WORDS)
    pasted = title.strip().rstrip(".").casefold()
    if any(pasted in given.casefold() for given in (serves, profile.session.focus) if given):
        found.append("title: the goal or focus pasted back")
    if cut_off(activity):
        found.append("activity: cut off before its end")
    if not addresses(serves, profile, f"{title} {activity}", is_focus):
        found.append(f"{NOT_ADDRESSED} ({serves})")
    source = f"{profile.model_dump_json()} {pattern}"
    earlier: list[str] = []
    for name, text in (("title", title), ("activity", activity)):
        found += _field_problems(name, text, pattern, source, instructions, earlier)
        earlier.append(text)
    return found


def _field_problems(
    name: str, text: str, pattern: str, source: str, instructions: str, earlier: list[str]
) -> list[str]:
    """What is wrong with one field whatever it is for: an echo of the instructions, words run
    together, names the pair file lacks, a degenerate or repeated sentence, a stereotype."""
    found = []
    if _terms(text, name) - _terms(pattern):
        found.append(f"{name}: echoes the instructions")
    run_together = glued(text, source)
    if run_together:
        found.append(f"{name}: runs words together: {', '.join(sorted(run_together))}")
    # Possessives are the name; a title's capitals are Title Case, so only its numbers count.
    claim = re.sub(r"['’]s\b", "", text.lower() if name == "title" else text)
    lacking = invented(claim, source)
    if lacking:
        found.append(f"{name}: names what the pair file lacks: {', '.join(sorted(lacking))}")
    found += [f"{name}: {p}" for p in degenerate_problems(text, instructions, earlier)]
    sentences = [folded(p) for p in re.split(r"(?<=[.?!])\s+", text)]
    if len(set(sentences)) < len(sentences):
        found.append(f"{name}: repeats an earlier sentence")
    found += [f"{name}: stereotype: {s}" for s in stereotypes_in(text)]
    return found


NO_PICK_UP = "question: does not pick up the last session"
SEVERAL_QUESTIONS = "question: more than one question"
# "You mentioned the open data portal", asked of the mentee when the mentor showed it: who did
# what last time is the summary's to say, and the check-in asks about since.
RECALLED = re.compile(
    r"\byou(?:'ve| have)? (mentioned|described|showed|shown|shared|explained|said|told|talked|"
    r"raised|flagged|presented|walked|planned)\b",
    re.I,
)  # fmt: skip
RECALLED_WHAT_YOU_DID = "question: says what you did last time; ask what has happened since"


def first_question(text: str) -> str:
    """``text`` up to its first question mark: one question out of several."""
    head, mark, _ = text.partition("?")
    return f"{head}{mark}".strip()


def check_in_problems(
    question: str, last_summary: str, profile: PairProfile, pattern: str, instructions: str = ""
) -> list[str]:
    """Why the model's check-in question must not be shown; empty when it may. It must be one
    question asked face to face (neither of the two named in the third person), be no textbook
    question, not say what "you" did last time (``RECALLED``), and pick up the last session:
    two of its summary's content words (one when the summary has fewer than four), the pair's
    names aside."""
    found = _length("question", question, QUESTION_WORDS)
    if "?" not in question:
        found.append("question: not a question")
    if not SECOND_PERSON.search(question):
        found.append("question: not asked face to face")
    names = profile.first_names
    if question.count("?") > 1:
        found.append(SEVERAL_QUESTIONS)
    if RECALLED.search(question):
        found.append(RECALLED_WHAT_YOU_DID)
    found += [f"question: says {n} where it should say you or I" for n in names
              if re.search(rf"\b{re.escape(n)}\b", question)]  # fmt: skip
    found += [f"question: {why}" for why in generic_problems(question, [last_summary], names)]
    subject = recap_subject(last_summary, profile)
    need = 2 if len(subject) >= 4 else 1
    if subject and len(subject & content_words(question)) < need:
        found.append(NO_PICK_UP)
    source = f"{profile.model_dump_json()} {pattern}"
    return found + _field_problems("question", question, pattern, source, instructions, [])


FIELDS = ("title", "activity")


def mended_fields(problems: list[str], serves: str, profile: PairProfile,
                  kept: dict[str, str], is_focus: bool = False) -> list[str] | None:  # fmt: skip
    """The fields to take from the library pattern instead of the model, when that mends every
    problem; None when it cannot: a problem of the whole item, a refused activity (nothing of
    substance left in the model's words; its title over the pattern's activity would name
    something the item does not do), or a kept activity that no longer addresses what the
    item is for. ``kept`` holds the model's fields."""
    refused = {p.split(":", 1)[0] for p in problems}
    if not problems or not refused <= set(FIELDS) or "activity" in refused:
        return None
    rest = " ".join(text for field, text in kept.items() if field not in refused)
    return sorted(refused) if addresses(serves, profile, rest, is_focus) else None
