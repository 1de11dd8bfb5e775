"""One reset link used by several requests at the same moment sets the password once, on
SQLite and on PostgreSQL (the link's row is locked while it is used)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from coach.services.access import OPERATOR
from coach.services.errors import UserError
from coach.services.mailer import Mail
from coach.services.password_reset import Outbox, PasswordResetService
from coach.services.passwords import Passwords
from coach.services.users import UserService
from coach.store.sql import SqlStore

pytestmark = pytest.mark.integration
RACERS = 4


class Recorder:
    configured = True

    def __init__(self) -> None:
        self.sent: list[Mail] = []

    def send(self, mail: Mail) -> None:
        self.sent.append(mail)


def test_parallel_uses_of_one_link_succeed_once(new_database):
    store = SqlStore(new_database())
    users = UserService(store, Passwords.fast())
    users.add(OPERATOR, "ana", "participant", None, "Ana", "ana@example.org")
    mailer = Recorder()
    resets = PasswordResetService(store, users, mailer, "https://coach.example.org",
                                  outbox=Outbox(background=False))  # fmt: skip
    resets.request("ana@example.org")
    token = re.search(r"token=(\S+)", mailer.sent[0].body).group(1)
    start = threading.Barrier(RACERS)

    def use(number: int) -> str:
        start.wait()
        try:
            resets.reset(token, f"racer password {number}")
        except UserError as error:
            return str(error)
        return f"racer password {number}"

    with ThreadPoolExecutor(RACERS) as pool:
        outcomes = list(pool.map(use, range(RACERS)))
    winners = [o for o in outcomes if o.startswith("racer password")]
    assert len(winners) == 1, outcomes
    assert all("already used" in o for o in outcomes if o not in winners)
    assert users.authenticate("ana", winners[0]).username == "ana"
