"""Which library segment pattern suits a goal or a focus: the kinds of goal it fits, read from
the goal's words (``goal_kinds`` against the pattern's ``fits``), then meaning and the goal
types they share (``fit``); whether it is written for the session's phase (``suits``) and can
run for this pair at all (``can_run``: a debrief only after its visit).
"""

from __future__ import annotations

import re

from coach.domain.focus_sentences import first_lower, is_long, remark
from coach.domain.library import SegmentPattern, SubjectKind
from coach.domain.pair_profile import PairProfile, Phase
from coach.domain.starter_slots import REHEARSAL, focus_topic


# Words that say what kind of goal a text is about, to match the library's ``goal_types``.
def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(text.split())


GOAL_TYPE_WORDS: dict[str, frozenset[str]] = {
    "workforce": _vocabulary(
        "hire hiring hired recruit recruitment recruiting retention retain attract apply "
        "applicant applicants graduate graduates apprentice apprentices talent onboarding job "
        "jobs career careers turnover leave staff volunteers volunteer nurses drivers"
    ),
    "customer": _vocabulary(
        "customer customers client clients shopper shoppers resident residents user users "
        "patient patients donor donors audience readers consumer consumers buyer buyers brand "
        "brands"
    ),
    "platform": _vocabulary(
        "instagram tiktok youtube whatsapp social linkedin app apps online portal website "
        "neobank neobanks stories platform platforms"
    ),
    "tool": _vocabulary(
        "ai copilot chatgpt tool tools dashboard automation robot robots cobot cobots software "
        "data spreadsheet robo-adviser"
    ),
    "trend": _vocabulary("trend trends news sustainability greenwashing future expect"),
    "communication": _vocabulary(
        "feedback meeting meetings message messages communicate communication present "
        "presenting presentation upwards retrospectives speak voice"
    ),
    "culture": _vocabulary(
        "inclusion inclusive culture bias age diversity wellbeing belonging values ageism older"
    ),
    "strategy": _vocabulary("strategy plan sponsor investment roadmap budget board pilot decision"),
    "skill": _vocabulary("learn skill skills lead leading facilitate practice"),
}
TYPE_BONUS = 0.1  # added to a segment's similarity for each goal type it shares with the text


def goal_types(text: str) -> set[str]:
    """The library goal types a goal or focus is about, from its words."""
    tokens = set(re.findall(r"[a-z][a-z-]*", text.lower()))
    return {kind for kind, vocabulary in GOAL_TYPE_WORDS.items() if tokens & vocabulary}


# A focus that says the session is itself a visit ("Night-shift walk-round", "Visit to the cobot
# pilot cell"): planning one is not it (the blind focus labels of 2026-12-07).
# (not who "just walk round" a show home, fresh4, nor what was said "at each visit", fresh2)
VISIT = re.compile(r"^(?!plan)(.*\b)?(walk-?rounds?|(?<!just )walk round|(?<!each )(?<!every )"
                   r"visit(ing)?|site visit|tour|"
                   r"go(ing)? and see|on the (shop )?floor|shadowing day)\b")  # fmt: skip

# … and what a dry run can rehearse: an event the mentee fronts, not a tool or a habit
# ("Practise the Power BI dashboard" is practice, not a rehearsal; the second audit).
EVENT = re.compile(r"\b(talk|town[- ]?halls?|all[- ]hands|pitch|presentation|speech|interview|"
                   r"conversation|meeting|briefing|q&a|panel|keynote|announcement|address|"
                   r"opening|update|webinar|broadcast|launch|fair|open day|board|hearing|"
                   r"roadshow|committee)\b",
                   re.I)  # fmt: skip

