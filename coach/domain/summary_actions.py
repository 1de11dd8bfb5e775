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

from coach.domain.action_clause import (
    DOING,
    FUTURE_START,
    PLAN,
    clause_subject_owner,
    is_action,
)
from coach.domain.action_phrases import (
    ACCEPTED,
    ASKED_BY_ME,
    CONFIRM,
    HEADING,
    HEADING_ONLY,
    HEDGE,
    JOKE,
    LABEL,
    LIST_OWNER,
    MINE,
    NOT_COMMITMENT,
    OFFER,
    OWN_OFFER,
    OWNER_LINE,
    REQUEST,
    REQUESTED,
    TABLE_ROW,
    THOUGH,
    TWO_OF_US,
    YES,
)
from coach.domain.action_tail import completed, due_alone, points_back, with_later_due
from coach.domain.action_wording import action_wording, as_author
from coach.domain.clauses import BULLET_MARKS, Clause, clauses, split_at_dues
from coach.domain.due_dates import DUE, due_of, without_due
from coach.domain.found_action import FoundAction, withdrawn
from coach.domain.pair_owners import first_initials, owner_of, pair_names
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side
from coach.domain.task_table import Columns, agreed, header

# "Before Friday, I'll …", "Before our next session he's going to read …" (h197)
LEADING_DUE = re.compile(
    rf"^(?:{DUE.pattern})(?:\s*,\s*|\s+(?=(?:he|she|I|we|they|(?-i:[A-Z][\w'’-]+))['’ ]))", re.I
)
# "next session: Y to role-play …" (h198): when, as a label, before whose the line is
NEXT_LABEL = re.compile(r"^(?:for )?(?:the )?next (?:session|time|meeting|call)\s*:\s*", re.I)
SAID_IT = re.compile(r"^\W*(?:he|she|they|[A-Z][a-z]+) (?:asked|said|offered|wondered)\W*$")
# Who said a line: "Susan: …".
SAID_BY = re.compile(r"^\s*[A-Z][\w'’ .-]{0,30}:\s+")
# A spoken false start that the clause begins again: "Tomás is, er, he's going to pull …".
FALSE_START = re.compile(
    r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)? (?:is|was|will|has),? (?:er|erm|um|uh),\s+"
)


BULLETS = frozenset(BULLET_MARKS) | {"->"}


def _bullet(reflection: str, clause: Clause) -> bool:
    line_start = reflection.rfind("\n", 0, clause.start) + 1
    return reflection[line_start : clause.start].strip() in BULLETS


