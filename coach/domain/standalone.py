"""Whether a line read on its own says something: a point in a summary is read away from the
notes, so "Top of his five complaints by a mile.", "Kenji's view on walk back." (no verb) or
"That took most of the rest of the session." (what "that" is stays in the notes) says nothing
to its reader (summary-19's reviewer: takeaways "cut so they do not stand alone")."""

from __future__ import annotations

import re

from coach.domain.wording import content_words

# Words that make a clause a statement: the common verbs in their forms, the auxiliaries and
# the contractions of a pronoun with one ("she's", "they'd"). A name's "'s" is a possessive.
VERB = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|am|has|have|had|do|does|did|can|could|will|would|shall|"
    r"should|may|might|must|ought|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|hasn['’]t|haven['’]t|"
    r"hadn['’]t|don['’]t|doesn['’]t|didn['’]t|can['’]t|couldn['’]t|won['’]t|wouldn['’]t|"
    r"shouldn['’]t|say|says|said|tell|tells|told|think|thinks|thought|know|knows|knew|want|"
    r"wants|get|gets|got|make|makes|made|take|takes|took|go|goes|went|see|sees|saw|come|comes|"
    r"came|give|gives|gave|find|finds|found|feel|feels|felt|leave|leaves|left|keep|keeps|kept|"
    r"show|shows|learnt|run|runs|ran|put|puts|read|reads|hear|hears|heard|use|uses|need|needs|"
    r"seem|seems|like|likes|love|loves|hate|hates|mean|means|work|works|matter|matters|help|"
    r"helps|ask|asks|let|lets|stop|stops|start|starts|try|tries|prefer|prefers|pay|pays|"
    r"leave|quit|quits|buy|buys|bought|bring|brings|brought|spend|spends|spent|lose|loses|"
    r"lost|win|wins|won|send|sends|sent|hold|holds|held|meet|meets|met|sit|sits|sat|stand|"
    r"stands|stood|speak|speaks|spoke|write|writes|wrote|care|cares|trust|trusts|agree|"
    r"agrees|expect|expects|believe|believes|look|looks|sound|sounds|open|opens|miss|misses|"
    r"become|becomes|became|turn|turns|happen|happens|set|sets|check|checks|save|saves|nod|"
    r"nods|understand|understands|lack|lacks|fall|falls|fell|fail|fails|require|requires|wear|"
    r"wears|rise|rises|rose|drop|drops|grow|grows|grew|change|changes|cost|costs|live|lives|"
    r"count|counts|sell|sells|sold|choose|chooses|chose|fix|fixes|call|calls|post|posts|join|joins)"
    r"|[a-z]+(?:ed|ing)"
    r"|(?:i|you|he|she|it|we|they|that|there|what|who|here)['’](?:s|re|m|ll|ve|d))\b"
    # a pronoun and the word after it: "She alternates …", "I now understand …"
    r"|\b(?:I|[Yy]ou|[Hh]e|[Ss]he|[Ww]e|[Tt]hey)\s+(?:(?:now|still|never|always|just|also|"
    r"only|often|rarely|really|\w+ly)\s+)?[a-z]{2,}",
    re.I,
)
MIN_VERBLESS_WORDS = 6  # "His one-page summary of the top five complaints." is still a fragment
# An opening whose meaning is in the sentence before: "That took …", "It was …", "Which …"
# (not "IT is still broken", the department, nor a cleft: "It is the small jobs that …")
POINTS_BACK = re.compile(
    r"^\W*(?:[Tt]hat|[Tt]his|I[t]|[Tt]hese|[Tt]hose|[Ww]hich|[Ss]ame|[Aa]lso|[Tt]hen)\b"
    r"(?!(?:['’]s| is| was) (?:[\w-]+ ){0,5}?(?:that|who|to)\b)"
)
# "proud of that one", not "something that one would scroll past"
OBJECT_BACK = re.compile(
    r"\b(?:of|like|with|about|on|for|to|from|at|in|liked|loved|chose|picked)\s+(?:that|this) one\b"
    r"(?!\s+of\b)|\b(?:says|said|say|thinks|thought|found|showed|shows) the same\b(?! \w+ as\b)"
    r"(?!\s*,)",  # not an aside: "The thing that jumped out, and his one-pager says the same, is …"
    re.I,
)  # … and "Tomás's one-pager says the same." (h184)
# "Not in front of Dave or generally.": a reply to something the line does not hold
REPLY = re.compile(r"^\W*(?:not|yes|yeah|nope|no(?=[,.!])|except)\b", re.I)


# What any session does: a line whose other words number fewer than two ("We looked back on
# session three.", "We said what we got out of it.", h208) says only that it happened.
SESSION_ONLY = content_words(
    "session sessions meeting met look looked looking back talk talked talking said say says "
    "discuss discussed went go going through got get covered cover spoke speak started start "
    "ended end one two three four five first second third last next today time minutes hour "
    "bit lot thing things out did do done about spent chat chatted also"
)
MIN_OWN_WORDS = 2


def fragment(text: str) -> bool:
    """A line with no verb and under ``MIN_VERBLESS_WORDS`` content words ("Big news first:
    lunch duties."): a heading or a note, not a statement."""
    return not VERB.search(text) and len(content_words(text)) < MIN_VERBLESS_WORDS


def stands_alone(text: str) -> str:
    """What keeps ``text`` from being read on its own, or ``""`` when it can be."""
    if POINTS_BACK.match(text) or OBJECT_BACK.search(text):
        return "leans on the sentence before it: say what it is about"
    if REPLY.match(text):
        return "answers something it does not say: say the whole point"
    if len(content_words(text) - SESSION_ONLY) < MIN_OWN_WORDS:
        return "says only that the session happened: say what came of it"
    if fragment(text):
        return "has no verb: say it as a whole sentence"
    return ""