# An event the organisation takes part in, which the pair can get ready for: not "a fair point"
# or "fair pay", not a video conference or a conference room, and not the pair's own session.
EVENT_NAMED = (
    r"\b((college|jobs?|careers?|recruitment|school|trade|graduate|apprenticeships?|"
    r"volunteer(ing)?|community|local) fairs?|open (days?|evenings?|weekends?|house)|"
    r"launch (weekends?|days?)|"  # "Phase 2 launch weekend at Meadow Rise" (fresh4)
    r"careers? (days?|events?|evenings?)|recruitment (days?|events?|drives?)|"
    r"taster (days?|sessions?)|expos?|exhibitions?|(?<!video )conferences?"
    r"(?! (?:rooms?|calls?|etiquette))|festivals?|roadshows?|launch (events?|party|night))\b"
)
# … that is still to come and where the pair meets visitors, not a talk given there ("Speak at
# an industry conference") or one already held ("Debrief the college fair"; the audit).
TALK = re.compile(r"\b(?:(?:a|the|my|our|his|her|their) (?:talk|speech|keynote|presentation|"
                  r"pitch|panel)|webinar|(?:speak|speaking)(?= at)|(?<!be )(?:present|presenting)"
                  r"(?:\s+\w+){0,3}(?= at)|(?:staff|all-staff|internal) roadshows?|"
                  r"hostile (?:room|crowd|audience))\b", re.I)  # fmt: skip
PAST = re.compile(r"\b(?:debrief\w*|learn(?:ed|t) (?:at|from)|lessons? from|reflect(?:ing)? on|"
                  r"follow[- ]?up (?:from|on)|review(?:ing)? the \w+(?: \w+)? (?:feedback|results)|"
                  r"looking back on|after the|last (?:week|month) s)\b", re.I)  # fmt: skip

ARTICLES = frozenset({"the", "a", "an", "our", "this", "next"})
EVENT_AT = re.compile(
    rf"(?:\b(?:{'|'.join(ARTICLES)})\s+(?:[\w-]+\s+){{0,2}}?)?{EVENT_NAMED}", re.I
)


def event_named(text: str) -> str:
    """The event ``text`` names, with its own article and words before it, as a block about
    getting ready for it is about: "the local college fair" in "Apprentice recruitment at the
    local college fair", "the taster day" in "Instagram stories and the taster day", "the next
    open day" in "Next open day"; or ""."""
    match = EVENT_AT.search(text)
    if match is None:
        return ""
    named = match.group(0)
    if match.start() == 0 or named.split()[0].lower() in ARTICLES:  # sentence case, or "The"
        named = named[0].lower() + named[1:]
    event = re.search(EVENT_NAMED, named, re.I)  # "Open Day", "College Fair": a common noun
    if event is not None:
        named = named[: event.start()] + event.group(0).lower() + named[event.end() :]
    first = named.split()[0]
    if first in ARTICLES - {"next"}:
        return named
    return f"the {named}"


def event_subject(segment: SegmentPattern, serves: str, subject: str) -> str:
    """The ``{subject}`` of ``segment`` in a block that ``serves`` a focus or goal: a block
    that gets the pair ready for an event is about the event it names ("the taster day"), not
    the whole focus ("Instagram stories and the taster day", pasted in; the focus labels)."""
    if "rollout" in segment.fits:
        return rolled_out(serves) or subject
    if "event" not in segment.fits:
        return subject
    return event_named(serves) or subject


ROLLOUT = r"\b(?:went out|rolled out|went live|came in|brought in|has gone out)\b"
# the junior asked to play someone who will push back ("asked Maya to play the trustee who'll say
# it cheapens the orchestra", fresh4), or a hard audience ("He's expecting a hostile room")
PLAYS_CRITIC = (
    r"\bplay(?:ing)? the (?:\w+ ){0,2}(?:trustee|board member|councillor|critic|"
    r"sceptic|skeptic|customer|interviewer|journalist|investor|regulator)s?\b"
    # "with Sophie asking the questions the watch will really ask" (second fresh fire service)
    r"|\basking the (?:hard |real |tough )?questions\b"
    r"|\b(?:hostile|tough|difficult) (?:room|crowd|audience)\b"
    r"|\bexpect\w* (?:push-?back|a grilling|hard questions)\b"
)
# the thing that went out: "the new duty schedules that went live in September" (second fresh
# bus operator: "One real week under what drivers really think of the new duty schedules …")
ROLLED_OUT = re.compile(r"(?P<thing>\b(?:the|our|a)\s+[\w'’ -]{2,40}?)\s+(?:that\s+|which\s+)?"
                        + ROLLOUT, re.I)  # fmt: skip


