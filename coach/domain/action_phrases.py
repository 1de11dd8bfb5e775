"""The phrases that mark a commitment in a reflection, or its absence: hedges, promises,
requests and their acceptance, list headings and labels, passives, a partner's offer
(``coach.domain.summary_actions`` reads clauses with them)."""

from __future__ import annotations

import re

HEDGE = re.compile(
    r"\b(might|maybe|perhaps|possibly|probably|not sure|wonder\w*|consider\w*|thinking|"
    r"would like|reckons?|'d like|should|could|try to|hope to|think about|have a think|"
    r"look into|see what|"
    r"believe it|open door|pending|will not|won't|not going to|never|didn't|hadn't|hasn't|"
    r"haven't|wasn't|can't|couldn't|as promised|as I'?d promised|as I said I would|"
    r"bear it in mind|take it away|(?<=[\"“])look at|"
    r"if (?:this|that|it|I(?! were\b)|we|he|she|his|her|session|the|nothing|they (?!'d|would))|"
    r"going to be honest|have to (?:say|admit)|need to admit|we'll see|promised nothing|"
    r"will retire|take (?:that|it)(?: as a compliment)?(?=\W*$)|already|"
    r"(?:going to|'ll|will|shall) (?:be (?:honest|candid|frank|blunt)|miss|admit|confess)|"
    r"as (?:I|he|she|we)(?:'d| had)? promised|jok(?:ed|ing)|get there|circle back|missed|"
    r"when things calm down|not ours|(?:HR|[A-Z][\w-]*)'s job|"
    r"I had (?:promised|offered)|I'd offered|like I said I would|let (?:the [\w-]+|it|them) speak|"
    r"see how (?:it|things|the [\w-]+(?: [\w-]+)?) (?:goes|go|looks|look))\b|^if\b|^none\b|"
    r",? I think\W*$",
    re.I,
)
# "He wants to come back in January. I'm not sure I want that …" (h007): the writer has not
# agreed to the partner's wish, so it is no action yet.
WITHDRAWN = re.compile(
    r"^\W*(?:but |honestly,? )?(?:I'?m|I am) not sure I want (?:that|it|this)\b|"
    r"^\W*I (?:don'?t|do not) want (?:that|it|this)\b",
    re.I,
)
MAY = re.compile(r"\bmay\b")  # lower case: "May" is also a month
SENTENCE_HEDGE = re.compile(r"\b(may|might|maybe|perhaps|if I get time|'d like|would like)\b", re.I)
FUTURE = r"(?:will|'ll|’ll|shall|going to|sending|(?<=is )to|(?<=are )to|(?<=am )to|(?<='m )to)"
TWO_OF_US = r"(?:the two of us|both of us|the pair of us|we both)"
PARTNER_PROXY = r"(?:his|her|their) (?:private )?(?:office|EA|PA|assistant|team|secretary)"
PROMISE = re.compile(
    # "the questions I'd promised" (h215) were brought: the promise is kept, not made
    r"\b((?<!I'd )(?<!I’d )(?<!had )(?<!as )promised|committed to|owe (?:him|her|them)|"
    r"I said I'?d|I said I would|said I'?ll|"
    r"offered to|agreed to|wants me to|sending it|on the hook|I need to|i need to|"
    r"I have to|I've got to|volunteered to|it'?s on me|ball'?s in my court|ball is in my court|"
    r"(?<!which )(?<!coffee )(?<!drinks )(?<!lunch )is on me)\b",
    re.I,
)
# "The form is to be reread by me", "the invites will be sent out by me".
PASSIVE = re.compile(
    r"\b(?:(?:will|shall|is to|are to|is going to|are going to)\s+be|gets?|will get)\s+[^.;]*?"
    r"\bby (?P<who>(?:the [\w-]+ and )?(?:me|us|him|her|myself)(?: and [A-Z][a-z]+)?)\b"
)
# "The reload bug goes to the head of digital product from me, tomorrow" (h126)
SENT_FROM = re.compile(
    r"\b(?:goes|go|will go|is going|are going) (?:out )?to [^.;]*?\bfrom (?P<who>me|us)\b"
)
# A list line that names its owner with a label: "Owner: Janet. Letter to every TA …" (h120)
# ("Owner: me." on its own: the next clause is the task.)
OWNER_LINE = re.compile(
    r"^owner\s*:\s*(?P<who>me|us|both|[A-Z][a-z]+)\s*(?:[.:,–-]\s*(?P<rest>\S.*)?)?$", re.I | re.S
)
# A table row "What | Who | When" (h123): the task, its owner and its deadline.
# Its edge bars are optional: "| Intro Tariq to Dev | me | first week of January |" (h134).
TABLE_ROW = re.compile(
    r"^\|?\s*(?P<rest>[^|]+?)\s*\|\s*(?P<who>[^|]+?)\s*\|\s*(?P<due>[^|]*?)\s*\|?\s*$"
)
# Said after an action of the author's own: it is off again (h122, h124).
WITHDRAWN_LATER = re.compile(
    r"\b(?:I'?m off the hook|withdrawn|scratch that|scrap that|changed my mind|so dropped)\b", re.I
)
NEED = re.compile(r"\b(need to|have to|got to)\b", re.I)
SUBJECTLESS = re.compile(r"^(?:(?:also|and|then|so)\s+)*(?:going to|sending|will)\s+[a-z]", re.I)
# Asked of the author: "he asked me to …", "she asked if I'd …".
ASKED_OF_ME = r"\basked (?:me to|(?:me )?(?:if|whether) I'?d)"
REQUEST = re.compile(
    rf"{ASKED_OF_ME}\b|\bI(?:'ve| have| was) been asked to\b|"
    r"\bwants? (?:a|an|the|some) (?:[\w-]+ ){0,3}from me\b",
    re.I,
)
# The task a request names: "he asked me to [email him the three points by Friday]".
REQUESTED = re.compile(rf"{ASKED_OF_ME} (?P<task>.+?)"
                       r"(?=,\s*(?:which|so|because|as|but)\b|$)", re.I)  # fmt: skip
