"""An open action item as a starter's slot, said by one person to the other.

Readers of the starter sets with the pair files shown (starters-heldout-7, starters-fresh-2)
named the same gap: last session's promises were never followed up. A template may take
``{their_action}`` (the other person's open action: "Last time you said you'd {their_action}"),
``{my_action}`` (the asker's own) or ``{our_action}`` (one both own: "We said we'd decide whether
I'm named in your town hall intro"; never followed up before, starters-fresh2-2). The slot is
the action's task as the asker says it: "Share the December night rota with Howard so he can
pick a night" owned by the mentor and asked by him reads "share the December night rota with
you so you can pick a night". A task this code
cannot say in the asker's voice (a "her" that may be either person, a task too long to say in
one breath) fills no slot, and the template is not offered.
"""

from __future__ import annotations

import re

from coach.domain.due_dates import DUE_AT_END
from coach.domain.pair_profile import OpenAction, PairProfile, Person
from coach.domain.stereotypes import stereotypes_in
from coach.domain.wording import content_words

ACTION_SLOTS = ("their_action", "my_action", "our_action")  # "our": an action owned by both
SAME_AS_FOCUS = 2  # content words an action shares with the session's focus when it is its subject
MAX_WORDS = 18  # a longer task read aloud inside a question is a list, not a question
# A task opens on its verb ("Share …", "Have a think …"); a line that opens on anything else
# ("The rota to Howard", "Paul to send …") is a note, not a task to say back, and a thing to
# bring is for the session itself, which works through it ("… bring three real councillor
# questions to work through. How did that go?").
_NOT_SAID = "the a an our my your his her their this that i we you he she they it to for"
NOT_SAID = frozenset(_NOT_SAID.split())
# … and is said only by a template written for it (tag ``bring``: "You said you'd bring three
# real councillor questions to work through. Shall we start there?"); starters-heldout-11 found
# things to bring (a draft, photos) never taken up
BRING = "bring"
# … nor does "Paul to send …" (a name, then "to"), unlike a verb that takes "to".
_TAKES_TO = "talk speak listen go come write reach reply respond get turn stick agree point move"
TAKES_TO = frozenset(f"{_TAKES_TO} return head pop chat report".split())
# The owner's own words, turned to the one they are said to: "Bring three questions people on
# my shift want asked" owned by the mentor, asked by the mentee: "… on your shift …".
OWN_TO_YOURS = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself"}
# A he or she that stood for a person of the pair, by the role it plays in the clause; "her"
# is both object and possessive, so a task that keeps one is not said.
PRONOUNS = {
    "you": {"he": "you", "she": "you", "him": "you", "his": "your"},
    "me": {"he": "I", "she": "I", "him": "me", "his": "my"},
}
# A name before one of these is the clause's subject: "which briefings Paul could stand at the
# back of", said by Paul, is "which briefings I could stand at", not "me could".
MODALS = r"(?:could|can|will|would|should|might|may|must|shall)"
GENDERED = re.compile(r"\b(he|she|him|his|her)\b", re.I)
THEN = re.compile(r"\s*(?:;|,\s*then\b|\.\s+\S|[-–—]\s+then\b).*$")  # a second task
ASIDE = re.compile(r"\s*\([^)]*\)")  # "(or skim)", "(e.g. …)"
ENDS = re.compile(r"[.!?…;:,\s]+(?=['’\"]?$)")  # closing punctuation, also inside a quote


def bare_task(text: str) -> str:
    """An action item's task without its aside, a second task or its deadline: "Read the notes
    (or skim) by Friday" -> "Read the notes"."""
    text = THEN.sub("", ASIDE.sub("", " ".join(text.split())))
    return ENDS.sub("", DUE_AT_END.sub("", ENDS.sub("", text)))


