"""Who does what in a sentence, read roughly: enough to catch a rewording that swaps people
or adds a "not".

A small model rewording "I showed her the three outlets" may write "She showed me the three
outlets". Each clause's subject (its first "I", "he", "she", "we" or name of the pair) and the
verb after it give a (side, verb) doing; a rewording swaps people when it gives a verb to one
side that its sentence gives only to the other.
"""

from __future__ import annotations

import re

from coach.domain.pair_owners import owner_of

CLAUSE_BREAK = re.compile(
    r"[,;:.!?()\"“”]|\s[-–—]\s|\b(?:and|but|so|because|while|when|after|before|then|that|who|"
    r"which|until|if)\b",
    re.I,
)
SUBJECTS = {"i", "we", "he", "she"}  # "they" is mostly other people
# Words between a subject and its verb that are not the verb.
NOT_VERB = {
    "will", "would", "wo", "won't", "had", "has", "have", "did", "didn't", "does", "do", "don't",
    "was", "wasn't", "were", "is", "are", "am", "also", "then", "never", "just", "really",
    "still", "finally", "even", "already", "actually", "only", "can", "can't", "could",
    "couldn't", "should", "might", "may", "must", "not", "both", "all", "first", "now",
    "quickly", "immediately", "straight", "openly", "carefully", "gladly", "'ll", "'d", "'ve",
    "ll", "d", "ve", "m", "re", "s", "to", "be", "been", "being", "get", "got", "going",
}  # fmt: skip
WORD = re.compile(r"[a-z][a-z'’]*")


def stem(verb: str) -> str:
    """A crude stem: "showed", "shows", "showing" and "show" meet; so do "liked" and "like"."""
    word = verb.lower().replace("’", "'").split("'")[0]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    return word.rstrip("e") or word


def doings(text: str, author: str, names: dict[str, str]) -> set[tuple[str, str]]:
    """(side, verb stem) for each clause of ``text`` whose subject is one of the pair: the
    author by "I", the partner by "he"/"she" or a name, "both" by "we"."""
    out: set[tuple[str, str]] = set()
    for clause in CLAUSE_BREAK.split(text):
        tokens = WORD.findall(clause.lower().replace("’", "'"))
        for i, token in enumerate(tokens):
            base = token.split("'")[0]
            if base in SUBJECTS or base in names:
                side = owner_of(base, author, names)
                rest = [t for t in tokens[i + 1 :] if t.split("'")[0] not in NOT_VERB]
                if side != "unknown" and rest and rest[0] not in names:
                    out.add((side, stem(rest[0])))
                break
    return out


def swapped(text: str, sentence: str, author: str, names: dict[str, str]) -> list[str]:
    """The verbs that ``text`` gives to one side while ``sentence`` gives them only to the
    other (empty when the people are kept)."""
    said = doings(sentence, author, names)
    out = []
    for side, verb in sorted(doings(text, author, names)):
        if side == "both" or (side, verb) in said or ("both", verb) in said:
            continue
        if any(v == verb and s not in (side, "both") for s, v in said):
            out.append(verb)
    return out


NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|nothing|none|neither|nor|without|cannot)\b|n[’']t\b", re.I
)


def negation_added(text: str, sentence: str) -> bool:
    """Whether ``text`` says "not" where ``sentence`` has no negation at all: a rewording
    that turns "the box is fixed" into "the box can't be used"."""
    return bool(NEGATION.search(text)) and not NEGATION.search(sentence)


# Words a rewording must not swap for their opposite ("older staff" from "younger staff").
OPPOSITES = (
    ("younger", "older"), ("young", "old"), ("junior", "senior"), ("more", "less"),
    ("more", "fewer"), ("before", "after"), ("early", "late"), ("earlier", "later"),
    ("first", "last"), ("best", "worst"), ("better", "worse"), ("increase", "decrease"),
    ("higher", "lower"), ("high", "low"), ("easy", "hard"),
    ("easier", "harder"), ("positive", "negative"), ("like", "dislike"), ("agreed", "refused"),
    ("fast", "slow"), ("faster", "slower"), ("new", "old"), ("mentor", "mentee"),
)  # fmt: skip


def opposite_used(text: str, sentence: str) -> list[str]:
    """The words of ``text`` whose opposite ``sentence`` says while it never says the word:
    "older" in a takeaway of a sentence about "younger" staff."""
    mine, theirs = (set(WORD.findall(t.lower().replace("’", "'"))) for t in (text, sentence))
    out = []
    for a, b in OPPOSITES:
        for word, other in ((a, b), (b, a)):
            if word in mine and word not in theirs and other in theirs:
                out.append(word)
    return sorted(set(out))
