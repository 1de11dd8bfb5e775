"""Checks for a takeaway the model wrote about one sentence of a reflection (the trimmed
clause that stands in for it when two tries fail is ``coach.domain.takeaway_trim``).

A takeaway must say what its sentence says in other words: nothing invented (names, numbers,
dates), most of its content words from the sentence, short, and not the sentence copied back
(``verbatim``: 80% of its words one contiguous run of the source).
"""

from __future__ import annotations

import re

from coach.domain import degenerate
from coach.domain.clauses import clauses
from coach.domain.roles import negation_added, opposite_used, swapped
from coach.domain.takeaway_numbers import numbers_dropped, numbers_moved
from coach.domain.wording import (
    content_words,
    copied_runs,
    invented,
    overlap,
    words,
)

VERBATIM = 0.8  # a takeaway is verbatim when this share of its words is one run of the source
MIN_SUPPORT = 0.5  # the share of its content words found in its sentence (as ``ground`` asks)
# With a similarity of meaning to the sentence: half words, half meaning, as the evals' support
# score weighs them, and never fewer than a quarter of the words.
MIN_MIXED_SUPPORT = 0.55
MIN_WORDS_SHARED = 0.25
MAX_WORDS = 18
META = re.compile(r"\b(the (author|writer|reflection|notes?|sentence)|this sentence|"
                  r"does(?: not|n[’']t) mention|not mentioned)\b", re.I)  # fmt: skip
# "I shared the" (h023, 01de709): a takeaway that stops, unpunctuated, on a word that leads
# into more ("… managed by her." and "… asked for." end a sentence).
CUT_OFF = re.compile(r"\b(the|a|an|of|to|with|and|or|for|on|in|at|my|our|his|her|their|that|"
                     r"which|who|from|by|as|than|about)\s*$", re.I)  # fmt: skip
# "Yuki's streak" from "yuki says my streak": a name's possessive the sentence does not write.
POSSESSIVE = re.compile(r"\b([A-Z][\w-]*)['’]s\b")
NOT_NAMES = frozenset(["It", "That", "There", "He", "She", "What", "Let", "Here", "Who", "Where",
                       "Today", "Everyone"])  # fmt: skip
# "She's older than you" for "older than me", "You answered …" for "I've answered …": a
# takeaway is the writer's own point, so "you" only where the sentence has it.
YOU = re.compile(r"\b(you|your|yours|yourself|you're|you've|you'll|you'd)\b", re.I)
LEAD = re.compile(r"^(?:and|but|so|then|also|which|because|still|honestly|ok|well)[,:]?\s+", re.I)


def longest_run(text: str, source: str) -> int:
    """The most words of ``text`` that appear in one contiguous run of ``source`` (the longest
    common run of words)."""
    return max(copied_runs(text, source), default=0)


# "… in month one (the two wrong Copilot figures) did …": a short aside within one sentence
ASIDE = re.compile(r"\s*\([^()\n]{1,120}\)")


def verbatim(text: str, source: str) -> bool:
    """Whether ``text`` is ``source``'s own words copied back, an aside in brackets left out
    or not ("He said the fact I went first in month one did more than any speech.")."""
    count = len(words(text))
    run = max(longest_run(text, source), longest_run(text, ASIDE.sub("", source)))
    return count > 0 and run >= VERBATIM * count


def supported(text: str, sentence: str, similarity: float | None = None) -> bool:
    """Whether ``sentence`` says what ``text`` says: by shared words, or by shared words and
    closeness of meaning (``similarity``, the cosine of the two) together."""
    shared = overlap(text, sentence)
    if similarity is None:
        return shared >= MIN_SUPPORT
    return shared >= MIN_WORDS_SHARED and (shared + similarity) / 2 >= MIN_MIXED_SUPPORT


COPIED_RUN = 3  # shared runs of at least this many words count as copied


# "Stand was run with HR instead of HR." (h107, for "he asked me to run the stand with him
# instead of HR"): the same word on both sides of a contrast is a garbled point.
CONTRAST = re.compile(r"\b(?:instead of|rather than)\s+(?:the\s+|a\s+|an\s+)?([\w'’-]+)", re.I)


def against_itself(text: str) -> str:
    """The word a takeaway sets against itself ("… with HR instead of HR"), or ``""``."""
    for match in CONTRAST.finditer(text):
        word = match.group(1)
        if re.search(rf"\b{re.escape(word)}\b", text[: match.start()], re.I):
            return word
    return ""