def action_phrase(
    action: OpenAction, asker: Person, other: Person, owner_is_asker: bool, bring: bool = False
) -> str:
    """``action``'s task as ``asker`` says it to ``other``, starting lower case; "" when it
    cannot be said so (no task verb first, too long, a "her" that may be either of them), or
    when it is a thing to bring and ``bring`` is not asked for, or the other way round."""
    text = bare_task(action.text)
    words = text.split()
    if not words or len(words) > MAX_WORDS or words[0].lower() in NOT_SAID:
        return ""
    if (words[0].lower() == BRING) != bring:
        return ""
    if stereotypes_in(text):  # even "Remove 'digital native' from job ads": the set's guard
        return ""  # drops any starter that names one
    if len(words) > 1 and words[1].lower() == "to" and words[0].lower() not in TAKES_TO:
        return ""
    if words[0][0].isupper() and any(ch.isupper() for ch in words[0][1:]):
        return ""  # an acronym or a name first ("NHS App …"): no task verb
    if not owner_is_asker:  # the owner's "my" is the one the asker speaks to
        text = re.sub(r"\b(I|me|my|mine|myself)\b",
                      lambda m: OWN_TO_YOURS[m.group(1).lower()], text)  # fmt: skip
    named = ""
    for person, word, possessive in ((asker, "me", "my"), (other, "you", "your")):
        first = person.first_name
        if first and re.search(rf"\b{re.escape(first)}\b", text):
            # "whether Sophie is named", said by Sophie or to her: "I'm", "you're"
            text = re.sub(rf"\b{re.escape(first)} is\b", "I'm" if word == "me" else "you're", text)
            if re.search(rf"\b{re.escape(first)}\s+(?!{MODALS})[a-z]+s\b", text):
                return ""  # "Paul wants …": no "I want" nor "you want" without mending the verb
            text = re.sub(rf"\b{re.escape(first)}['’]s\b", possessive, text)
            # … and before a past tense: "the recordings Jordan flagged" -> "I flagged"
            text = re.sub(rf"\b{re.escape(first)}(?=\s+(?:{MODALS}|[a-z]+ed)\b)",
                          "I" if word == "me" else word,
                          text)  # fmt: skip
            text = re.sub(rf"\b{re.escape(first)}\b", word, text)
            named = named or word
    if named and GENDERED.search(text):  # "… with Howard so he can pick" -> "so you can pick"
        if re.search(r"\bher\b", text, re.I):
            return ""
        text = GENDERED.sub(lambda m: PRONOUNS[named][m.group(1).lower()], text)
    return text[:1].lower() + text[1:]


# A task that sets up the session itself ("Arrange a visit to the cobot pilot cell" when the
# session is the visit); one that prepares for it is still asked about ("Read the 40 complaints
# logged in the week after the Hollins Road burst", "Ask Blue Watch for the one question they'd
# put to Mark at the town hall": readers of starters-fresh2-3 and -heldout-13 named open items
# missed).
ARRANGES = re.compile(r"^(?:arrange|book|organi[sz]e|set up|schedule|plan|fix up)\b", re.I)


def arranges_focus(task: str, focus: set[str]) -> bool:
    """Whether ``task`` arranges what the session's ``focus`` (its content words) is about."""
    return bool(ARRANGES.match(task.strip())) and len(content_words(task) & focus) >= SAME_AS_FOCUS


def action_for(profile: PairProfile, slot: str, asked_by: str, bring: bool = False) -> str:
    """The first open action the slot can take for a template ``asked_by`` one side: the other
    person's (``their_action``), the asker's own (``my_action``) or one both own
    (``our_action``), said in the asker's voice, a thing to bring only when ``bring``; "" when
    there is none."""
    asker = profile.person(asked_by)
    other = profile.mentee if asker is profile.mentor else profile.mentor
    owner = asked_by if slot == "my_action" else ("mentee" if asked_by == "mentor" else "mentor")
    owner = "both" if slot == "our_action" else owner
    focus = content_words(profile.session.focus)
    for action in profile.open_action_items:
        # this session is about it: "Arrange a visit to the cobot pilot cell" when the focus is
        # the visit (starters-15); but a thing brought for it is still asked about ("Bring the
        # repair history printout for 14 Westfield Court" for a focus on the Westfield Court
        # case; the second fresh set)
        # (but a call both still owe is asked about: "Decide whether Sophie is named in Mark's
        # town hall intro" for a focus on the town hall, which starters-fresh2-2 found missed)
        ours = slot == "our_action"
        if not bring and not ours and arranges_focus(action.text, focus):
            continue
        if action.owner == owner:
            phrase = action_phrase(action, asker, other, slot != "their_action", bring)
            if phrase:
                return phrase
    return ""


def fillable(profile: PairProfile) -> frozenset[tuple[str, str]]:
    """The (slot, asker) pairs this pair's open actions can fill; a thing to bring fills
    ``slot_key(slot, True)``."""
    return frozenset(
        (slot_key(slot, bring), side)
        for slot in ACTION_SLOTS
        for side in ("mentor", "mentee")
        for bring in (False, True)
        if action_for(profile, slot, side, bring)
    )


def slot_key(slot: str, bring: bool) -> str:
    """``slot`` as ``fillable`` names it: "their_action", or "their_action:bring"."""
    return f"{slot}:{BRING}" if bring else slot
