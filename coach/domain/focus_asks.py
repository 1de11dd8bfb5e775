"""What a focus written as sentences asks the senior to say face to face.

A focus is often the lead's note about the senior: "Martin is worried the push to get handovers
under 45 minutes is making crews rush patients", "How do we fit this round Jamie's watch
pattern?", "the site director said, 'They quit because they can't handle a difficult caller.'"
No ``{focus}`` phrase takes these up, and starters-fresh2-3's reader found the focus missed in
half the sets. Three slots carry them, each only for the senior to ask (``ASKER``), each filled
only when the focus says it plainly:

- ``{focus_worry}``: the senior's worry in the first person ("worried the Westfield Court damp
  case will end up with the Ombudsman");
- ``{focus_ask}``: a question the focus asks, with the pair's names as "I" and "you";
- ``{focus_remark}``: a remark someone outside the pair made, quoted.

An agenda asks the focus's own questions too (``own_questions``), of the one of the pair they
name, or for the other's view when they name no one.
"""

from __future__ import annotations

import re

from coach.domain.focus_sentences import remark
from coach.domain.pair_profile import PairProfile, Person
from coach.domain.wording import sentences

FOCUS_ASK_SLOTS = ("focus_worry", "focus_ask", "focus_remark")
ASKER = "mentee"
MAX_WORDS = 22  # longer, a line reads as the lead's note pasted
MIN_ASK_WORDS = 6  # "Is it really the money?" says too little alone
# a pronoun left after the names are turned: whose it is, a face-to-face line cannot tell
THIRD_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers|they|them|their)\b", re.I)
WORRY = re.compile(r"^(?P<name>[A-Z][\w'’-]*)(?:['’]s| is) (?P<feeling>worried|nervous|concerned|"
                   r"anxious)\b(?P<rest>[^.;!?]*)")  # fmt: skip
CLAUSE_JOIN = re.compile(r",?\s+(?:and|but) (?:that|if|whether)\b.*$|,.*$")
# who said it: "the Phoenix site director said, "…"", "One of the vets said this" (not "Ryan said
# nothing")
SAID_BY = re.compile(r"(?P<who>(?:\b\w+['’]?\s+){1,5}?)said(?=\s*[,:]?\s*[\"“‘']|\s+(?:this|"
                     r"that|it)\b)", re.I)  # fmt: skip
SECOND_PART = re.compile(r"(?:\s*\([^)]*\))?,\s+(?:and|or|but)\s.*$")
# the senior as "I" only in a question that asks the junior's advice ("Should I sit in on a
# grad stand-up, or would that just make it worse?")
ADVICE = re.compile(r"^(?:should|could|can|would|shall|do you|is it)\b", re.I)
ASKING = re.compile(r"^(?:how|what|why|when|where|which|who|should|could|can|would|shall|is|"
                    r"are|do|does|did|will)\b", re.I)  # fmt: skip
PAIR_WORDS = re.compile(r"^(?:i|we|he|she|they|you)$", re.I)


def _sentences(focus: str) -> list[str]:
    return [s.text.strip() for s in sentences(" ".join(focus.split())) if s.text.strip()]


def as_said_by(topic: str, asker: Person, other: Person) -> str:
    """``topic`` as the asker says it: "Yusuf's TikTok explainer pilot" is "my …" from Yusuf
    and "your …" to him (starters-fresh-2's reader: the mentor naming himself)."""
    for person, word in ((asker, "my"), (other, "your")):
        first = person.first_name
        if first:
            topic = re.sub(rf"\b{re.escape(first)}['’]s\b", word, topic)
    return topic


def _as_said(text: str, profile: PairProfile) -> str:
    """``text`` as the senior says it: their own name as "I"/"my", the junior's as "you"."""
    text = as_said_by(text, profile.mentee, profile.mentor)
    for person, plain in ((profile.mentee, "I"), (profile.mentor, "you")):
        if person.first_name:
            text = re.sub(rf"\b{re.escape(person.first_name)}\b", plain, text)
    return text


def focus_worry(profile: PairProfile) -> str:
    """The senior's worry the focus names, as they would say it after "I'm": "worried the
    Westfield Court damp case will end up with the Ombudsman"; "" when it names none."""
    for sentence in _sentences(profile.session.focus):
        found = WORRY.match(sentence)
        if not found or found.group("name") != profile.mentee.first_name:
            continue
        worry = CLAUSE_JOIN.sub("", found.group("rest")).strip()
        line = f"{found.group('feeling')} {worry}".strip()
        if worry and not THIRD_PERSON.search(line) and len(line.split()) <= MAX_WORDS:
            return line
    return ""


def focus_ask(profile: PairProfile) -> str:
    """The question the focus asks, in the senior's mouth and in lower case after a template's
    colon ("how do we fit this round your watch pattern?"), or what it says the senior will ask
    the junior (``asked_of_junior``); "" when it asks none this line can carry."""
    asked = asked_of_junior(profile)
    if asked:
        return asked
    for sentence in _sentences(profile.session.focus):
        if not sentence.endswith("?"):
            continue
        # the question after a label ("Decision for the April board: does the lager go out
        # under the family name …?", fresh3); "Kick-off: what does Elena want" asks nothing
        sentence = sentence.split(": ", 1)[-1]
        said = _as_said(sentence, profile)
        if len(said.split()) > MAX_WORDS:  # its first part: "How do we fit this round your
            said = SECOND_PART.sub("?", said)  # watch pattern, and would it be all right …"
        words = len(said.split())
        if re.search(r"\bI\b", said) and not ADVICE.match(said):
            continue  # "What do I want from this?" asks the junior nothing
        if MIN_ASK_WORDS <= words <= MAX_WORDS and not THIRD_PERSON.search(said):
            # after a template's colon: "…, not a polite one: should I sit in on …?"
            return said[:1].lower() + said[1:] if ASKING.match(said) else said
    return ""