def copied_share(text: str, source: str) -> float:
    """Share of ``text``'s words that lie in runs of ``COPIED_RUN`` or more words copied from
    ``source``: a sentence with one word dropped is still copied, which ``verbatim`` misses.
    (Runs are read as overlapping word triples found in the source: linear in both lengths.)"""
    mine, theirs = words(text), words(source)
    if not mine:
        return 0.0
    n = COPIED_RUN
    triples = {tuple(theirs[i : i + n]) for i in range(len(theirs) - n + 1)}
    covered = [False] * len(mine)
    for start in range(len(mine) - n + 1):
        if tuple(mine[start : start + n]) in triples:
            covered[start : start + n] = [True] * n
    return sum(covered) / len(mine)


def takeaway_problems(
    text: str, sentence: str, reflection: str, instructions: str,
    similarity: float | None = None, verbatim_ok: bool = False,
    people: tuple[str, dict[str, str]] | None = None,
) -> list[str]:  # fmt: skip
    """What is wrong with a takeaway (or another short line) for ``sentence``; empty when it
    can be shown. ``verbatim_ok`` lets a line repeat the sentence's words; ``people`` (the
    author's side, and the pair's names to their sides) lets it check who does what."""
    count = len(words(text))
    if count < 3:
        return ["too short"]
    if count > MAX_WORDS:
        return [f"longer than {MAX_WORDS} words"]
    problems = []
    extra = invented(text, reflection)
    if extra:
        problems.append(f"adds {', '.join(sorted(extra))}, which the notes do not say")
    if not supported(text, sentence, similarity):
        problems.append("says something the sentence does not say")
    if not verbatim_ok and copied_share(text, sentence) >= VERBATIM:
        problems.append("copies the sentence instead of saying it in other words")
    if META.search(text):
        problems.append("talks about the notes instead of the point")
    if contrasted := against_itself(text):
        problems.append(f'sets "{contrasted}" against itself: say what took whose place')
    if CUT_OFF.search(text):
        problems.append("stops in the middle: say the whole point")
    dropped = [] if verbatim_ok else numbers_dropped(text, sentence)
    if dropped:
        problems.append(f"leaves out {', '.join(dropped)}: keep the sentence's numbers exactly")
    counted = numbers_moved(text, sentence)
    if counted:
        problems.append(
            f"puts {', '.join(counted)} together, which the sentence does not: "
            "keep each number with what it counts"
        )
    if doubt_dropped(text, sentence):
        problems.append('states as sure what the sentence only says might happen: keep its "might"')
    if opinion_dropped(text, sentence):
        problems.append("states as fact what the sentence gives as a view: keep whose view it is")
    mover = subject_moved(text, sentence)
    if mover:
        problems.append(
            f"makes {mover} the one who did it, where the sentence says I: keep "
            "the writer as the subject"
        )
    if YOU.search(text) and not YOU.search(sentence):
        problems.append('says "you" where the sentence does not: keep the writer\'s "I"')
    if person_added(text, sentence):
        problems.append('says "I" where the sentence speaks only of others: keep whose it is')
    shown = object_made_subject(text, sentence)
    if shown:
        problems.append(f"makes {shown} the one who did it, where the sentence does it to {shown}")
    told = recipient_moved(text, sentence)
    if told:
        problems.append(f"makes {told} the one told or asked, which the sentence does not")
    moved = whose_moved(text, sentence)
    if moved:
        problems.append(f"says {', '.join(moved)}, which the sentence does not: keep whose it is")
    if negation_added(text, sentence):
        problems.append('says "not" where the sentence does not')
    flipped = opposite_used(text, sentence)
    if flipped:
        problems.append(f"says {', '.join(flipped)} where the sentence says the opposite")
    if people is not None:
        verbs = swapped(text, sentence, *people)
        if verbs:
            problems.append(f"changes who did what ({', '.join(verbs)}): keep the same person")
    problems += degenerate.problems(text, instructions)
    return problems


FIRST_PERSON = re.compile(r"\b(?:(?-i:I)(?!\.\w)|i'm|i've|i'd|i'll|me|my|mine|myself)\b", re.I)
# The writer in a sentence: "I", "i" as notes write it, "we", "our" (not "US", the country).
WRITER = re.compile(
    rf"{FIRST_PERSON.pattern}|(?<![\w.])i(?![\w.])|\b(?:we|we're|we've|we'd|(?-i:us)|our|ours)\b",
    re.I,
)
THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their)\b", re.I)


def person_added(text: str, sentence: str) -> bool:
    """Whether ``text`` brings the writer into a sentence that speaks only of others: "Susan
    knows more about Discord than I did" for "… than she did" (h191, summary-28), "I'm going to
    install the app on my phone" for "Colin is going to install the app on his own phone".
    Every such model takeaway in the development runs changed a fact (6 of 6). A note that
    opens on its deed with no subject is the writer's own ("Showed him the filters.", "Asked
    what she wants"), and may gain its "I"."""
    said = unlabelled(sentence)
    opener = said.split(maxsplit=1)[0].strip("-–•*").strip() if said.split() else ""
    return (
        bool(FIRST_PERSON.search(text))
        and not WRITER.search(sentence)
        and bool(THIRD_PERSON.search(sentence))
        and not DONE.match(opener)
    )