ACCEPTED = re.compile(
    r"\b(which I'?ll|which I will|I'?ll do|I said yes|gladly|leave it with me)\b", re.I
)
CONFIRM = re.compile(
    r"^(?:which |and |so )?(?:I said yes\b|I(?: said I)?(?: will| would|'ll)"
    r"(?: (?:get on(?:to)?|do|sort|handle|write|send) (?:it|that|the [\w-]+))?\b"
    r"(?=[^a-z]*(?:,|$|\.))|leave it with me\b|will (?:send|do)(?: (?:it|that|one))?\W*$)",
    re.I,
)
HEADING = re.compile(
    r"^(?:actions?|next steps?|next|to ?do|follow[- ]ups?|(?:what )?(?:we )?agreed)"
    r"\s*(?::|—|–|-)\s*",
    re.I,
)
# A heading that says whose the list under it is: "What he committed to, and when (so I can
# remind him):", "What she's agreed:", "Things I said I'd do." (h201, h203, h209).
LIST_OWNER = re.compile(
    r"^\W*(?:what|things?|stuff)\s+(?P<who>I|we|he|she|(?-i:[A-Z][\w'’-]+))"
    r"(?:['’](?:ve|s)| has| have)?\s+(?:said (?:I|he|she|we)['’]?d(?: do)?|agreed(?: to)?|"
    r"committed to|promised|signed up for|owes?|took on|(?:is|am|are) (?:doing|taking on)|"
    r"will do)(?: to do| on|,? and (?:when|by when))?\s*(?:\([^)]*\))?\s*[:.]?\s*$",
    re.I,
)
HEADING_ONLY = re.compile(
    r"^(?:(?:agreed )?actions?|next(?: steps?)?|to ?do|follow[- ]ups?|"
    r"what (?:I|we) (?:have |'ve )?(?:committed|agreed) to|what(?:'s| has) been agreed|"
    r"(?:stuff |things |what )?we agreed(?: on)?(?: a few things)?|agreed|arrangements|outcomes|"
    r"sorted|handover|"
    r"for the record|so|where (?:that|this) leaves (?:us|me)|"
    r"what I'?m (?:supposedly |meant to be |actually )?doing)\s*[:.]?\s*$",
    re.I,
)
# "Next step is mine: …", and the reflection form's "What I will try: …" (coach.ui.mentee).
MINE = re.compile(
    r"^(?:(?:so |and )?(?:(?:the )?next step is mine|what I(?: will|'ll) try|"
    r"what I(?:'m| am) (?:meant|supposed|expected) to do)\s*:|"
    r"(?:so |and )?what I(?:'ve| have)? (?:actually |now |really )?(?:got|need|have) "
    r"to do is)\s*(?=\S)",
    re.I,
)  # "what I've actually got to do is send …" (h187)
NOT_A_TASK = (
    r"(?!(?:his|her|their|the|a|an|my|our|this|that|in|at|on|we|i|he|she|you|what|how|\w+ly|"
    r"session|sessions|meeting|notes|week|day|\d+)\b)"
)
LABEL = re.compile(
    r"^(?P<who>(?i:(?:my|his|her|their) (?:task|action|bit|job|part|homework)s?|on me|mine|"
    r"(?:action|task)s? for "
    r"(?:me|him|her|them|us)(?: \([^)]*\))?)|me|I|him|her|them|us|both|"
    r"[A-Z][a-z]+(?:'s (?i:homework|job|bit|task|action)s?)?)"
    rf"\s*(?::|-|–|,(?=\s+{NOT_A_TASK}[a-z]))\s+(?!(?:nothing|none|n/a)\b)(?P<rest>.+)$",
    re.S,
)
SAID = re.compile(
    rf"\b(?:said|says|agreed|told (?:me|her|him))(?: \w+)? (?P<who>he|she|they|{PARTNER_PROXY}) ?"
    rf"(?:'d|would|will|'ll)\s+(?P<next>[\w'\"“]+)",
    re.I,
)
# The partner's offer in their own words, and the author's yes (h053, h062).
# A quoted offer: 'Noah asked, "Want me to sit in on …?" Please, yes.' (h130)
OFFER = re.compile(
    r"[\"“](?:Shall I|(?:[Dd]o you |[Ww]ould you )?[Ww]ant me to) (?P<task>[^?\"”]+)\?"
)
ASKED_BY_ME = re.compile(r"\bI (?:asked|said|offered)\W*$")  # the author's own, quoted
# The author's own offer, answered yes: 'want me to send a short note …? "Yes please."' (h099)
OWN_OFFER = re.compile(r"^[^\w\"“]*(?:do you |would you )?want me to (?P<task>[^?]+)\?", re.I)
# "the ground rules: she is to …"; "I'll believe the February item when I see the agenda" (h199)
# … and an email's header lines: "Re: Sade – last one" (h202)
NOT_COMMITMENT = re.compile(
    r"\bground rules?\b|\bI['’]?ll believe (?:it|that|this|the [\w-]+(?: [\w-]+)?) when\b|"
    r"^\W*(?:re|subject|to|from|cc|date|sent)\s*:\s",
    re.I | re.M,
)
# A promise made as a joke at oneself, read in its own clause: "I shall be on TikTok by Easter,
# heaven help us all." (h205); not "I'll send the slides; he presents Friday, heaven help him".
JOKE = re.compile(r"\b(?:heaven|god|lord) help (?:us|me|them|him|her)\b|\bfamous last words\b",
                  re.I)  # fmt: skip
SAID_YES = r"(?:I|he|she) said,? [\"“]?yes\b"  # "and he said yes", answering an offer
YES = re.compile(rf"^\W*(?:and |so )?(?:{SAID_YES}|[\"“]?(?:please,? )?yes\b)|\b{SAID_YES}", re.I)
THOUGH = re.compile(r",?\s+(?:though|although)\s.*$", re.I | re.S)
