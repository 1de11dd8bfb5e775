"""An action that names what it is about only by a pronoun ("He'll have that", "She'll hold it
for us", "I'll tidy them up and send them") says nothing read away from the notes (summary-19's
reviewer: "what is 'that' or 'it'?"). What the pronoun stands for is in the words before it;
the model may name it, and code keeps only words copied from there."""

from __future__ import annotations

import re

from coach.domain.wording import content_words, folded, words

# "it" and "them" are always pronouns; "that", "this" … only when nothing follows them but
# punctuation, a particle or a preposition ("have that for next session", not "that report").
PRONOUN = re.compile(
    r"\b(?:(?-i:[Ii]t|[Tt]hem)|(?:that|this|those|these)(?=\s*(?:$|[.,;:!)]|\s(?:for|to|by|with|on|at|in|"
    r"up|out|over|back|first|through|and|before|after|from|once|when|tomorrow|today)\b)))\b",
    re.I,
)
MAX_SAID = 4  # content words an action may say besides its pronoun and still need its referent
MAX_REFERENT_WORDS = 10
DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)
CONTEXT_SENTENCES = 2  # sentences before the action's that may hold what it refers to
# a reply that is a clause, not the thing: "he's going to pull the chat volume"
CLAUSE = re.compile(r"^\W*(?:I|you|he|she|we|they)\b|\b(?:will|'ll|going to|would)\b", re.I)


def pronoun_of(action: str, names: set[str]) -> str:
    """The pronoun ``action`` names its object by, when it says too little else to be read on
    its own; ``""`` otherwise. ``names``: the pair's names, which say nothing of the object."""
    found = PRONOUN.search(action)
    if found is None:
        return ""
    said = content_words(PRONOUN.sub(" ", action)) - names
    return found.group(0) if len(said) <= MAX_SAID else ""


def referent_problems(reply: str, context: str, names: set[str]) -> list[str]:
    """What keeps the model's ``reply`` from standing in for the pronoun: empty when it is a
    short phrase copied from ``context`` that names a thing."""
    reply = " ".join(reply.split()).strip(" .,;:\"'")
    if not reply:
        return ["no reply"]
    if len(words(reply)) > MAX_REFERENT_WORDS:
        return [f"longer than {MAX_REFERENT_WORDS} words"]
    problems = []
    if folded(DETERMINER.sub("", reply)) not in folded(context):  # "The checklist" is copied
        problems.append("not copied from the notes before the action")
    if CLAUSE.search(reply) or PRONOUN.fullmatch(reply):
        problems.append("a clause or a pronoun, not the thing itself")
    if not content_words(reply) - names:
        problems.append("names a person, not the thing")
    return problems


def with_referent(action: str, pronoun: str, reply: str) -> str:
    """``action`` with its first ``pronoun`` replaced by what it stands for."""
    thing = " ".join(reply.split()).strip(" .,;:\"'")
    if thing[:1].isupper() and not thing.split()[0].isupper() and thing.split()[0].lower() in {
        "the", "a", "an", "my", "his", "her", "their", "our", "your", "some", "all", "both"
    }:  # fmt: skip
        thing = thing[0].lower() + thing[1:]  # "The new rota" mid-sentence
    return re.sub(rf"\b{re.escape(pronoun)}\b", thing.replace("\\", ""), action, count=1)


def context_before(
    reflection: str, start: int, spans: list[tuple[int, int]], private: set[int]
) -> str:
    """The notes' words before ``start``: its sentence up to it and the ``CONTEXT_SENTENCES``
    sentences before that (``spans``: each sentence's start and end), never a private one
    (``private``: their starts) or anything before it."""
    earlier = [(a, b) for a, b in spans if a <= start]
    kept = earlier[-1 - CONTEXT_SENTENCES :]
    while kept and any(a in private for a, _ in kept):
        kept = kept[[a in private for a, _ in kept].index(True) + 1 :]
    return reflection[kept[0][0] : start].strip() if kept else ""
