"""Small pure text helpers shared by the artifact rules: words, overlap, sentences, spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[a-z0-9']+")
_STOP_TEXT = (
    "a an and are as at be but by can do for from has have how i in into is it its me my of on "
    "or our so that the their them they this to was we were what when where which who why will "
    "with you your about after before does did not no yes just more most one all any each there "
    "then than too very also would could should may might us he she his her him"
)
STOP = frozenset(_STOP_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return WORD.findall(text.lower())


def copied_runs(text: str, source: str) -> list[int]:
    """For each word of ``text`` (``words``), how many words up to and including it appear in
    one contiguous run of ``source``: the longest common run ending there, by dynamic
    programming (0 for a word ``source`` lacks)."""
    mine, theirs = words(text), words(source)
    ends: list[int] = []
    previous = [0] * (len(theirs) + 1)
    for word in mine:
        current = [0] * (len(theirs) + 1)
        for j, other in enumerate(theirs, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
        ends.append(max(current))
        previous = current
    return ends


def folded(text: str) -> str:
    """``text`` case-folded, its whitespace single spaces: for matching as written."""
    return " ".join(text.casefold().split())


def content_words(text: str) -> set[str]:
    """Words that carry meaning: no stop words, no one-letter tokens, crude plural folding."""
    out = set()
    for word in words(text):
        if word in STOP or len(word) < 3:
            continue
        out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return out


def overlap(a: str, b: str) -> float:
    """Share of ``a``'s content words found in ``b`` (0 when ``a`` has none)."""
    left = content_words(a)
    return len(left & content_words(b)) / len(left) if left else 0.0


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of two texts' content words."""
    left, right = content_words(a), content_words(b)
    union = left | right
    return len(left & right) / len(union) if union else 1.0


@dataclass(frozen=True)
class Sentence:
    """A sentence of a source text with its character span."""

    number: int
    start: int
    end: int
    text: str


# … and a table row is a line of its own (h194: a goal's evidence was a whole table).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•|])")
# A markdown heading is a line of its own ("## Stories" above "Elizabeth posted …", h175), and
# so is a short plain line opening a paragraph, above a line that starts afresh ("What I think
# he learned" above "He'd assumed people leave for pay.", h181).
HEADING_LINE = re.compile(
    r"(?m)^[ \t]*(?:#{1,6}[ \t][^\n]*|(?<![^\n]\n)(?P<plain>[A-Z][^\n.!?:;,]*[^\n.!?:;,\s])"
    r"(?=\n[ \t]*(?:[A-Z\"“]|\d)))(\n)"
)
MAX_HEADING_WORDS = 6


# A full stop that ends an abbreviation, not a sentence (goals-1: a quote cut at "i.e."):
# always, before a name or an example; before a lower-case word or a number only, for words that
# may also end a sentence ("… apps, games etc. Then we left.").
ABBREVIATION = re.compile(r"(?:^|[\s(\[\"'])(e\.g|i\.e|vs|cf|dr|mr|mrs|ms|prof)\.$", re.I)
ABBREVIATION_BEFORE_LOWER = re.compile(
    r"(?:^|[\s(\[\"'])(etc|a\.m|p\.m|approx|incl|esp|no|(?-i:[A-Z]\.[A-Z](?:\.[A-Z])?))\.$", re.I
)  # … and initials: "A.Y. to check with the insurer" (h211)


def _abbreviation_at(text: str, match: re.Match[str]) -> bool:
    """Whether the break ``match`` found in ``text`` follows an abbreviation's full stop."""
    before = text[max(0, match.start() - 12) : match.start()]
    if ABBREVIATION.search(before):
        return True
    after = text[match.end() : match.end() + 1]
    return bool(ABBREVIATION_BEFORE_LOWER.search(before)) and (after.islower() or after.isdigit())


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into numbered sentences (from 1), keeping character offsets; an
    abbreviation's full stop ("e.g.", "Dr.", "3 p.m. today") ends none."""
    out: list[Sentence] = []
    start = 0
    # a closing quote or bracket after the full stop ends the sentence with it: 'The one that
    # landed was "I'm not leaving nursing …."' keeps its closing quote (h197)
    breaks = [(m.start() + len(m.group(0)) - len(m.group(0).lstrip("\"')]”’")), m.end())
              for m in SENTENCE_END.finditer(text)
              if "\n" in m.group(0) or not _abbreviation_at(text, m)]  # fmt: skip
    taken = {i for a, b in breaks for i in range(a, b)}
    breaks += [h.span(2) for h in HEADING_LINE.finditer(text) if h.start(2) not in taken
               and len((h.group("plain") or "").split()) <= MAX_HEADING_WORDS]  # fmt: skip
    for match in [*sorted(breaks), None]:
        end = match[0] if match else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            begin = start + lead
            out.append(Sentence(len(out) + 1, begin, begin + len(stripped), stripped))
        if match:
            start = match[1]
    return out