# "He said he'd 'have a think' about the survey" is not "Survey will be reviewed"; summary-6's
# reviewer: "a 'maybe' turned into an action or a decision" (10 sides).
DOUBT = re.compile(r"\b(might|may|maybe|perhaps|possibly|not sure|unsure|have a think|"
                   r"think about|wonder(?:ing)?|depending|if|could|uncertain|undecided|"
                   r"consider(?:ing)?)\b", re.I)  # fmt: skip
DOUBTED_WORDS = 2  # words of what is in doubt a takeaway must take up to be about it
# and the ways a takeaway keeps a doubt in other words ("considering whether" -> "evaluating")
KEPT_DOUBT = re.compile(r"\b(whether|pending|evaluat\w*|weigh\w*|requires?|only if|unless)\b",
                        re.I)  # fmt: skip


def doubt_dropped(text: str, sentence: str) -> bool:
    """Whether ``text`` takes up what one of ``sentence``'s clauses only says might happen
    (the words after its "might", "have a think" …) without any word of doubt of its own.
    The other clauses of the sentence may be stated as sure ("I said the point was she could
    filter it herself" from "… and she said 'maybe one day'")."""
    if DOUBT.search(text) or KEPT_DOUBT.search(text):
        return False
    return _taken_up(text, sentence, DOUBT)


# Someone's view stated as fact: "Juniors are waiting for the first person to own up" for "He
# thinks the juniors are waiting …", "The senior team meets on Tuesdays" for "junior staff feel
# the senior team is in on Tuesdays" (takeaway_faithfulness.jsonl: 4 changed caught, 1 faithful).
# A view has someone who holds it ("I think", "he reckons"): "look and feel" is none, and "think
# about" is doubt (the audit of 2026-12-07).
OPINION = re.compile(r"(?<!\band )(?<!\bto )\b(?:think|thinks|believes?|feel|feels|reckons?)\b"
                     r"(?!\s+(?:about|of|free)\b)", re.I)  # fmt: skip
HELD = re.compile(r"\b(think\w*|thought|believ\w*|feel\w*|felt|reckon\w*|says?|said|view|"
                  r"opinion|according|consider\w*|seems?|might|(?-i:may)|maybe)\b",
                  re.I)  # fmt: skip


def opinion_dropped(text: str, sentence: str) -> bool:
    """Whether ``text`` states as fact what one of ``sentence``'s clauses gives as someone's
    view (the words after its "thinks", "feel" …), with no word that it is a view."""
    return not HELD.search(text) and _taken_up(text, sentence, OPINION)


def _taken_up(text: str, sentence: str, marker: re.Pattern[str]) -> bool:
    """Whether ``text`` takes up the words after ``marker`` in one of ``sentence``'s clauses."""
    mine = content_words(text)
    for clause in clauses(sentence):
        found = marker.search(clause.text)
        if found is None:
            continue
        after = content_words(clause.text[found.end() :])
        if after and len(mine & after) >= min(DOUBTED_WORDS, len(after)):
            return True
    return False


# A takeaway that opens on someone: "COO has already emailed programme lead." (h006, for "I've
# already emailed the programme lead"). Words that open a takeaway without naming anyone:
NOT_A_SUBJECT = frozenset([
    "I", "We", "The", "A", "An", "This", "That", "It", "There", "Our", "My", "Both", "Each",
    "One", "Two", "Three", "Four", "Five", "Some", "Most", "All", "No", "Not", "Only", "After",
    "Before", "When", "If", "As", "In", "On", "At", "For", "With", "Being", "Having", "What",
    "Why", "How", "Who", "Where", "Every", "Nobody", "Everyone",
])  # fmt: skip
# A line that opens on what was done, its subject left out: the writer's, as it should be.
DONE = re.compile(r"^(?:\w+ed|built|got|saw|made|took|went|did|found|felt|gave|ran|led|met|"
                  r"said|told|knew|wrote|brought|taught|thought|spent|kept|read|heard|left)$",
                  re.I)  # fmt: skip
OPENING = re.compile(r"^\W*([A-Z][\w-]*)")
# A takeaway that opens on a subject and what it did or will do ("HR will write a one-pager"
# for "I'm writing a one-pager … for HR"; "Lukas suggests …" for "I stood at the back, which
# Lukas says …"; "Programme lead asked for …" for "I've already emailed the programme lead
# asking for …"): when its clause is the writer's own, someone else got the writer's deed.
SOMEONE_DID = re.compile(
    r"^\W*[A-Z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+(?:will|would|should|may|might|can|has|have|"
    r"had|is|are|was|were|showed|shows|suggests|says|said|[a-z]+ed)\b"
)
OPENS_ON_I = re.compile(r"^\W*(I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d|Me|My)\b")


