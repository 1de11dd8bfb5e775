"""Action items of a reflection found by rules: who owns each and when it is due.

An action is a commitment stated in one clause:
- a list line ("Me: send …", "To do — me: …", "Ivan to find …", a bullet under "Actions:");
- a future with a subject ("Niall will chase …", "I'm going to …", "will add …" with the
  subject dropped), or a present-tense plan with a deadline ("I send the order on Monday");
- a promise or need ("promised it by …", "I've said I'll …", "he said he'd …", "I need to …"),
  an offer, or a request the author accepted ("asked me to …; I said I would").
A hedge ("might", "maybe", "try to", "think about", "if they agree", a vague quoted promise
such as "take it away") or something already done ("as I'd promised") is not one.

The owner is the clause's subject, read against the pair: the author's "I", the partner's
name or pronoun (or their office, EA or assistant), "we"/"both"/"X and I" for both. The due
date is taken from the action's own clause only (``coach.domain.due_dates``).
"""

from __future__ import annotations

import re

from coach.domain.action_phrases import (
    ACCEPTED,
    ASKED_BY_ME,
    CONFIRM,
    FUTURE,
    HEADING,
    HEADING_ONLY,
    HEDGE,
    LABEL,
    MAY,
    MINE,
    NEED,
    NOT_COMMITMENT,
    OFFER,
    OWN_OFFER,
    OWNER_LINE,
    PARTNER_PROXY,
    PASSIVE,
    PROMISE,
    REQUEST,
    REQUESTED,
    SAID,
    SENT_FROM,
    SENTENCE_HEDGE,
    SUBJECTLESS,
    TABLE_ROW,
    THOUGH,
    TWO_OF_US,
    YES,
)
from coach.domain.action_wording import action_wording, as_author
from coach.domain.clauses import BULLET_MARKS, Clause, clauses, split_at_dues
from coach.domain.due_dates import DUE, due_of
from coach.domain.found_action import FoundAction, withdrawn
from coach.domain.pair_owners import first_initials, owner_of, pair_names
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side

LEAD = r"^(?:(?:next|also|and|then|so|(?:it was|we) agreed that|that)[:,]?\s+)*"
FUTURE_START = re.compile(
    rf"{LEAD}(?P<subject>{PARTNER_PROXY}|{TWO_OF_US}|(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?"
    rf"(?-i:[A-Z][a-z]+ (?=[A-Z][a-z]+ ))?[A-Za-z]+(?: and [A-Z][a-z]+)?)"
    rf"(?:(?:'s|'m|'re|’s)\s+|\s+(?:is |are |am )?|(?=['’]))"
    rf"(?:(?:also|still|then)\s+)?{FUTURE}\s+(?:also\s+)?[a-z]",
    re.I,
)
SUBJECT = re.compile(rf"{LEAD}(?P<subject>{PARTNER_PROXY}|[A-Za-z]+)(?:'s|'ll|'d|'ve)?\b", re.I)
DOING = re.compile(
    rf"{LEAD}(?P<subject>{PARTNER_PROXY}|[A-Za-z]+)(?:'s|'re|'m| is| are| am) [a-z-]+ing\b", re.I
)
PAST = (
    r"(?:\w+ed|\w+ly|seem|seems|has|wants|says|thinks|likes|needs|knows|feels|is|are|was|met|went|said|told|did|had|was|were|got|took|made|saw|came|gave|sent|spent|"
    r"thought|felt|found|brought|bought|left|put|ran|wrote|spoke|heard|knew|kept|read|let)"
)
PLAN_SUBJECT = r"(?:I|we both|both|he|she|[A-Z][a-z]+ and I|{names})"
AGREED_THAT = re.compile(r"^\W*(?:we|it was) agreed that\b", re.I)
WHAT = re.compile(r"\b(?:what|how|whether|which|why|where)\b", re.I)
WANTS = re.compile(rf"{LEAD}(?P<subject>{PARTNER_PROXY}|[A-Za-z]+) wants? to [a-z]+", re.I)
PLAN = rf"{LEAD}(?P<subject>{PLAN_SUBJECT})\s+(?!{PAST}\b)(?![a-z]+ing\b)[a-z]+s?\s"