def unpiped(text: str) -> str:
    """A markdown table row as a line a reader reads: its cells joined, the first as its label
    ("| Smaller-size PPE | In stores since November |" -> "Smaller-size PPE: In stores since
    November"); any other text unchanged."""
    if not text.lstrip().startswith("|"):
        return text
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    cells = [c for c in cells if c and not re.fullmatch(r"[-:\s]+", c)]
    if len(cells) > 1:
        return f"{cells[0]}: {'; '.join(cells[1:])}"
    return cells[0] if cells else text


# A number starts a token, glued letters or not: "10pm", "4x" and "45min" hold 10, 4 and 45.
NUMBER = re.compile(r"(?<![\w.,:/])\d(?:[\d,.:/]*\d)?")
_MONTH_TEXT = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
MONTHS = frozenset(_MONTH_TEXT.split())
MONTHS_SHORT = frozenset(m[:3] for m in MONTHS) | {"sept", "tues", "thur", "thurs", "weds"}


# A possessive or a closing quote glued to a name: "Copilot's" names Copilot, "'just the HCA'"
# names the HCA (summary run 83dca08: "adds copilot's", "adds hca'").
GLUED = re.compile(r"(?:'s|')$")


def specifics(text: str) -> set[str]:
    """Names, numbers and dates in ``text``: the facts a summary must not invent.

    Numbers and weekday/month names, plus capitalised words that do not start a sentence.
    """
    found = {m.group(0).rstrip(".,:/") for m in NUMBER.finditer(text)}
    found |= {w for w in words(text) if w in MONTHS}
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n", text):
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]+", sentence)
        for token in tokens[1:]:
            name = GLUED.sub("", token.lower())
            if token[0].isupper() and name not in STOP and token.split("'")[0] != "I":
                found.add(name)
    return found


def invented(claim: str, source: str) -> set[str]:
    """The names, numbers and dates in ``claim`` that ``source`` does not contain (a number
    written in words there counts: "11" for "eleven of them")."""
    haystack = source.lower()
    return {item for item in specifics(claim) if not _contains(haystack, item.lower())}


UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


_DIGIT_NAMES = "|".join(UNITS[1:10])
# "twenty-two", "forty one": one number, never "twenty" and "two"
COMPOUND = re.compile(rf"\b({'|'.join(TENS[2:])})[- ]({_DIGIT_NAMES})\b", re.I)


def spelled(number: str) -> str:
    """A whole number from 2 to 99 in words as a pattern ("22" -> "twenty[- ]two"), never part
    of a longer number ("twenty" in "twenty-five"); ``""`` for any other. One is left out:
    "one" is as often a pronoun as a count."""
    if not number.isdigit() or not 2 <= int(number) <= 99:
        return ""
    n = int(number)
    tens, unit = divmod(n, 10)
    name = UNITS[n] if n < 20 else TENS[tens] + (f"[- ]{UNITS[unit]}" if unit else "")
    return rf"(?<!ty[- ])\b{name}\b(?![- ](?:{_DIGIT_NAMES}|first|second|third|fourth|fifth))"


def as_digits(text: str) -> str:
    """``text`` with each two-word number as digits ("twenty-two" -> "22"), so that it is read
    as one number."""
    return COMPOUND.sub(lambda m: str(10 * TENS.index(m.group(1).lower())
                                      + UNITS.index(m.group(2).lower())), text)  # fmt: skip


def _contains(haystack: str, item: str) -> bool:
    """``item`` in ``haystack``; a number only as a whole number ("10" is not in "11pm" or
    "2010"), or in words ("eleven")."""
    if item[:1].isdigit():
        name = spelled(item)
        if name and re.search(name, haystack):
            return True
        return re.search(rf"(?<![\d.,:/]){re.escape(item)}(?![\d]|[.,:/]\d)", haystack) is not None
    if item in MONTHS_SHORT:  # "Dec" for "December"
        return re.search(rf"(?<![a-z]){item}", haystack) is not None
    return re.search(rf"(?<![a-z]){re.escape(item)}(?![a-z])", haystack) is not None  # "3am"


def _plain(text: str) -> str:
    return " ".join(words(text))


def copies(text: str, source: str, min_words: int = 3) -> bool:
    """``text`` (at least ``min_words`` words) appears word for word inside ``source``.

    Catches a model echoing its instructions or the pair's details instead of writing.
    """
    plain = _plain(text)
    return len(plain.split()) >= min_words and f" {plain} " in f" {_plain(source)} "


def end_cleanly(text: str, limit: int) -> str:
    """``text`` as written, unless a length limit cut it off: then its last whole sentence,
    or its last whole word followed by an ellipsis."""
    text = text.strip()
    if len(text) < limit - 1:
        return text
    ends = [m.end() for m in re.finditer(r"[.?!](?=\s|$)", text)]
    if ends and ends[-1] >= limit * 0.4:
        return text[: ends[-1]]
    head = text.rsplit(" ", 1)[0] if " " in text else text
    return head.rstrip(" ,;:-—") + "…"


def without_open_bracket(text: str) -> str:
    """``text`` up to a bracket it opens and never closes ("… from last term (she offered" ->
    "… from last term"), as a clause cut inside a bracket leaves it; unchanged when nothing
    would be left."""
    if text.count("(") <= text.count(")"):
        return text
    return text[: text.rfind("(")].rstrip(" ,;:") or text
