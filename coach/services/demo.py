"""Load the demo program through the services, as its people would have used them.

A movable clock dates each step (sessions, reflections, summaries) on the day it happened,
so pair health, cadence and stalls look real on the day the demo is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from coach.domain.users import Role, User
from coach.services import demo_content as content
from coach.services.access import OPERATOR
from coach.services.errors import UserError
from coach.services.outcomes import OutcomeService
from coach.services.pairs import PairService
from coach.services.passwords import Passwords, random_password
from coach.services.plans import PlanService
from coach.services.programs import ProgramService
from coach.services.pulse import PulseService
from coach.services.reflections import ReflectionService
from coach.services.sessions import SessionService
from coach.services.summaries import SummaryService
from coach.services.users import UserService
from coach.store.api import Store

PROVENANCE = {"prompt_id": "summarize_reflections", "prompt_version": "1", "model": "demo"}


def email(username: str) -> str:
    """A demo address on example.org (reserved for examples: no real mailbox behind it)."""
    return f"{username}@example.org"


class MovableClock:
    """A clock the loader sets to each step's moment."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class DemoReport:
    """What was loaded, and the one password every demo account shares."""

    program: str
    password: str
    users: tuple[tuple[str, str, str], ...]  # username, role, display name
    pairs: int


class DemoLoader:
    """Build the demo in an empty store."""

    def __init__(self, store: Store, passwords: Passwords, today: date | None = None) -> None:
        self.store = store
        self.today = today or datetime.now(UTC).date()
        self.clock = MovableClock(self.at(0))
        self.users = UserService(store, passwords, self.clock)
        self.programs = ProgramService(store, self.clock)
        self.pairs = PairService(store, self.clock)
        self.plans = PlanService(store, self.clock)
        self.sessions = SessionService(store, self.clock)
        self.reflections = ReflectionService(store, self.clock)
        self.summaries = SummaryService(store, self.clock)
        self.pulse = PulseService(store, self.clock)
        self.outcomes = OutcomeService(store, self.clock)

    def at(self, day: int, hour: int = 10) -> datetime:
        return datetime.combine(self.today + timedelta(days=day), time(hour), tzinfo=UTC)

    def load(self, password: str | None = None) -> DemoReport:
        if not self.store.is_empty():
            raise UserError("the database is not empty: load the demo into a fresh data dir")
        password = password or random_password()
        spec = content.PROGRAM
        self.clock.now = self.at(spec["start_day"] - 14)
        people = [(*content.ADMIN, Role.ADMIN), (*content.LEAD, Role.LEAD)]
        for pair in content.PAIRS:
            people += [(*pair[side][:2], Role.PARTICIPANT) for side in ("mentor", "mentee")]
        accounts = {
            username: self.users.add(OPERATOR, username, role, password, name, email(username))
            for username, name, role in people
        }
        program = self.programs.add(
            OPERATOR, spec["name"], self.at(spec["start_day"]).date(),
            self.at(spec["end_day"]).date(), spec["objectives"], spec["cadence_days"],
            spec["session_minutes"],
        )  # fmt: skip
        pairs = {pair["mentor"][0]: self._pair(program.id, pair, accounts)
                 for pair in content.PAIRS}  # fmt: skip
        self._assessments(spec, pairs, accounts)
        users = tuple((u.username, u.role.value, u.display_name) for u in accounts.values())
        return DemoReport(program.name, password, users, len(content.PAIRS))

    def _pair(self, program_id: str, spec: dict, accounts: dict[str, User]) -> str:
        self.clock.now = self.at(spec.get("matched", content.PROGRAM["start_day"] - 7))
        side = {s: accounts[spec[s][0]] for s in ("mentor", "mentee")}
        card = self.pairs.add(
            OPERATOR, side["mentor"].id, side["mentee"].id, program_id, spec["mentor"][2],
            spec["mentee"][2],
        )  # fmt: skip
        pair_id = card.pair.id
        first = spec["held"][0] if spec["held"] else content.PROGRAM["start_day"]
        sessions = []
        for day in spec["held"]:
            self.clock.now = self.at(day - 7)
            session = self.sessions.schedule(side["mentee"], pair_id, self.at(day, 15))
            self.clock.now = self.at(day, 16)
            sessions.append(self.sessions.mark(side["mentor"], session.id, "held"))
        if spec["planned"] is not None:
            self.clock.now = self.at(-1)
            self.sessions.schedule(side["mentor"], pair_id, self.at(spec["planned"], 15))
        self.clock.now = self.at(first, 17)
        for owner, text, criteria, progress, status in spec["goals"]:
            goal = self.plans.add_goal(side[owner], pair_id, text, criteria, self.at(60).date())
            self.clock.now = self.at(-3)
            self.plans.update_goal(side[owner], goal.id, progress, status)
            self.clock.now = self.at(first, 17)
        for owner, text, due, status in spec["actions"]:
            self.clock.now = self.at(min(due, 0) - 14, 17)
            item = self.plans.add_action(side[owner], pair_id, text, due_date=self.at(due).date())
            if status != "open":
                self.clock.now = self.at(min(due, 0), 12)
                self.plans.set_action_status(side[owner], item.id, status)
        for author, number, text in spec["reflections"]:
            self.clock.now = sessions[number].scheduled_at + timedelta(hours=3)
            self.reflections.write(side[author], pair_id, text, sessions[number].id)
        for author, number, text, revisions, state in spec["summaries"]:
            self.clock.now = sessions[number].scheduled_at + timedelta(days=1)
            self._summary(side[author], pair_id, sessions[number].id, text, revisions, state)
        if spec["fit"] is not None:
            self.clock.now = self.at(first + 2, 9)
            mentor_answer, mentee_answer, reason = spec["fit"]
            self.sessions.answer_fit(side["mentor"], pair_id, mentor_answer)
            self.sessions.answer_fit(side["mentee"], pair_id, mentee_answer, reason)
        self._pulses(content.PULSES.get(side["mentor"].username), side, sessions)
        return pair_id

    def _pulses(self, spec: dict | None, side: dict[str, User], sessions: list) -> None:
        """Both sides' pulse two hours after each held session, rising as the pair settles."""
        if spec is None:
            return
        notes = {(who, number): text for who, number, text in spec["notes"]}
        for number, session in enumerate(sessions):
            self.clock.now = session.scheduled_at + timedelta(hours=2)
            for who in ("mentor", "mentee"):
                if who == "mentor" and spec.get("skip_last") and number == len(sessions) - 1:
                    continue
                scores = [min(5, round(s + spec["rise"] * number)) for s in spec[who]]
                self.pulse.answer(side[who], session.id, scores, notes.get((who, number), ""))

    def _assessments(self, spec: dict, pairs: dict[str, str], accounts: dict[str, User]) -> None:
        """Self-assessments at the program's start and at its midpoint."""
        for moment, day in ((0, spec["start_day"] + 3), (1, -5)):
            self.clock.now = self.at(day, 9)
            for pair in content.PAIRS:
                answers = content.ASSESSMENTS.get(pair["mentor"][0], {})
                for who, scores in answers.items():
                    if scores[moment] is not None:
                        person = accounts[pair[who][0]]
                        self.outcomes.answer(person, pairs[pair["mentor"][0]], scores[moment])

    def _summary(
        self, author: User, pair_id: str, session_id: str, text: str, revisions, state: str
    ) -> None:
        summary = self.summaries.draft(author, pair_id, text, session_id, **PROVENANCE)
        for revision in revisions:
            self.clock.now += timedelta(minutes=20)
            summary = self.summaries.revise(author, summary.id, revision)
        for step in ("approved", "shared_partner", "shared_program"):
            if summary.state.value == state:
                break
            self.clock.now += timedelta(minutes=5)
            summary = self.summaries.move(author, summary.id, step)