# what the focus says the senior will ask the junior: "and ask Maureen whether she'd speak at the
# next cohort's launch" (fresh3)
ASK_JUNIOR = re.compile(r"\bask (?P<name>[A-Z][\w'’-]*) (?:whether|if) (?:she|he|they)['’]d "
                        r"(?P<what>[^,.;!?]+)")  # fmt: skip


def asked_of_junior(profile: PairProfile) -> str:
    """ "would you speak at the next cohort's launch?" from "ask Maureen whether she'd speak at
    the next cohort's launch", when Maureen is the junior; "" otherwise."""
    found = ASK_JUNIOR.search(" ".join(profile.session.focus.split()))
    if not found or found.group("name") != profile.mentor.first_name:
        return ""
    what = _as_said(found.group("what").strip(), profile)
    if THIRD_PERSON.search(what) or len(what.split()) > MAX_WORDS:
        return ""
    return f"would you {what}?"


# a question in someone's mouth: in an agenda, whose "I" or "you" it is is not said
PERSONAL = re.compile(r"\b(?:I|me|my|you|your)\b")
MIN_BLOCK_WORDS = 4  # "Is it really the money?" (fresh3 dental) is its block's question


def own_questions(profile: PairProfile) -> list[str]:
    """The questions a focus asks, as an agenda asks them: "Does the alcohol-free lager go out
    under the Hartley's name, or as a separate brand …?" (fresh3 brewery: its block asked only
    "What will you do differently because of this …?"); one asked about one of the pair, of
    them by name ("What would Kayla tell the next executive …?" -> "Kayla, what would you tell
    the next executive …?", fresh4 toy maker: "What do we decide about the next executive?").
    None in someone's mouth ("What do I want from this?") or about someone else."""
    out = []
    for sentence in _sentences(profile.session.focus):
        said = sentence.split(": ", 1)[-1]  # after a label: "Decision for the April board: …"
        said = re.sub(r"^(?:and|but|so|also),?\s+", "", said, flags=re.I)  # "And did the …?"
        if not said.endswith("?") or PERSONAL.search(said) or not ASKING.match(said):
            continue
        said = _asked_by_name(said, profile)
        if THIRD_PERSON.search(said) or not MIN_BLOCK_WORDS <= len(said.split()) <= MAX_WORDS:
            continue
        if not ASKED_SOMEONE.search(said):
            said = f"{YOUR_VIEW} {said[:1].lower()}{said[1:]}"  # "Is it really the money?"
        out.append(said[:1].upper() + said[1:])  # asks the room's view, not no one's
    return out


# a question that names no one asks the other's view ("asks no one present", the generic-question
# labels: "Is it really the money?" alone read as a question about no one)
YOUR_VIEW = "What do you think:"
ASKED_SOMEONE = re.compile(r"\b(?:you|your|we|our|us)\b|^[A-Z][\w'’-]*, ", re.I)


def block_question(profile: PairProfile) -> str:
    """The first of ``own_questions``, which a middle session's focus block asks first."""
    return next(iter(own_questions(profile)), "")


# a question's auxiliary before one of the pair, as asked of them: "would Kayla" -> "would you"
AUXILIARY_YOU = {"would": "would", "will": "will", "should": "should", "could": "could",
                 "can": "can", "did": "did", "does": "do", "is": "are", "was": "were",
                 "has": "have"}  # fmt: skip


def _asked_by_name(question: str, profile: PairProfile) -> str:
    """``question`` asked of the one of the pair it is about, by name, or as it is."""
    for person in (profile.mentor, profile.mentee):
        name = person.first_name
        found = re.search(rf"\b({'|'.join(AUXILIARY_YOU)})\s+{re.escape(name)}\b", question,
                          re.I) if name else None  # fmt: skip
        if found and len(re.findall(rf"\b{re.escape(name)}\b", question)) == 1:
            asked = AUXILIARY_YOU[found.group(1).lower()]
            turned = f"{question[: found.start()]}{asked} you{question[found.end() :]}"
            return f"{name}, {turned[:1].lower()}{turned[1:]}"
    return question


def focus_remark(profile: PairProfile) -> str:
    """A remark the focus quotes that someone outside the pair made ("the Phoenix site director
    said, …", "One of the vets said this"), quoted; "" when it quotes none, or one of the two
    said it, or who did is not said."""
    focus = " ".join(profile.session.focus.split())
    said = remark(focus)
    if not said:
        return ""
    names = {n for n in profile.first_names if n}
    speakers = [m.group("who").split() for m in SAID_BY.finditer(focus)]
    outside = [w for w in speakers if w and not PAIR_WORDS.match(w[-1])
               and not names & {x.strip("'’s,") for x in w}]  # fmt: skip
    return said if outside and len(speakers) == len(outside) else ""


def focus_values(profile: PairProfile) -> dict[str, str]:
    """Each focus slot's value for ``profile`` ("" where it has none)."""
    return {"focus_worry": focus_worry(profile), "focus_ask": focus_ask(profile),
            "focus_remark": focus_remark(profile)}  # fmt: skip


def fillable_focus(profile: PairProfile) -> frozenset[tuple[str, str]]:
    """The (slot, asker) pairs the focus fills, as ``action_slots.fillable`` names them."""
    return frozenset((slot, ASKER) for slot, value in focus_values(profile).items() if value)
