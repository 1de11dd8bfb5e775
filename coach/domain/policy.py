"""Who may do what: pure predicates. The services call these on every use-case.

- A participant sees only the pairs they are in, and works only in those.
- A reflection is readable by its author alone.
- A summary is readable by its author; by the partner once shared with the partner; by a lead
  once shared with the program. Never by an admin.
- A lead sees every pair's health and the summaries shared with the program.
- An admin manages users, programs, pairs and documents, and reads the audit log.
- A lead makes pairs in the programs they lead, from match suggestions. Programs record no
  lead yet, and a lead sees every program, so today every lead leads every program.
- Either member may end their pair ("done" or "not a good fit"), without naming who.
- A deactivated user may do nothing.
"""

from __future__ import annotations

from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.reflections import Reflection
from coach.domain.summaries import Summary
from coach.domain.users import Role, User


def is_admin(user: User) -> bool:
    return user.active and user.role is Role.ADMIN


def is_lead(user: User) -> bool:
    return user.active and user.role is Role.LEAD


def is_member(user: User, pair: Pair) -> bool:
    return user.active and user.id in pair.members


def can_administer(user: User) -> bool:
    """Users, programs, pairs, documents, the audit log, export and backup."""
    return is_admin(user)


def leads_program(user: User, program: Program) -> bool:
    """Does ``user`` lead ``program``? Programs do not record their lead yet, and a lead sees
    every program, so every active lead leads every program. When programs name their leads,
    this is the one place to change."""
    del program  # no program names its lead yet
    return is_lead(user)


def can_make_pairs(user: User, program: Program) -> bool:
    """Create pairs in ``program``: an admin, or a lead of that program (from suggestions)."""
    return is_admin(user) or leads_program(user, program)


def can_end_pair(user: User, pair: Pair) -> bool:
    """End a pair as done or not a good fit: either of its members."""
    return is_member(user, pair)


def can_see_pair(user: User, pair: Pair) -> bool:
    """Pair basics: who is in it, profiles and status. Not its content."""
    return is_admin(user) or is_lead(user) or is_member(user, pair)


def can_work_in(user: User, pair: Pair) -> bool:
    """Goals, sessions, action items, agendas, starters, reflections and fit answers."""
    return is_member(user, pair)


def can_see_sessions(user: User, pair: Pair) -> bool:
    """Session dates and counts are health data: the lead sees them too."""
    return is_lead(user) or is_member(user, pair)


def can_see_health(user: User, pair: Pair) -> bool:
    return is_lead(user) or is_member(user, pair)


def can_read_reflection(user: User, reflection: Reflection) -> bool:
    return user.active and user.id == reflection.author_id


def can_read_summary(user: User, pair: Pair, summary: Summary) -> bool:
    if not user.active:
        return False
    if user.id == summary.author_id:
        return True
    if summary.shared_with_partner and user.id == pair.partner_of(summary.author_id):
        return True
    return summary.shared_with_program and is_lead(user)


def can_change_summary(user: User, summary: Summary) -> bool:
    """Edit the text or move the consent state: the author alone."""
    return user.active and user.id == summary.author_id
