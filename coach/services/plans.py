"""A pair's plan: goals and action items. Members only; every read is audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coach.domain.actions import ActionItem, ActionStatus, carried_over
from coach.domain.audit import AuditAction
from coach.domain.common import check, clean_text, new_id
from coach.domain.goals import Goal, GoalStatus
from coach.domain.pairs import Pair
from coach.domain.sessions import Session
from coach.domain.users import User
from coach.services.access import (
    Clock,
    PairScoped,
    audit,
    default_clock,
    load,
)
from coach.services.changes import OnChange, unheard
from coach.store.api import Store

NOT_MEMBER = "only the two members of a pair see and change its plan"


class PlanService(PairScoped):
    """Goals and action items of a pair."""

    not_member = NOT_MEMBER

    def __init__(
        self, store: Store, clock: Clock = default_clock, on_change: OnChange = unheard
    ) -> None:
        super().__init__(store, clock)
        self.on_change = on_change  # a goal or action item changed: the next plan may differ

    @staticmethod
    def _owner(pair: Pair, actor: User, owner_id: str | None) -> str:
        owner = owner_id or actor.id
        check(owner in pair.members, "the owner must be one of the pair's two members")
        return owner

    def add_goal(
        self,
        actor: User,
        pair_id: str,
        text: str,
        success_criteria: str = "",
        target_date: date | None = None,
        owner_id: str | None = None,
    ) -> Goal:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            goal = Goal(
                new_id("goal"), pair.id, self._owner(pair, actor, owner_id),
                clean_text(text, "a goal", 1000), success_criteria.strip(), target_date,
                GoalStatus.OPEN, 0, now, now,
            )  # fmt: skip
            tx.insert(goal)
            audit(tx, actor, AuditAction.CREATE, "goal", goal.id, now, pair.id)
        self.on_change(pair.id)
        return goal

    def update_goal(
        self,
        actor: User,
        goal_id: str,
        progress: int | None = None,
        status: GoalStatus | str | None = None,
    ) -> Goal:
        now = self.clock()
        with self.store.transaction() as tx:
            goal = load(tx, Goal, goal_id, "goal")
            actor, _pair = self._member_pair(tx, actor, goal.pair_id)
            goal = replace(
                goal,
                progress=goal.progress if progress is None else progress,
                status=goal.status if status is None else GoalStatus(status),
                updated_at=now,
            )
            tx.update(goal)
            audit(tx, actor, AuditAction.UPDATE, "goal", goal.id, now, goal.pair_id)
        self.on_change(goal.pair_id)
        return goal

    def goals(self, actor: User, pair_id: str) -> list[Goal]:
        return self._read_all(actor, pair_id, Goal, "goals")

    def add_action(
        self,
        actor: User,
        pair_id: str,
        text: str,
        owner_id: str | None = None,
        due_date: date | None = None,
        session_id: str | None = None,
    ) -> ActionItem:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            if session_id is not None:
                session = load(tx, Session, session_id, "session")
                check(session.pair_id == pair.id, "that session belongs to another pair")
            item = ActionItem(
                new_id("act"), pair.id, session_id, self._owner(pair, actor, owner_id),
                clean_text(text, "an action item", 1000), due_date, ActionStatus.OPEN, now, None,
            )  # fmt: skip
            tx.insert(item)
            audit(tx, actor, AuditAction.CREATE, "action_item", item.id, now, pair.id)
        self.on_change(pair.id)
        return item

    def set_action_status(
        self, actor: User, action_id: str, status: ActionStatus | str
    ) -> ActionItem:
        now = self.clock()
        status = ActionStatus(status)
        with self.store.transaction() as tx:
            item = load(tx, ActionItem, action_id, "action item")
            actor, _pair = self._member_pair(tx, actor, item.pair_id)
            closed = None if status is ActionStatus.OPEN else (item.closed_at or now)
            item = replace(item, status=status, closed_at=closed)
            tx.update(item)
            audit(tx, actor, AuditAction.UPDATE, "action_item", item.id, now, item.pair_id)
        self.on_change(item.pair_id)
        return item

    def actions(self, actor: User, pair_id: str) -> list[ActionItem]:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            items = tx.find(ActionItem, pair_id=pair.id)
            audit(tx, actor, AuditAction.READ, "action_items", pair.id, now, pair.id)
        return items

    def carry_over(self, actor: User, pair_id: str) -> list[ActionItem]:
        """The open items the next agenda starts with."""
        return carried_over(self.actions(actor, pair_id))
