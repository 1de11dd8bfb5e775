"""Users' mail addresses and their own mail opt-out: who may set them, and clear errors."""

from __future__ import annotations

import pytest

from coach.domain.audit import AuditEntry
from coach.domain.common import RuleViolation
from coach.domain.users import Credential, User
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from tests.unit.services.conftest import PASSWORD, World

pytestmark = pytest.mark.unit


def stored(world: World, name: str) -> User:
    with world.store.transaction(write=False) as tx:
        return tx.find(User, username=name)[0]


def test_an_admin_adds_a_user_with_an_address_stored_in_lower_case(world: World):
    user = world.s.users.add(OPERATOR, "ana", "participant", PASSWORD, "Ana", " Ana@Example.ORG ")
    assert user.email == "ana@example.org" == stored(world, "ana").email
    assert stored(world, "ana").mail_opt_out is False


def test_a_bad_address_is_refused_with_a_clear_message_and_nothing_is_stored(world: World):
    for bad in ("x@", "ana", "a b@example.org", "Ana <ana@example.org>", "a@b.org, c@d.org"):
        with pytest.raises(RuleViolation, match="is not an email address like name@example.org"):
            world.s.users.add(OPERATOR, "ana", "participant", PASSWORD, "", bad)
        with pytest.raises(RuleViolation, match="is not an email address"):
            world.s.users.set_email(world.people["mentor"], "mentor", bad)
    with world.store.transaction(write=False) as tx:
        assert not tx.find(User, username="ana")
    assert stored(world, "mentor").email is None


def test_an_address_belongs_to_one_account(world: World):
    world.s.users.set_email(OPERATOR, "mentor", "mina@example.org")
    with pytest.raises(UserError, match="already the address of another account"):
        world.s.users.set_email(OPERATOR, "mentee", "MINA@example.org")
    with pytest.raises(UserError, match="already the address of another account"):
        world.s.users.add(OPERATOR, "mina2", "participant", PASSWORD, "", "mina@example.org")
    # Setting one's own address again is no conflict.
    assert world.s.users.set_email(OPERATOR, "mentor", "mina@example.org").email


def test_a_user_sets_and_clears_their_own_address_but_not_someone_elses(world: World):
    mentor = world.people["mentor"]
    assert world.s.users.set_email(mentor, "mentor", "me@example.org").email == "me@example.org"
    assert world.s.users.set_email(mentor, "mentor", "  ").email is None
    assert stored(world, "mentor").email is None
    with pytest.raises(PermissionDenied, match="only the user or an admin"):
        world.s.users.set_email(mentor, "mentee", "me@example.org")
    with pytest.raises(PermissionDenied, match="only the user or an admin"):
        world.s.users.set_email(world.people["lead"], "mentor", "lead@example.org")
    assert world.s.users.set_email(world.people["admin"], "mentee", "m@example.org").email


def test_the_opt_out_is_each_users_own_and_audited(world: World):
    mentee = world.people["mentee"]
    assert world.s.users.set_mail_opt_out(mentee, True).mail_opt_out is True
    assert stored(world, "mentee").mail_opt_out is True
    assert stored(world, "mentor").mail_opt_out is False
    assert world.s.users.set_mail_opt_out(mentee, False).mail_opt_out is False
    with world.store.transaction(write=False) as tx:
        entries = [e for e in tx.find(AuditEntry) if e.resource_id == mentee.id]
    assert len([e for e in entries if e.actor_id == mentee.id]) >= 2
    with pytest.raises(PermissionDenied, match="operator has no mail settings"):
        world.s.users.set_mail_opt_out(OPERATOR, True)
    world.s.users.set_active(OPERATOR, "mentee", False)
    with pytest.raises(PermissionDenied, match="unknown or deactivated"):
        world.s.users.set_mail_opt_out(mentee, True)


def test_an_account_added_without_a_password_cannot_sign_in_until_one_is_set(world: World):
    world.s.users.add(OPERATOR, "newbie", "participant", None, "New Bie", "new@example.org")
    with world.store.transaction(write=False) as tx:
        assert tx.get(Credential, stored(world, "newbie").id) is None
    with pytest.raises(UserError, match="wrong username or password"):
        world.s.users.authenticate("newbie", "")
    world.s.users.set_password(OPERATOR, "newbie", "a first password")
    assert world.s.users.authenticate("newbie", "a first password").username == "newbie"
