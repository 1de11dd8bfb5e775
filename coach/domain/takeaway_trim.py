"""The trimmed clause that stands in for a takeaway whose model wording failed its checks
twice: the clause of its sentence that says most within ``MAX_WORDS`` words."""

from __future__ import annotations

import re

from coach.domain.clauses import clauses
from coach.domain.takeaway_check import ASIDE, LEAD, MAX_WORDS, unlabelled
from coach.domain.wording import UNITS, content_words, without_open_bracket, words

# A sentence or clause a few words over ``MAX_WORDS`` is kept whole rather than cut: "… in a bay
# at 3am in month …" lost the one word that mattered (h181, summary-27).
CUT_SLACK = 4


# A clause that leans on the one before it is no point of its own: "Who has packed cartons on
# that line since 2009." (h188), "When Lorraine asked me directly whether …" (h209); one that
# opens on "when", "if" … has its point after a comma ("If the board agrees, I'd like …").
SUBORDINATE = re.compile(
    r"^\W*(?:(?:who|whom|whose|which|whether)\b"
    r"|(?:when|where|if|because|while|how(?!\s+to\b))\b(?!.*,\s))",
    re.I,
)
# "I told him about …, and that most of my team haven't met their manager" says its point once
# "that" goes: after a verb of saying or knowing, before what opens a statement. Not "…, and
# that changed how we plan" or "and that plan worked", where "that" is the subject.
THAT = re.compile(
    r"^\W*that\s+(?=(?:I|we|he|she|they|you|it|there|the|a|an|his|her|my|our|their|its|most|"
    rf"some|all|none|no|nobody|everyone|people|{'|'.join(UNITS[1:11])}|"
    r"\d+|in|at|on|for|when|if|after|before|only|even)\b|(?-i:[A-Z]))",
    re.I,
)
SAID = re.compile(
    r"\b(?:told|tell|tells|telling|said|say|says|saying|realis\w*|realiz\w*|learn\w*|"
    r"found out|knew|know|knows|noticed|admitted|explained|mentioned|agreed|heard|"
    r"pointed out|reckons|thinks|thought)\b",
    re.I,
)


# (only before the verb it interrupts, or "that": not "…, and I think he's right, annoyingly")
COMMA_ASIDE = re.compile(
    r",\s+(?:and|as|though|although|which|who)\s[^,]{1,60},\s+(?=(?:is|was|are|were|has|had|"
    r"have|will|would|can|could|did|does|do|that)\b)",
    re.I,
)


def trimmed(sentence: str) -> str:
    """The sentence's clause that says most within ``MAX_WORDS`` words (the most content words
    and numbers, then the fewest words), without a leading conjunction; the whole sentence, its
    asides in brackets left out, is one of them ("I asked if I could tell the team it's
    confirmed and he said best not to yet." keeps the answer: summary-28). When none is short
    enough, the shortest that is at most ``CUT_SLACK`` words over, whole; else the sentence's
    first ``MAX_WORDS`` words, marked as cut."""
    sentence = unlabelled(sentence)
    parts = [LEAD.sub("", c.text).rstrip(" ,;:") for c in clauses(sentence)]
    pieces = re.split(r",\s+|\s+[-—]\s+|\s+(?:and|so|but|because|which|who|while)\s+", sentence)
    parts += [LEAD.sub("", p).strip(" ,;:") for p in pieces]
    # … and the sentence without its asides in brackets, which a cut at the bracket would leave
    # without its verb: "He said the fact I went first in month one." (h182, summary-27)
    parts.append(LEAD.sub("", " ".join(ASIDE.sub("", sentence).split())).strip(" ,;:"))
    # … and without an aside between commas: "The thing that jumped out, and Tomás's one-pager
    # says the same, is nobody is angry about the return itself." (h184, which lost its
    # headline to "Tomás's one-pager says the same.")
    if COMMA_ASIDE.search(sentence):
        parts.append(LEAD.sub("", " ".join(COMMA_ASIDE.sub(" ", sentence).split())).strip(" ,;:"))
    good = [p for p in parts if len(content_words(p)) >= 4 and len(words(p)) <= MAX_WORDS]
    # … a clause said or known after a verb earlier in the sentence ("That intro was …"
    # opening a sentence is no such clause)
    good = [THAT.sub("", p) if SAID.search(sentence[: max(sentence.find(p), 0)]) else p
            for p in good]  # fmt: skip
    good = [p for p in good if not SUBORDINATE.match(p)] or good
    best = max(good, key=lambda p: (_says(p), -len(words(p))), default="")
    if not best:  # a clause a few words over, whole: the shortest that says enough
        near = [
            p
            for p in [*parts, sentence]
            if len(content_words(p)) >= 4
            and len(words(p)) <= MAX_WORDS + CUT_SLACK
            and not SUBORDINATE.match(p)
        ]
        best = min(near, key=lambda p: len(words(p)), default="")
    if not best:  # no clause is short enough: its first words, visibly cut
        best = " ".join(sentence.split()[:MAX_WORDS]).rstrip(" ,;:") + (
            " …" if len(sentence.split()) > MAX_WORDS else ""
        )
    best = balanced_quotes(best)
    best = without_open_bracket(best)  # "Video pilot decision (I owed Sade this …" (h186)
    if best[-1:].isalnum():  # a clause shown as a point ends as one
        best += "."
    return best[:1].upper() + best[1:]


def _says(clause: str) -> int:
    """How much a clause says: its content words and its numbers ("Wards 7 and 8" says more
    than "Wards 7", which a tie on content words alone cut it to: h009)."""
    return len(content_words(clause)) + sum(w.isdigit() for w in words(clause))


def balanced_quotes(text: str) -> str:
    """``text`` without a double quote mark whose partner the clause left behind: 'on
    tuesday".' from a sentence that opened its quote earlier (h004, summary-7)."""
    if text.count('"') % 2 == 0 and text.count("“") == text.count("”"):
        return text
    return re.sub(r'["“”]', "", text).strip()
