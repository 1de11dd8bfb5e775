"""Failed sign-ins are rate-limited per username, and passwords never reach the logs."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from coach.services.errors import UserError
from coach.services.users import LoginLimiter

from .conftest import PASSWORD, World

WRONG = "not-the-password-7731"


def fail(world: World, name: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(UserError, match="wrong username or password"):
            world.s.users.authenticate(name, WRONG)


def test_five_failures_refuse_even_the_right_password_for_five_minutes(world: World):
    fail(world, "mentor", 5)
    with pytest.raises(UserError, match=r"too many failed sign-ins.*try again in 5 min"):
        world.s.users.authenticate("mentor", PASSWORD)
    world.tick(minutes=3)
    with pytest.raises(UserError, match="try again in 2 min"):
        world.s.users.authenticate("mentor", PASSWORD)
    world.tick(minutes=2)
    assert world.s.users.authenticate("mentor", PASSWORD).id == world.people["mentor"].id


def test_a_successful_sign_in_clears_the_count(world: World):
    fail(world, "mentor", 4)
    world.s.users.authenticate("mentor", PASSWORD)
    fail(world, "mentor", 4)
    assert world.s.users.authenticate("mentor", PASSWORD).username == "mentor"


def test_old_failures_age_out(world: World):
    fail(world, "mentor", 4)
    world.tick(minutes=5)
    fail(world, "mentor", 4)
    assert world.s.users.authenticate("mentor", PASSWORD).username == "mentor"


def test_unknown_names_are_refused_the_same_way(world: World):
    fail(world, "nobody", 5)
    fail(world, "mentor", 5)
    messages = []
    for name in ("nobody", "mentor"):
        with pytest.raises(UserError) as error:
            world.s.users.authenticate(name, PASSWORD)
        messages.append(str(error.value))
    assert messages[0] == messages[1], "a refusal does not reveal whether an account exists"


def test_the_limit_is_per_name_whatever_the_case_or_spaces(world: World):
    for variant in ("mentor", " Mentor", "MENTOR ", "mEnToR", "mentor"):
        fail(world, variant, 1)
    with pytest.raises(UserError, match="too many"):
        world.s.users.authenticate("Mentor", PASSWORD)
    assert world.s.users.authenticate("mentee", PASSWORD).username == "mentee"


def test_the_limiter_keeps_memory_bounded(world: World):
    limiter = LoginLimiter(world.clock, max_names=50)
    for n in range(500):
        limiter.failed(f"user{n}")
    assert limiter.tracked() <= 50
    world.tick(minutes=6)
    limiter.failed("one-more")
    assert limiter.wait("user499") is None


def sign_in_client(world: World, sign_in=None):
    """Our /login route over the world's users, through Starlette's test client."""
    from fastapi import FastAPI
    from starlette.testclient import TestClient

    from coach.config import Settings
    from coach.services.logins import LoginService
    from coach.ui.signin import Gate, add_sign_in_routes

    logins = LoginService(world.store, world.s.users, timedelta(hours=1), world.clock)
    if sign_in is not None:
        logins.sign_in = sign_in  # type: ignore[method-assign]
    app = FastAPI()
    add_sign_in_routes(app, Gate(Settings(_env_file=None), world.s.users, logins))
    return TestClient(app)


def test_passwords_never_reach_the_logs(world: World, caplog):
    web = sign_in_client(world)

    def check(name: str, password: str) -> bool:
        response = web.post("/login", data={"username": name, "password": password})
        assert response.status_code in (200, 401), response.text
        return response.status_code == 200

    with caplog.at_level(logging.DEBUG):
        assert check("mentee", WRONG) is False
        assert check("mentee", PASSWORD) is True
        for _ in range(5):
            assert check("mentee", WRONG) is False
        assert check("mentee", PASSWORD) is False  # refused while limited
        world.tick(minutes=5)
        assert check("mentee", PASSWORD) is True
    assert "too many failures" in caplog.text, "the refusal is logged (by name only)"
    for secret in (WRONG, PASSWORD):
        assert secret not in caplog.text
        assert all(secret not in str(r.args) for r in caplog.records)


def test_the_sign_in_route_checks_the_password_off_the_event_loop(world: World):
    import asyncio

    from coach.services.logins import LoginService

    loops: list[bool] = []
    real = LoginService(world.store, world.s.users, timedelta(hours=1), world.clock)

    def recording(username: str, password: str):
        try:
            asyncio.get_running_loop()
            loops.append(True)
        except RuntimeError:  # a worker thread: no event loop is blocked by the hash
            loops.append(False)
        return real.sign_in(username, password)

    web = sign_in_client(world, recording)
    assert web.post("/login", data={"username": "mentee", "password": PASSWORD}).status_code == 200
    assert web.post("/login", data={"username": "mentee", "password": WRONG}).status_code == 401
    assert loops == [False, False]


def test_a_sign_in_racing_a_password_change_does_not_outlive_it(world: World):
    """The password is checked, then the session stored: a change committed in between must
    still end that session (it remembers which password opened it)."""
    from coach.services.logins import LoginService

    logins = LoginService(world.store, world.s.users, timedelta(hours=1), world.clock)
    user, stamp = world.s.users.verify("mentee", PASSWORD)
    world.tick(minutes=1)
    world.s.users.set_password(world.people["admin"], "mentee", "a brand new password")
    late = logins.start(user, stamp)  # the racing sign-in lands after the change
    assert logins.user_for(late) is None
    fresh = logins.sign_in("mentee", "a brand new password")[1]
    assert logins.user_for(fresh).username == "mentee"


def test_parallel_guesses_cannot_pass_the_limit(world: World):
    from concurrent.futures import ThreadPoolExecutor

    def guess(_: int) -> str:
        try:
            world.s.users.authenticate("mentor", WRONG)
        except UserError as error:
            return "limited" if "too many" in str(error) else "wrong"
        return "in"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(guess, range(40)))
    assert outcomes.count("wrong") == 5 and outcomes.count("limited") == 35