def rolled_out(text: str) -> str:
    """The thing ``text`` says has just gone out ("the new Saturday viewings rota"), or ""."""
    found = ROLLED_OUT.search(" ".join(text.split()))
    if not found:
        return ""
    return first_lower(found.group("thing"))


# What a goal or focus asks the session for, read from its words: the ``fits`` of a segment
# (``coach.domain.library.GoalKind``). A text can ask for several kinds.
GOAL_KIND_RULES: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern)
    for kind, pattern in {
        "ai": r"\b(ai|copilot|chatgpt|generative|gpt)\b",
        "data": r"\b(dashboards?|power bi|data|figures|spreadsheets?|excel|metrics)\b",
        "tool": r"^(use|using|build and|get comfortable|replace|feel confident|answer|try)\b"
        r"|hands-on|workshop|end to end|teams channels?|email chains|on video|"
        r"get (?:a (?:working |real )?feel for|to grips with|hands-on)|\bin-house system\b",
        "platform": r"\b(apps?|tiktok|instagram|youtube|whatsapp|linkedin|discord|reddit|"
        r"podcasts?|social media|online(?! (?:sellers?|shops?|businesses|retailers?))|"
        r"platforms?|neobanks?|finfluencers?|feeds?|videos?|"
        r"gig-work|buy-now-pay-later|news)\b",
        # (not "post-editing machine translation", fresh4: "writes and posts a real post")
        "social": r"\b(instagram|tiktok|linkedin|discord|reddit|reach|stories|posts?(?!-)|brands?|"
        r"comments)\b",
        "customer": r"\b(customers?|clients?|patients?|residents?|shoppers?|users?|audiences?|"
        r"renters?|investors?|donors?|checkout|consumers?|buyers?|our product|returns|fans|"
        r"supporters|followers|guests|passengers|teenagers|students|"
        r"delivery|services|consulted|store design|"
        # fresh4: "small online sellers", "junior membership", "cruisers … decide on a cruise"
        r"sellers|members(?:hip)?|(?:decide|choose|pick)s? (?:on|between) (?:a|an|the)|"
        r"first-time \w+)\b",
        "service": r"\bour (\S+ ){0,2}(app|site|website|checkout|service|portal|product)\b|"
        r"end to end|services online|online services|journeys?\b|"
        # "Show me the Voyager app the way a guest sees it" (fresh4: an app the mentor picked)
        r"\b(?:as|the way) an? (?:customer|patient|user|guest|passenger|visitor|member|shopper|"
        r"buyer|resident)\b",
        "trend": r"\b(trends?|sustainability|greenwashing|climate|esg|impact investing|resale|"
        r"second-hand|labels?|buy-now-pay-later|accessibility|finfluencers?)\b",
        "hiring": r"\b(hir(e|es|ed|ing)|recruit\w*|attract\w*|apply|applicants?|offers|"
        r"graduates?|school leavers|place to work|join|joining|volunteers?|part-time)\b",
        "retention": r"\b(retain|retention|leave|quits?|keep|onboarding|new starters?|"
        r"never come back|don't stay|stay past|second contract|"
        r"first two years|first-year|careers?|developed|bootcamp|mid-career)\b",
        "staff": r"\b(staff|employees?|colleagues?|workers?|engineers?|nurses?|doctors?|"
        r"drivers|caseworkers?|handlers|advisers|assistants|apprentices|women|frontline|crunch|"
        r"overtime|cadets|crews?|housekeeping|"
        r"front line|shop floor|night-shifts?|night shifts?|shifts|wellbeing|burnout|workload|"
        r"pressures|inclusion|inclusive of|race|hybrid|remote-first|psychological safety|"
        r"recognised|norms|newsroom|jobs on the line|sit in on|sitting in on)\b",
        "leading": r"\b(feedback|meetings?|briefings?|retrospectives?|chair\w*|speak up|culture|"
        r"messages?|communicat\w*|hear about|included in|inclusive of|ward rounds|reaches|"
        r"town halls?|lead|take challenge|challenged|questioned (?:the|my|our|his|her|their))\b",
        "junior": r"\b(upwards?|my career|push back|pitch)\b",
        "strategy": r"\b(strategy|sponsor\w*|budgets?|decisions?|roadmap|investment)\b",
        # … a call the session makes (the second fresh set: "Decide whether to put the weekend
        # rota change to the sales managers now or wait until after the March plate change")
        # (the pair's own call, not "how customers under 30 decide whether to ask the pharmacist")
        "decision": r"^(?:decide|choose|make the call)\b|\b(?:we|i|you) (?:need to |have to |must "
        r")?(?:decide|choose)\b"
        # … and a focus that names the senior's decision ("Decision for the April board: …
        # before he decides", fresh3; "Graham has to decide by 30 June whether …", fresh4)
        r"|^decision (?:for|on|about|before)\b|\bbefore (?:he|she|they) decides?\b"
        r"|\b(?:has|have|needs?) to (?:decide|choose)\b|\bdecides? by\b",
        # (… and whether the senior should sit in on something: what planning a visit fits;
        # "Should Stefan sit in on a grad stand-up, or would that just make it worse?", fresh)
        # (… and a visit still to come, which the session plans: "Callum is coming onto B wing
        # for a full morning unlock on 11 Feb. Plan what he does", the second fresh set)
        "change": r"\b(robots?|cobots?|automation|jobs on the line|security training|ignore|"
        r"pilot|adopt\w*|take up|sit in on|sitting in on|(?:is|are) coming (?:onto|into|to|down "
        r"to|out to|round)|(?:is|are) (?:visiting|spending (?:a|the) (?:day|morning|shift)))\b"
        r"|" + ROLLOUT,
        # a change that has just gone out ("The new Saturday viewings rota went out on Monday and
        # the negotiators aren't happy", fresh3: "Plan a shadowing visit" before)
        "rollout": ROLLOUT,
        "visit": VISIT.pattern,
        "handover": r"\b(hand(ing)?[- ]?over|hand(ing)? (it |this |them )?on|pass(ing)? on)\b",
        # "She wants to test her three recommendations on Jordan first" (the second fresh set)
        "rehearsal": REHEARSAL.pattern + r"|\b(?:test|try) (?:\w+ ){1,4}(?:out )?on \w+ first\b"
        # "so he can practise his answers" (fresh4: "Follow one budget line from bid to number")
        r"|" + PLAYS_CRITIC + r"|\bpractis?c?e (?:his|her|their|my|our) (?:answers|reply|replies|"
        r"pitch|case)\b",
        "critic": PLAYS_CRITIC,
        "event": EVENT_NAMED,
        "habit": r"\b(habits?|routines?)\b",
        # … something that happened to someone at the junior's level ("the incident on the 86
        # and what happened afterwards", the second fresh set; got "One surprise, one so-what")
        "incident": r"\b(?:the|an|that|this|last \w+['’]s) incident\b(?!\s+(?:map|log|report|"
        r"management|response|system|form|team|desk|line|number|data|tool|app)s?\b)|"
        r"\bincident on\b|"
        r"\b(?:assaulted|spat at|attacked|threatened|near[- ]miss(?:es)?)\b",
        "offer": r"\b(job offers?|our offers?|(?:turn\w*|accept\w*|declin\w*) (?:down )?"
        r"(?:\w+ ){0,2}(?:offers?|jobs?|roles?|places?)|reneg\w*)\b",
    }.items()
}  # fmt: skip
KIND_WEIGHT = 1.0  # per kind a segment fits: more than any similarity (0.3-0.5)
# The kinds that say what the session itself is.
OCCASIONS = frozenset({"visit", "handover", "rehearsal", "event", "decision"})
OCCASION_WEIGHT = 3.0  # a visit gets a block held on the visit, whatever else fits the topic
# A pattern whose {subject} would not read with the block's subject ("posts about hearing what
# customers say in live chat") comes after every pattern that reads, whatever else it fits.
MISREAD = 10.0