BY_DUE = re.compile(r"(?:by|before)\b", re.I)  # a deadline, not when an event is


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
        self.columns = Columns()  # the last task table's columns
        # a "Shall I …?" (or the author's "Want me to …?") not yet answered, with its owner
        self.offered: tuple[Clause, str, str] | None = None
        self.list_owner = ""  # whose the list is, as its heading says ("What she's agreed:")
        # initials written with full stops too: "A.Y. to check …" (h211)
        words = "|".join(
            [re.escape(n) for n in self.names]
            + [r"\.".join(n) + r"\.?" for n in self.names if len(n) == 2]
        )
        proxy = r"(?:'s (?:office|EA|PA|assistant|team|secretary))?"  # "HJ's office to …"
        self.initials = first_initials(self.names)
        # … and a first name's initial alone, capitalised: "Y to role-play …" (h198)
        letters = "".join(sorted(k.upper() for k in self.initials)) or "_"
        self.name_to = re.compile(
            rf"^(?P<who>me|{TWO_OF_US}|(?:{words}){proxy}|(?-i:[{letters}]))\s+to\s+[a-z]", re.I,
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
        self.owner_mark = re.compile(rf"^(?P<rest>.+?)\s*\((?P<who>me|both|{words}|\w)\)\W*$", re.I)
        capitalised = "|".join(re.escape(n.title()) for n in self.names)
        # a line naming only who: "Me." or "Me, this week." after a task (h204)
        self.owner_alone = re.compile(
            rf"^\W*(?P<who>me|both(?: of us)?|{words})\W*(?:[,–—-]\s*(?P<due>.+?))?\W*$", re.I
        )
        # a first initial as a label: "Y: send me the article …" (h198)
        self.initial_label = re.compile(r"^(?P<who>[A-Z])\s*:\s+(?=[a-z])")
        self.plan = re.compile(PLAN.replace("{names}", capitalised))

    def add(self, clause: Clause, text: str, owner: str) -> None:
        due = due_of(text) or due_of(clause.text)
        if due_alone(SAID_BY.sub("", text)):  # 'Susan: "first week of January, promise"'
            return  # a date and nothing done
        last = self.found[-1] if self.found else None
        if last is not None and points_back(last, clause, without_due(text, due) or text, owner):
            if due and not last.due:  # the same task again, with its deadline (h184)
                self.found[-1] = FoundAction(last.clause, action_wording(last.text, due), owner,
                                             due)  # fmt: skip
            return
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
        cells = [row.group("rest"), row.group("who"), row.group("due")] if row else []
        if row and (columns := header(cells)) is not None:
            self.columns = columns
            return True
        if row:
            task, who, when = self.columns.pick(cells)
            owner = owner_of(who, self.author, self.names)
            if self.columns.listed and agreed(when) and owner != "unknown":
                when = when.strip(" .")
                due = due_of(when) or ("" if re.match(r"^(?:-|–|tbc|tbd|n/a)?$", when, re.I)
                                       else when)  # fmt: skip
                self.found.append(FoundAction(clause, action_wording(task, ""), owner, due))
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

    def completes(self, clause: Clause, text: str) -> bool:
        """Whether ``text`` only names the owner ("Me.") or the deadline ("By 10 January.") of
        the action in the sentence before it, which it then completes."""
        if not self.found or clause.start != clause.sentence.start:
            return False
        alone = self.owner_alone.match(text)
        if alone is not None and (alone.group("due") or text.rstrip().endswith(".")):
            due = due_alone(alone.group("due") or "")
            if alone.group("due") and not due:
                return False
            owner = owner_of(alone.group("who"), self.author, self.names)
        else:
            owner, due = "", due_alone(text, after_action=True)
        done = completed(self.found[-1], clause, owner, due) if owner or due else None
        if done is not None:
            self.found[-1] = done
        return done is not None

    def heads_list(self, clause: Clause) -> bool:
        """Whether ``clause`` belongs to a heading that says whose the list under it is."""
        heads = LIST_OWNER.match(clause.sentence.text)
        owner = owner_of(heads.group("who"), self.author, self.names) if heads else "unknown"
        if owner != "unknown" and clause.start == clause.sentence.start:
            self.in_list = self.heading = True
            self.list_owner = self.owner_next = owner
        return owner != "unknown"

    def read(self, clause: Clause) -> None:
        text = clause.text
        if HEADING_ONLY.match(text):  # a heading cut off as its own clause ("Next: he's …")
            self.in_list = self.heading = True
            return
        if self.heads_list(clause) or self.completes(clause, text):
            return
        bullet = _bullet(self.reflection, clause)
        if not bullet and clause.start == clause.sentence.start:
            self.in_list, self.list_owner = False, ""
        headed, self.heading = HEADING.match(text) is not None or self.heading, False
        text = LEADING_DUE.sub("", NEXT_LABEL.sub("", HEADING.sub("", text)))
        text = THOUGH.sub("", text) or text
        text = FALSE_START.sub("", text) or text  # "Tomás is, er, he's going to …" (h184)
        if NOT_COMMITMENT.search(clause.sentence.text) or JOKE.search(clause.text):
            return
        if self.offer(clause, text):
            return
        bare = without_due(text, due_of(text)) if self.request else text  # "… that tomorrow."
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
        asked = REQUESTED.search(text)  # a task set with a deadline: "… to her by half term"
        if asked and BY_DUE.match(due_of(asked.group("task"))) and not HEDGE.search(text):
            self.add(clause, asked.group("task"), self.author)  # not "to speak … in March" (h018)
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
        initial = self.initial_label.match(text)
        side = self.initials.get(initial.group("who").lower(), "") if initial else ""
        if side and not HEDGE.search(text):
            self.add(clause, text[initial.end() :], side)
            return
        if (to := self.name_to.match(text)) is not None:
            who = to.group("who")
            side = self.initials.get(who.lower()) if len(who) == 1 else None
            self.add(clause, text, side or owner_of(who, self.author, self.names))
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
        if not listed and not is_action(text, clause.sentence.text, self.plan, headed):
            self.previous_owner = ""
            return
        owner = clause_subject_owner(text, self.author, self.names, self.plan)
        if listed and self.list_owner and not (FUTURE_START.match(text) or DOING.match(text)):
            owner = self.list_owner  # "ask Priya to send me …" under "What he committed to:"
        elif listed and owner == "unknown":
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
    return [with_later_due(a, pieces, reflection, FUTURE_START) for a in found]


def clause_owner(text: str, reflection: str, profile: PairProfile, author: str) -> str:
    """Who owns the action ``text`` states, read as the rules read a clause's subject."""
    reader = _Reader(reflection, profile, author)
    return clause_subject_owner(text, author, reader.names, reader.plan)