def _said_action(text: str) -> bool:
    said = SAID.search(text)
    return bool(said) and not re.match(
        r"(never|been|had|\w+ed|love|like|prefer|rather|hate|wish|hope|want)$",
        said.group("next"),
        re.I,
    )


def _is_action(text: str, sentence: str, plan: re.Pattern[str], headed: bool = False) -> bool:
    """Whether one clause (without its heading) states a commitment; ``headed``: it came
    under a heading such as "Next:" or "Actions:"."""
    # a modal inside what is to be done hedges nothing: "Aisha will sketch what a label could
    # look like" (r006)
    main = WHAT.split(text, 1)[0] if FUTURE_START.match(text) else text
    if text.rstrip(" \"'”").endswith("?") or HEDGE.search(main) or MAY.search(main):
        return False
    if NEED.search(text) and SENTENCE_HEDGE.search(sentence):
        return False
    if LABEL.match(text) or PROMISE.search(text) or SUBJECTLESS.match(text) or PASSIVE.search(text):
        return True
    if SENT_FROM.search(text):
        return True
    if REQUEST.search(text):
        return bool(ACCEPTED.search(text))
    doing = DOING.match(text)
    if doing and (due_of(text) or headed) and doing.group("subject").lower() != "we":
        return True  # "he's extending it to Ward 8" under "Next:" (r004)
    if WANTS.match(text) and due_of(text):  # "He wants to see it himself on Thursday." (r004)
        return True
    if (plan.match(text) or AGREED_THAT.match(text)) and due_of(text):
        return True
    return bool(FUTURE_START.match(text)) or _said_action(text)


def _owner(clause: str, author: str, names: dict[str, str], plan: re.Pattern[str]) -> str:
    label = LABEL.match(clause)
    if label:
        who = re.sub(r"^(?:action|task)s? for |\(.*\)", "", label.group("who"), flags=re.I)
        return owner_of(who, author, names)
    if re.search(
        r"\b(asked me to|wants me to|I said I would|I said I'?d|I'?ve said)\b", clause, re.I
    ):
        return author
    said = SAID.search(clause)
    if said:
        return owner_of(said.group("who"), author, names)
    if passive := PASSIVE.search(clause) or SENT_FROM.search(clause):
        who = passive.group("who")
        who = re.sub(r"\bme\b", "I", re.sub(r"\bus\b", "we", who, flags=re.I), flags=re.I)
        return owner_of(who, author, names)
    if SUBJECTLESS.match(clause):
        return author
    subject = FUTURE_START.match(clause) or DOING.match(clause) or plan.match(clause)
    if subject:  # a named subject decides, a third party ("Tom will send me …") included
        return owner_of(subject.group("subject"), author, names)
    subject = SUBJECT.match(clause)
    if subject:
        found = owner_of(subject.group("subject"), author, names)
        if found != "unknown":
            return found
    if SUBJECTLESS.match(clause) or re.search(r"\b(I|I'm|I'll|me|my|myself)\b", clause, re.I):
        return author
    if AGREED_THAT.match(clause):  # "We agreed that the Line 3 issues move …" (h112)
        return "both"
    return "unknown"


LEADING_DUE = re.compile(rf"^(?:{DUE.pattern})\s*,\s*", re.I)
SAID_IT = re.compile(r"^\W*(?:he|she|they|[A-Z][a-z]+) (?:asked|said|offered|wondered)\W*$")


BULLETS = frozenset(BULLET_MARKS) | {"->"}


def _bullet(reflection: str, clause: Clause) -> bool:
    line_start = reflection.rfind("\n", 0, clause.start) + 1
    return reflection[line_start : clause.start].strip() in BULLETS