# A focus of sentences says what the session does inside one of them: "Mark wants to rehearse
# the Q&A", "Pick up where we left off before Christmas: the incident on the 86" (the second
# fresh set: the rules that read a focus's first word found nothing).
CLAUSE_BREAK = re.compile(r"(?<=[.!?:])\s+")
WANTS_TO = re.compile(r"^(?:[a-z][\w-]*\s+){1,2}?(?:wants?|would like|needs?|asked|asks|is going|"
                      r"are going|hopes?|plans?)\s+(?:for\s+\S+\s+\w+\s+on\s+|to\s+)?")  # fmt: skip


def clauses(text: str) -> list[str]:
    """``text`` (lower case) and each of its sentences without who wants it ("mark wants to
    rehearse the q&a" -> "rehearse the q&a")."""
    parts = [WANTS_TO.sub("", part) for part in CLAUSE_BREAK.split(text)]
    return list(dict.fromkeys([text, *parts]))


# The organisation's own system, called a platform ("the new claims platform from the
# handler's seat"): a tool the junior uses, not a feed people scroll (second fresh insurance got
# "The mentor scrolls their own feed aloud").
IN_HOUSE = re.compile(r"\b(?:the|our) (new |old )?(?!social|video|streaming|media|content|gig|"
                      r"online|creator)([a-z-]+ )platform\b")  # fmt: skip


