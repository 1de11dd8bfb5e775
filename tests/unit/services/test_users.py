from dataclasses import replace

import pytest

from coach.domain.users import Credential
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from tests.unit.services.conftest import PASSWORD, World

pytestmark = pytest.mark.unit


def test_passwords_are_stored_as_argon2_hashes(world: World):
    with world.store.transaction(write=False) as tx:
        credential = tx.get(Credential, world.people["mentor"].id)
    assert credential.password_hash.startswith("$argon2id$")
    assert PASSWORD not in credential.password_hash


def test_sign_in_works_with_the_right_password_only(world: World):
    assert world.s.users.authenticate("mentor", PASSWORD).id == world.people["mentor"].id
    for username, password in [("mentor", "wrong password!"), ("nobody", PASSWORD)]:
        with pytest.raises(UserError, match="wrong username or password"):
            world.s.users.authenticate(username, password)


def test_a_deactivated_account_cannot_sign_in_or_act(world: World):
    mentor = world.people["mentor"]
    world.s.users.set_active(OPERATOR, "mentor", False)
    with pytest.raises(UserError):
        world.s.users.authenticate("mentor", PASSWORD)
    with pytest.raises(PermissionDenied):  # a stale User object in a live UI session
        world.s.plans.goals(mentor, world.pair.id)


def test_a_changed_password_replaces_the_old_one(world: World):
    world.s.users.set_password(world.people["mentee"], "mentee", "a new long password")
    world.s.users.authenticate("mentee", "a new long password")
    with pytest.raises(UserError):
        world.s.users.authenticate("mentee", PASSWORD)


def test_taken_usernames_and_unknown_roles_are_clear_errors(world: World):
    with pytest.raises(UserError, match="taken"):
        world.s.users.add(OPERATOR, "Mentor", "participant", PASSWORD)
    with pytest.raises(UserError, match="unknown role"):
        world.s.users.add(OPERATOR, "newbie", "mentor", PASSWORD)


def test_only_the_operator_object_acts_as_the_operator(world: World):
    impostor = replace(OPERATOR, display_name="looks like the operator")
    with pytest.raises(PermissionDenied, match="unknown or deactivated"):
        world.s.users.list(impostor)
