"""Checks on one model-adapted starter, in code: a failed check means the filled template is used.

An adaptation must still be a question, asked face to face ("you"), by someone who still speaks
as "I" when the template did, not about a third person (neither "the mentor" nor the other
person by name) nor adding a job title, of a sensible length, free of echoed
instructions, placeholders, foreign script and stereotypes, naming nothing the pair file and the
template lack, and close in meaning to the template it adapts (``similarity``, computed by the
caller from sentence embeddings).
"""

from __future__ import annotations

import re

from coach.domain.degenerate import problems as degenerate_problems
from coach.domain.library import SECOND_PERSON, SLOT, THIRD_PERSON
from coach.domain.pair_profile import PairProfile
from coach.domain.stereotypes import stereotypes_in
from coach.domain.wording import content_words, invented, words

FELL_BACK = "fell back to the template"  # in ``meta.fixes``: the model's wording was not used
MIN_WORDS, MAX_WORDS = 5, 40
MIN_SIMILARITY = 0.55  # cosine of MiniLM embeddings, adapted against filled template
MIN_KEPT = 0.4  # of the template's own content words: an adaptation edits, it does not rewrite
# Words of the instructions a starter has no business using unless its template does.
ECHO = re.compile(r"\b(mentee|mentor|reverse mentoring|junior employee|senior leader|"
                  r"the pair|both of you|question:|rewrite|adapt(ed)?)\b", re.I)  # fmt: skip


def _third_person_name(text: str, name: str) -> bool:
    """``name`` used about someone rather than to them (a vocative "Ryan," is fine)."""
    for match in re.finditer(rf"\b{re.escape(name)}\b('s)?", text):
        before = text[: match.start()].rstrip()
        at_start = not before or before.endswith((".", "?", "!", ","))
        if match.group(1) or not (at_start and text[match.end() : match.end() + 1] in ",.?!"):
            return True
    return False


FIRST_PERSON = re.compile(r"\b(i|me|my|mine|i'm|i've|i'd|i'll)\b", re.I)


def _title(role: str) -> str:
    """A job title as a whole-word pattern, case-sensitive but for its first letter ("IT" is
    not "it"; "Junior QA engineer" is "junior QA engineer")."""
    role = role.strip()
    first = f"[{role[0].upper()}{role[0].lower()}]" if role[0].isalpha() else re.escape(role[0])
    return rf"\b{first}{re.escape(role[1:])}\b"


TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")  # a word, with its hyphens and apostrophes


def _parts(token: str, vocab: set[str], source: str, sure: bool = False) -> str | None:
    """``token`` as the words the model ran together ("they heard" for "theyheard", "what
    Buying" for "whatBuying"); None when it is a word of ``source`` or not two of its words.
    ``sure`` splits only where ``source`` writes the two words apart ("within" is a word, not
    "with in") and leaves a capital inside a word ("iPhone") alone."""
    if token in source:
        return None
    low_source = source.lower()
    out = []
    for piece in token.split("-"):
        low = piece.lower()
        if low in vocab or len(low) < 6:
            out.append(piece)
            continue
        splits = [i for i in range(2, len(low) - 1) if low[:i] in vocab and low[i:] in vocab]
        spaced = [i for i in splits if f"{low[:i]} {low[i:]}" in low_source]
        cuts = spaced if sure else spaced or splits
        at = cuts[0] if cuts else None
        if at is None and not sure:
            inner = re.search(r"[a-z][A-Z]", piece)
            at = inner.start() + 1 if inner else None
        out.append(piece if at is None else f"{piece[:at]} {piece[at:]}")
    joined = "-".join(out)
    return None if joined == token else joined


def glued(text: str, source: str) -> set[str]:
    """Words the model ran together ("tasterday", "whatBuying"): not in ``source`` but two of
    its words joined, or a capital inside a word that ``source`` does not write so."""
    vocab = set(words(source))
    return {t for t in TOKEN.findall(text) if _parts(t, vocab, source)}


def unglue(text: str, source: str) -> tuple[str, list[str]]:
    """``text`` with the words the model ran together (``glued``) written apart again, and
    those words: the sampler's penalty on repeating the prompt makes a 1.5B model drop the
    space before a word it copies ("theyheard" where the prompt says "they heard"), and the
    space is all that is wrong. Only a pair ``source`` writes apart is split: "within" stays
    a word."""
    vocab = set(words(source))
    apart: list[str] = []

    def split(match: re.Match[str]) -> str:
        parts = _parts(match.group(0), vocab, source, sure=True)
        if parts is None:
            return match.group(0)
        apart.append(match.group(0))
        return parts

    return TOKEN.sub(split, text), sorted(set(apart))


def _more(pattern: re.Pattern[str], text: str, filled: str) -> bool:
    return len(pattern.findall(text)) > len(pattern.findall(filled))


def kept_wording(text: str, template: str) -> float:
    """Share of the template's own content words (slots left out) the adaptation still uses."""
    own = content_words(SLOT.sub(" ", template))
    return len(own & content_words(text)) / len(own) if own else 1.0


def adaptation_problems(
    text: str, filled: str, asker: str, profile: PairProfile, similarity: float,
    instructions: str = "", template: str = "",
) -> list[str]:  # fmt: skip
    """Why the adaptation of ``filled`` (asked by ``asker``) must not be shown; empty if fine.
    ``template`` is the library text before its slots were filled."""
    found = []
    count = len(text.split())
    if "?" not in text:
        found.append("not a question")
    if not MIN_WORDS <= count <= MAX_WORDS:
        found.append(f"{count} words; want {MIN_WORDS}-{MAX_WORDS}")
    if not SECOND_PERSON.search(text):
        found.append("not asked face to face")
    if _more(THIRD_PERSON, text, filled) or _more(ECHO, text, filled):
        found.append("talks about the pair instead of to the other person")
    other = profile.mentee if asker == "mentor" else profile.mentor
    me = profile.person(asker)
    if _third_person_name(text, other.first_name) or me.first_name in text.split():
        found.append("names someone in the third person")
    if FIRST_PERSON.search(filled) and not FIRST_PERSON.search(text):
        found.append("the asker no longer speaks as 'I'")
    roles = [_title(r) for p in (profile.mentor, profile.mentee)
             for r in {p.role.strip(), re.split(r"[(,;]", p.role)[0].strip()} if r]  # fmt: skip
    if any(re.search(r, text) and not re.search(r, filled) for r in roles):
        found.append("adds a job title the question did not have")
    source = f"{profile.model_dump_json()} {filled}"
    if glued(text, source):
        found.append(f"runs words together: {', '.join(sorted(glued(text, source)))}")
    if invented(text, source):
        found.append(f"names what the pair file lacks: {', '.join(sorted(invented(text, source)))}")
    found += degenerate_problems(text, instructions)
    found += [f"stereotype: {name}" for name in stereotypes_in(text)]
    if similarity < MIN_SIMILARITY:
        found.append(f"drifted from the template (similarity {similarity:.2f})")
    if template and kept_wording(text, template) < MIN_KEPT:
        found.append(f"rewrote the template (kept {kept_wording(text, template):.0%} of its words)")
    return found