def subject_moved(text: str, sentence: str) -> str:
    """The word ``text`` opens on ("COO", "Graduate", "Discuss") when the clause of
    ``sentence`` it says is the writer's own ("I've been here 14 months", "I might mention it",
    or a deed with no subject: "Showed her filters") and does not hold that word, or ``text``
    makes that word its subject (``SOMEONE_DID``): the model gave the writer's deed to someone
    else, or made it an order. "" when it did not (summary-7: "COO has been here for 14 months"
    for "He's the COO and I've been here 14 months")."""
    opening = OPENING.match(text)
    if opening is None:
        return ""
    word = re.split(r"['’]", opening.group(1))[0]
    if word in NOT_A_SUBJECT or DONE.match(word):  # "Learned how to …", "Built a comparison"
        return ""
    mine = content_words(text)
    parts = [unlabelled(c.text) for c in clauses(sentence)] or [sentence]
    said = max(parts, key=lambda c: len(mine & content_words(c)))
    opener = said.split(maxsplit=1)[0] if said.strip() else ""
    writers = OPENS_ON_I.match(said) or DONE.match(opener)
    if writers and (word.lower() not in said.lower() or SOMEONE_DID.match(text)):
        return word
    return ""


def whose_moved(text: str, sentence: str) -> list[str]:
    """The names' possessives in ``text`` ("Patricia's video") that ``sentence`` does not
    write: the summary-6 reviewer found "Patricia's video" for "Patricia told me the video", and
    "Yuki's streak" for "yuki says my streak"."""
    return [f"{m.group(1)}'s" for m in POSSESSIVE.finditer(text) if m.group(1) not in NOT_NAMES
            and not re.search(rf"\b{re.escape(m.group(1))}['’]s\b", sentence, re.I)]  # fmt: skip


# "Told Mrs D about her death" for "Told Kwame about Mrs D … who died" (r004, summary-8): the
# one told, asked or shown is not who the sentence says.
PRONOUNS = frozenset(["him", "her", "them", "me", "us"])
TOLD = re.compile(
    r"\b((?i:told|asked|showed|shown|gave|sent|taught|tell|ask|show|give|send|teach))\s+"
    rf"({'|'.join(sorted(PRONOUNS))}|[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)\b"
)


def recipient_moved(text: str, sentence: str) -> str:
    """The name ``text`` says was told (asked, shown …) when ``sentence`` tells someone else
    with the same verb; "" when they agree, the sentence names no one after that verb, ``text``
    says a pronoun there, or the sentence says only pronouns (a name for one may be right)."""
    theirs: dict[str, set[str]] = {}
    for verb, who in TOLD.findall(sentence):
        theirs.setdefault(verb.lower(), set()).add(who.lower())
    for verb, who in TOLD.findall(text):
        known = theirs.get(verb.lower())
        if known and who[0].isupper() and who.lower() not in known and known - PRONOUNS:
            return who
    return ""


# Who was shown (told, asked …) made the one who shows: "Susan showed round the Discord" for
# "showing Susan round the Discord" (h216 at beb07da, a reversal summary-30's sheet carries).
SHOWN = re.compile(r"\b(?:show|shows|showed|shown|showing|tell|tells|told|telling|ask|asks|asked|"
                   r"asking|teach|teaches|taught|teaching|walk|walks|walked|walking)\s+"
                   r"((?-i:[A-Z])[\w-]+)\b(?!['’])", re.I)  # fmt: skip
STEM = {"show": "show", "tell": "tel|told", "ask": "ask", "teach": "teach|taught", "walk": "walk"}


def object_made_subject(text: str, sentence: str) -> str:
    """The name ``text`` makes the one who shows (tells, asks, teaches, walks) where
    ``sentence`` has that name only shown (told …), or ""."""
    for found in SHOWN.finditer(sentence):
        name, verb = found.group(1), found.group(0).split()[0].lower()
        stem = next(v for k, v in STEM.items() if verb.startswith(k) or verb in v.split("|"))
        does = re.compile(rf"\b{re.escape(name)}\s+(?:\w+\s+)?(?:{stem})\w*\b")
        if does.search(text) and not does.search(sentence):
            return name
    return ""


LABELLED = re.compile(r"^[-*•\s]*(?:[\w'’]+\s){0,4}[\w'’]+:\s+(?=\S)")


def unlabelled(sentence: str) -> str:
    """The sentence without a short leading label ("Her point: …", "- hybrid: …") or list mark
    ("- That took most of the rest of the session.", h183)."""
    return LISTED.sub("", LABELLED.sub("", sentence, count=1)) or sentence


LISTED = re.compile(r"^(?:[-*•]+\s+)+")