def goal_kinds(text: str) -> set[str]:
    """The kinds of goal a goal or focus is, from its words (``SegmentPattern.fits``), read in
    the whole text and in each of its sentences (``clauses``)."""
    low = IN_HOUSE.sub("in-house system", " ".join(text.lower().replace("'", " ").split()))
    kinds = {kind for kind, rule in GOAL_KIND_RULES.items()
             if any(rule.search(part) for part in clauses(low))}  # fmt: skip
    if remark(text):  # read before the quotes are gone
        kinds.add("remark")
    if {"customer", "retention"} <= kinds and "staff" not in kinds:  # customers kept, not staff
        kinds.discard("retention")  # ("A new starter's first week" for teenagers at 16, fresh4)
    if "event" in kinds and (TALK.search(low) or PAST.search(low)):
        kinds.discard("event")  # "Rehearse the talk at the conference" rehearses the talk
    elif "event" in kinds:
        kinds.discard("rehearsal")  # "Prepare for the college fair" gets ready to meet visitors
    return kinds


def fit(
    segment: SegmentPattern, text: str, similarity: float, subject: SubjectKind | None = None
) -> float:
    """How well a segment suits a goal or focus: first whether its sentence reads with the
    block's ``subject`` kind (``SegmentPattern.takes``), then the kinds of goal it fits, then,
    among segments that fit as well, meaning and the library goal types they share."""
    asked = goal_kinds(text)
    kinds = asked & set(segment.fits)
    types = len(goal_types(text) & set(segment.goal_types))
    occasions = OCCASION_WEIGHT * len(kinds & OCCASIONS)
    misread = MISREAD if subject and segment.takes not in ("any", subject) else 0.0
    if dry_run(segment) and "rehearsal" not in kinds:  # a goal's block
        misread = MISREAD
    if set(segment.fits) in ({"decision"}, {"remark"}) and not kinds:  # a call not asked for,
        misread = MISREAD  # a remark no one quoted ("Tom reckons nobody under 30 looks", fresh4)
    if "event" in segment.fits and "event" not in kinds:  # a visitor's view of no event
        misread = MISREAD
    if segment.only_for and segment.only_for not in asked:
        misread = MISREAD
    return (occasions + KIND_WEIGHT * len(kinds - OCCASIONS) + similarity + TYPE_BONUS * types
            - misread)  # fmt: skip


def choice_text(phase: Phase, serves: str, goal_texts: list[str], is_focus: bool) -> str:
    """The words a block's pattern is chosen by (``fit``). A focus is read with the goals it
    serves: "Follow up on ... the on-call rota" asks for what its goal does ("why younger
    engineers avoid the on-call rota"). A closing block serves the ending, whatever the goal's
    kind: meaning alone, unless the focus says what the ending does ("hand over the recruitment
    pilot")."""
    if phase == "closing":  # (no rehearsal: "Prepare for our last session" is the closing;
        # no event: a closing session looks back, whatever event it names)
        ends = OCCASIONS - {"rehearsal", "event", "decision"}
        return serves if is_focus and goal_kinds(serves) & ends else ""
    return " ".join([serves, *goal_texts])


def suits(segment: SegmentPattern, phase: Phase) -> bool:
    """Whether a segment is written for a session of ``phase``."""
    return bool({phase, "any"} & set(segment.phases))