class _Reader:
    """Walks the clauses in order, keeping what a clause needs from those before it."""

    def __init__(self, reflection: str, profile: PairProfile, author: str) -> None:
        self.reflection = reflection
        self.author = author
        self.names = pair_names(profile)
        self.found: list[FoundAction] = []
        self.previous_owner = ""
        self.request: Clause | None = None
        self.in_list = False
        self.owner_next = ""  # an owner named alone ("Owner: me."), for the clause after it
        self.heading = False  # the clause before was a heading on its own
        self.who_column = True  # the last table header named who does each row
        # a "Shall I …?" (or the author's "Want me to …?") not yet answered, with its owner
        self.offered: tuple[Clause, str, str] | None = None
        words = "|".join(re.escape(n) for n in self.names)
        proxy = r"(?:'s (?:office|EA|PA|assistant|team|secretary))?"  # "HJ's office to …"
        self.name_to = re.compile(
            rf"^(?P<who>me|{TWO_OF_US}|(?:{words}){proxy})\s+to\s+[a-z]", re.I,
        )  # fmt: skip
        # "niall: ring …", "both of us: go through …", "Isabella and Michael together: …"
        self.name_label = re.compile(
            rf"^(?P<who>(?:{words})(?: and (?:{words}|me))?(?: together)?|{TWO_OF_US})"
            rf"\s*(?::|–|—)\s+(?=[a-z])", re.I,
        )  # fmt: skip
        partner = "|".join(re.escape(n) for n, side in self.names.items()
                           if side == Side(author).other.value)  # fmt: skip
        # "I'm co-presenting it with Brian on the 28th" (h104): the author's, done together
        self.together = re.compile(rf"\bco-[a-z]+ing\b.*\bwith (?:{partner})\b(?!['’]s)", re.I)
        # a list line that names its owner last: "handover shadow, the 29th, me" (h100)
        self.owner_last = re.compile(
            rf"^(?P<rest>.+?)(?:,|\s[–—-]|\s?→)\s*(?:on )?(?P<who>me|both(?: of us)?|{words})"
            rf"\s*(?:,\s*(?P<due>[^,]+?))?\W*$", re.I,
        )  # fmt: skip
        # … or marks it: "ask facilities about hot food, by the 20th (N)" (h139), an initial
        self.initials = first_initials(self.names)
        self.owner_mark = re.compile(rf"^(?P<rest>.+?)\s*\((?P<who>me|both|{words}|\w)\)\W*$", re.I)
        capitalised = "|".join(re.escape(n.title()) for n in self.names)
        self.plan = re.compile(PLAN.replace("{names}", capitalised))

    def add(self, clause: Clause, text: str, owner: str) -> None:
        due = due_of(text) or due_of(clause.text)
        self.found.append(FoundAction(clause, action_wording(text, due), owner, due))
        self.previous_owner = owner

    def offer(self, clause: Clause, text: str) -> bool:
        """ "Shall I send you the slides?" (or a quoted "Want me to …?") and the author's "yes
        please": the partner's action; the author's own offer and the partner's yes: the
        author's. Due when the answer or the question says."""
        partner = Side(self.author).other.value
        own = OWN_OFFER.match(text)
        if own and YES.search(text[own.end() :]):  # the author offered, the partner said yes
            self.add(clause, own.group("task"), self.author)
            return True
        if own:
            self.offered = (clause, own.group("task"), self.author)
            return True
        asked = OFFER.search(text)
        if asked and ASKED_BY_ME.search(text[: asked.start()]):  # 'I asked, "Shall I …?"'
            owner, task = self.author, asked.group("task")
        elif asked:
            owner, task = partner, as_author(asked.group("task"))
        if asked and YES.search(text[asked.end() :]):
            self.add(clause, task, owner)
            return True
        if asked:
            self.offered = (clause, task, owner)
            return True
        pending, self.offered = self.offered, None
        if pending and SAID_IT.match(text):  # '"Shall I …?" he asked, and I said yes'
            self.offered = pending
            return True
        if pending and YES.match(text):
            asked_in, task, owner = pending
            start = asked_in.start
            both = Clause(start, clause.end, self.reflection[start : clause.end], clause.sentence)
            due = due_of(text) or due_of(task)
            self.found.append(FoundAction(both, action_wording(task, due), owner, due))
            return True
        return False

    def labelled(self, clause: Clause, text: str) -> bool:
        """ "Owner: Janet. Letter to every TA …" and a table row "task | who | when": the
        owner is named in its own place."""
        row = TABLE_ROW.match(text)
        if row and re.match(r"^\W*(?:what|task|action|item|topic)s?\W*$", row.group("rest"), re.I):
            # its header: a table without a "Who" column is no task list (h173's "Item |
            # Where we got to | Next"); one with it is
            self.who_column = re.match(r"^\W*(?:who|owner)\W*$", row.group("who"), re.I) is not None
            return True
        if row and (
            not self.who_column or re.search(r"\bnot (?:yet )?agreed\b", row.group("due"), re.I)
        ):
            return True  # "| … | Karen's chief of staff | not agreed yet |" (h148)
        if row:
            owner = owner_of(row.group("who"), self.author, self.names)
            if owner != "unknown":
                when = row.group("due").strip(" .")
                due = due_of(when) or ("" if re.match(r"^(?:-|–|tbc|tbd|n/a)?$", when, re.I)
                                       else when)  # fmt: skip
                self.found.append(
                    FoundAction(clause, action_wording(row.group("rest"), ""), owner, due)
                )
                self.previous_owner = owner
            return True
        named, self.owner_next = self.owner_next, ""
        if named and not HEDGE.search(text):  # the task after "Owner: me."
            self.add(clause, text, named)
            return True
        line = OWNER_LINE.match(text)
        if line is None or HEDGE.search(text):
            return False
        owner = owner_of(line.group("who"), self.author, self.names)
        if line.group("rest") is None:
            self.owner_next = owner if owner != "unknown" else ""
        else:
            self.add(clause, line.group("rest"), owner)
        return True

    def label_ok(self, text: str) -> bool:
        """A "Name, do …" label only names one of the pair (or "me"); "William, surprisingly,
        loved it" is no list line."""
        label = LABEL.match(text)
        if label is None or not text[len(label.group("who")) :].lstrip().startswith(","):
            return True
        return label.group("who").lower() in {*self.names, "me"}

    def read(self, clause: Clause) -> None:
        text = clause.text
        if HEADING_ONLY.match(text):  # a heading cut off as its own clause ("Next: he's …")
            self.in_list = self.heading = True
            return
        bullet = _bullet(self.reflection, clause)
        if not bullet and clause.start == clause.sentence.start:
            self.in_list = False
        headed, self.heading = HEADING.match(text) is not None or self.heading, False
        text = LEADING_DUE.sub("", HEADING.sub("", text))
        text = THOUGH.sub("", text) or text
        if NOT_COMMITMENT.search(clause.sentence.text):
            return
        if self.offer(clause, text):
            return
        bare = text.replace(due_of(text), "") if self.request else text  # "… that tomorrow."
        if CONFIRM.match(bare or text):  # "I said I would, before …": accepts the request before it
            if self.request is not None:
                start = self.request.start
                both = Clause(start, clause.end, self.reflection[start : clause.end],
                              self.request.sentence)  # fmt: skip
                asked = REQUESTED.search(self.request.text)  # the task, not the whole request
                self.add(both, asked.group("task") if asked else f"{self.request.text} {text}",
                         self.author)  # fmt: skip
            self.request = None
            return
        if REQUEST.search(text) and not ACCEPTED.search(text):
            self.request = clause
        elif self.request is not None and self.request.sentence.start != clause.sentence.start:
            self.request = None  # "…, so he can read them properly, so I'll do that" (h171)
        if MINE.match(text) and not HEDGE.search(text):
            self.add(clause, MINE.sub("", text), self.author)
            return
        if (named := self.name_label.match(text)) is not None and not HEDGE.search(text):
            who = named.group("who").lower().replace(" together", "")
            self.add(clause, text[named.end() :], owner_of(who, self.author, self.names))
            return
        if (to := self.name_to.match(text)) is not None:
            self.add(clause, text, owner_of(to.group("who"), self.author, self.names))
            return
        if self.labelled(clause, text):
            return
        last = self.owner_last.match(text) if bullet and not HEDGE.search(text) else None
        if last and (not last.group("due") or due_of(last.group("due"))):
            task = last.group("rest") + (f", {last.group('due')}" if last.group("due") else "")
            self.add(clause, task, owner_of(last.group("who"), self.author, self.names))
            return
        mark = self.owner_mark.match(text) if bullet and not HEDGE.search(text) else None
        who = mark and (self.initials.get(mark.group("who").lower())
                        or owner_of(mark.group("who"), self.author, self.names))  # fmt: skip
        if mark and who != "unknown":
            self.add(clause, mark.group("rest"), who)
            return
        listed = self.in_list and bullet and re.match(r"^[a-z]", text) and not HEDGE.search(text)
        if not self.label_ok(text):
            self.previous_owner = ""
            return
        if clause.continued and self.previous_owner and not HEDGE.search(text):
            self.add(clause, text, self.previous_owner)
            return
        if not listed and not _is_action(text, clause.sentence.text, self.plan, headed):
            self.previous_owner = ""
            return
        owner = _owner(text, self.author, self.names, self.plan)
        if listed and owner == "unknown":
            owner = self.author
        if owner == self.author and self.together.search(text):
            owner = "both"
        if owner == "unknown" and re.match(r"^[a-z]", text) and self.previous_owner:
            owner = self.previous_owner  # "… starting monday and draft a form before …"
        if owner != "unknown":
            self.add(clause, text, owner)


