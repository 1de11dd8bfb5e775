"""Whether a starter template says nothing untrue of the pair it is offered to (one that takes
it that the junior works by day, that messages are the pair's subject, that the junior's manager
minds the time, that a session was moved; a follow-up worded for another kind of task), and
which templates the session's focus asks for."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from coach.domain.action_slots import BRING, action_for
from coach.domain.focus_question import BOUNDS
from coach.domain.library import StarterTemplate
from coach.domain.pair_profile import PairProfile
from coach.domain.starter_slots import subjects

# A template tagged ``days`` takes it that the junior works by day ("When I send messages late
# at night, how do you read that?", put to a night picker: starters-fresh-3 and -6).
DAYS = "days"
NIGHTS = re.compile(r"\bnights?\b|\bnight[- ]shifts?\b", re.I)


# … and one tagged ``messages`` that messages and working hours are the pair's subject: "If I
# sent you a message late at night …" was in 8 of the 16 sets of the second fresh set, and read
# as an invented premise where nothing in the file was about messages (starters-heldout-11).
MESSAGES = "messages"
MESSAGING = re.compile(
    r"messag|e-?mails?\b|whatsapp|slack|\bteams\b|\bchats?\b|"
    r"\b(?:in the|late|at|most|every) evenings?\b|evenings and weekends|"  # not "the evening team"
    r"out of hours|after hours|late at night|working hours|\breply\b",
    re.I,
)


# … and one tagged ``managers`` that the junior's own manager may mind the time the sessions
# take ("How could we make your manager glad you spend time on these sessions …?"), asked in 14
# of 82 sets and read as a stock line (starters-fresh2-1): only for a pair whose file talks
# about a manager, a supervisor, cover or time off the job.
MANAGERS = "managers"
MANAGING = re.compile(
    r"\b(?:line manager|my manager|(?:his|her|their|your) (?:manager|supervisor|boss|team leader)|"
    r"supervisors?|team leaders?|TLs?|boss|cover(?:ed|ing)? for|time off|released? from|"
    r"backfill|off the (?:floor|line|phones|wing|road))\b",
    re.I,
)


# … and a follow-up of a promised task that offers help, by what the task is: one done for or
# with the asker ("show me the shift swap screen", "send me the three listings") is offered help
# with ("Is there anything I can do to make that easier for you?"); one of the other person's
# own ("find out why the notes screen times out") is asked after first ("How did you get on …?").
# starters-fresh2-2's reader: each wording read wrong for the other kind of task.
FOR_ME, OWN_TASK = "for-me", "own-task"
TO_ME = re.compile(r"\b(?:me|my)\b", re.I)


def _task_fits(template: StarterTemplate, profile: PairProfile) -> bool:
    """Whether a ``for-me`` or ``own-task`` follow-up suits the open action it would take."""
    if FOR_ME not in template.tags and OWN_TASK not in template.tags:
        return True
    action = action_for(profile, "their_action", template.asked_by, BRING in template.tags)
    return bool(TO_ME.search(action)) == (FOR_ME in template.tags)


# … and one tagged ``outside`` that its subject is a world outside the junior's own workplace
# ("Which newsletter, podcast or person do you rely on to make sense of {subject}?"): not asked
# of a line operative about why line operatives don't use the suggestion scheme
# (starters-fresh2-2), only where no subject of the set is about people at work.
OUTSIDE = "outside"
LONGEST = 99  # every subject, however long
PEOPLE_AT_WORK = re.compile(
    r"\b(?:staff|colleagues|employees|workers|operatives|operators|technicians|officers|"
    r"apprentices|graduates|new starters|starters|crews?|drivers|nurses|handlers|agents|"
    r"volunteers|juniors|trainees|team|teams|leavers|retention|turnover)\b",
    re.I,
)


# … and one tagged ``cancellations`` that sessions have been moved ("If our sessions keep
# getting moved, should I take it that something isn't working for you …?"): read as an
# invented problem where no session was (starters-fresh2-2 and -3).
CANCELLATIONS = "cancellations"
MOVED = re.compile(r"\b(?:cancell?ed|called off|postponed|moved|rebooked|rescheduled|no[- ]show)\b",
                   re.I)  # fmt: skip


# … and one tagged ``opening`` asks what a pairing asks near its start ("If you started here
# today in a role like mine …", "What from your early working life …"): not in a closing set
# (starters-fresh2-2 and starters-18: "first-session questions in a last session").
OPENING = "opening"
# … and one tagged ``later`` presumes the two have worked together ("What's something about how
# I work … that still doesn't make sense to you?"): not in a first set (starters-fresh2-3)
LATER = "later"


def _said(profile: PairProfile) -> str:
    """Everything the pair file says in its own words: focus, goals, history and open actions."""
    return " ".join([
        profile.session.focus,
        *(g.text for g in profile.goals),
        *(h.summary for h in profile.history),
        *(a.text for a in profile.open_action_items),
    ])  # fmt: skip


def fits_pair(template: StarterTemplate, profile: PairProfile) -> bool:
    """Whether nothing in ``template`` is untrue of the pair: a ``days`` template is not for a
    junior who works nights, a ``messages`` one only for a pair whose file talks about messages
    or working hours, a ``managers`` one only for a pair whose file talks about the junior's
    manager or time off the job, an ``outside`` one only where no subject is about people at
    work, a ``cancellations`` one only where a session was moved, an ``opening`` one not in a
    closing session, a ``later`` one not in a first, and a follow-up only of the kind of task it
    suits (``_task_fits``)."""
    junior = f"{profile.mentor.role} {profile.mentor.department}"
    if DAYS in template.tags and NIGHTS.search(junior):
        return False
    if MESSAGES in template.tags and not MESSAGING.search(_said(profile)):
        return False
    if not _task_fits(template, profile):
        return False
    if CANCELLATIONS in template.tags and not MOVED.search(_said(profile)):
        return False
    if OPENING in template.tags and profile.phase == "closing":
        return False
    if LATER in template.tags and profile.phase == "first":
        return False
    if OUTSIDE in template.tags and any(
        PEOPLE_AT_WORK.search(s) for s in subjects(profile, LONGEST)
    ):
        return False
    return not (MANAGERS in template.tags and not MANAGING.search(_said(profile)))


# What a focus asks the set to cover, as the library's tags: a first session's focus that asks to
# agree what stays between the two ("agree what is in and out of bounds before anything else")
# got no line on confidentiality (starters-fresh2-2).
# (the boundaries a first focus asks for are ``focus_question.BOUNDS``, which its agenda asks)
KEPT_HERE = re.compile(r"\b(?:confiden\w*|between us|off the record|getting back to)\b", re.I)
FOCUS_TAGS = ((BOUNDS, frozenset({"confidentiality"})), (KEPT_HERE, frozenset({"confidentiality"})))
FOCUS_TAG_BONUS = 0.3  # as much as a ``{focus}`` slot (``starter_choice.FOCUS_BONUS``)


def with_focus_tags(
    relevance: Mapping[str, float], templates: Iterable[StarterTemplate], profile: PairProfile
) -> dict[str, float]:
    """``relevance`` with ``FOCUS_TAG_BONUS`` added for the most relevant template of this
    phase tagged with what the session's focus asks to cover (``FOCUS_TAGS``)."""
    focus = " ".join(profile.session.focus.split())
    wanted = frozenset().union(*(tags for rule, tags in FOCUS_TAGS if rule.search(focus)))
    boosted = dict(relevance)
    tagged = [t for t in templates if wanted & set(t.tags) and t.phase in (profile.phase, "any")]
    if tagged:  # one line on it: two or three read like a form (starters-fresh2-2's next run)
        best = max(tagged, key=lambda t: relevance.get(t.id, 0.0))
        boosted[best.id] = boosted.get(best.id, 0.0) + FOCUS_TAG_BONUS
    return boosted