# A block that reviews the open actions, as the agenda's own item already does ("Carry-over: keep,
# drop or re-date" for a focus "Pick up where we left off …: the incident on the 86", the second
# fresh set, beside "Review open action items").
CARRY_OVER = re.compile(r"^seg-carry-")
# A debrief works only after its visit or day of shadowing, which the pair file must mention.
DEBRIEF = re.compile(r"^seg-shadow-(debrief-|reverse-day)")
VISITED = re.compile(r"\b(shadow\w*|visit(?:ed|s)?|sat in|walk-?round|observed|listened (?:in|to)"
                     r"|spent (?:a|the) (?:day|morning|afternoon|shift)|challenge|half a day)\b",
                     re.I)  # fmt: skip


# Feedback on a meeting the mentor watched needs a meeting the pair file says was watched, or
# the block assumes one (agenda-20).
WATCHED_MEETING = re.compile(r"\b(?:watch\w*|observ\w*|sat in|sit in|sitting in|attend\w*|"
                             r"shadow\w*)\b[^.;]*\b(?:meetings?|huddles?|briefings?|stand-?ups?|"
                             r"retros?\w*|ward rounds?|town halls?|all-hands)\b", re.I)  # fmt: skip
AFTER_A_MEETING = frozenset({"seg-feedback-observed-meeting"})
# … and a briefing before the mentor attends or reads about a leadership meeting needs one the
# pair file names (fresh airline: "Before the leadership meeting" for a goal about whether ramp
# teams listen at briefings, with no meeting of leaders anywhere in the file).
BEFORE_A_MEETING = frozenset({"seg-qa-before-the-leadership-meeting"})
LEADERS_MEET = re.compile(r"\b(?:leadership|board|exec\w*|senior (?:leadership )?team|management "
                          r"team|committee|senate|cabinet|partners?)\b[^.;]*\b(?:meetings?|"
                          r"papers?|agendas?|away-?days?)\b|\b(?:board|committee|senate|cabinet)"
                          r" (?:meets|sits)\b", re.I)  # fmt: skip
# Planning a visit is for a pair that has none planned: "Walk the chilled chamber at 2am with
# Krystyna's team" or "Shadow the night QA shift" is one.
PLAN_A_VISIT = "seg-shadow-plan-the-visit"
VISIT_BOOKED = re.compile(r"^(?:walk|visit|shadow|tour|sit in|spend (?:a|the) (?:day|night|"
                          r"morning|afternoon|shift))\b", re.I)  # fmt: skip


def dry_run(segment: SegmentPattern) -> bool:
    """Whether ``segment`` is written only for the event a rehearsal focus names."""
    return set(segment.fits) == {"rehearsal"}


def can_run(segment: SegmentPattern, profile: PairProfile) -> bool:
    """Whether the pair can run ``segment`` now: a debrief only after what it debriefs (and
    feedback on a watched meeting only after one, a briefing before a leaders' meeting only
    when one is named), a block held during a visit only when the
    focus says this session is the visit, and a dry run of an event only when the focus names
    the event to rehearse."""
    if "visit" in segment.fits:
        return "visit" in goal_kinds(profile.session.focus)
    if CARRY_OVER.match(segment.id):  # the agenda's own review of the open actions does this
        return not profile.open_action_items
    if dry_run(segment):  # (a focus of sentences may name the event beside the thing it
        # rehearses: "Fiona presents the handle-time review to the exec committee on 3 March")
        focus = profile.session.focus
        named = focus if is_long(focus) else focus_topic(focus)
        return "rehearsal" in goal_kinds(focus) and bool(EVENT.search(named))
    said = " ".join([profile.session.focus, *(h.summary for h in profile.history)])
    done = [a.text for a in profile.open_action_items]
    if segment.id == PLAN_A_VISIT and any(VISIT_BOOKED.match(text) for text in done):
        return False  # one is already on the list (fresh supermarket-logistics-01)
    if segment.id in BEFORE_A_MEETING:
        goals = [g.text for g in profile.goals]
        return bool(LEADERS_MEET.search(" ".join([said, *goals, *done])))
    if segment.id in AFTER_A_MEETING:
        return bool(WATCHED_MEETING.search(" ".join([said, *done])))
    if not DEBRIEF.match(segment.id):
        return True
    return bool(VISITED.search(said))