def find_actions(reflection: str, profile: PairProfile, author: str) -> list[FoundAction]:
    """Every action the reflection states, in order."""
    reader = _Reader(reflection, profile, author)
    pieces = [p for c in clauses(reflection, [n.title() for n in reader.names])
              for p in split_at_dues(c)]  # fmt: skip
    for piece in pieces:
        reader.read(piece)
    texts = {p.sentence.number: p.sentence.text for p in pieces}
    found = [a for a in reader.found if not withdrawn(a, author, reflection, texts)]
    return [_with_later_due(a, pieces, reflection) for a in found]


# The clause after an action that gives its deadline: "…, so her team knows them, by next
# wednesday" (h043), "…; she reckons she can do that over the next two weeks" (h057).
LATER_DUE = re.compile(r"^\W*(?:so|so that)\b|\b(?:do|finish|have) (?:that|it|this)\b", re.I)


def _with_later_due(action: FoundAction, pieces: list[Clause], reflection: str) -> FoundAction:
    """``action`` with the deadline of the clause after it in its sentence, when it has none of
    its own and that clause only completes it (a purpose, or "do that by …")."""
    after = [p for p in pieces if p.sentence == action.clause.sentence
             and p.start >= action.clause.end]  # fmt: skip
    if action.due or not after:
        return action
    nxt = after[0]
    joined = reflection[action.clause.end : nxt.end]
    due = DUE.search(nxt.text)
    if due is None or not LATER_DUE.search(joined) or FUTURE_START.match(nxt.text):
        return action
    return FoundAction(action.clause, action.text, action.owner, due.group(0).rstrip(" .,;!"))


def clause_owner(text: str, reflection: str, profile: PairProfile, author: str) -> str:
    """Who owns the action ``text`` states, read as the rules read a clause's subject."""
    reader = _Reader(reflection, profile, author)
    return _owner(text, author, reader.names, reader.plan)
