"""Fifty people saving reflections at the same moment into one SQLite file lose none."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from coach.domain.reflections import Reflection
from coach.services.access import OPERATOR
from coach.services.pairs import PairService
from coach.services.passwords import Passwords
from coach.services.programs import ProgramService
from coach.services.reflections import ReflectionService
from coach.services.users import UserService
from coach.store.database import open_database
from coach.store.sql import SqlStore

pytestmark = pytest.mark.integration

WRITERS = 50


def test_fifty_threads_writing_reflections_lose_none(tmp_path):
    store = SqlStore(open_database(f"sqlite:///{tmp_path / 'flipside.db'}"))
    try:
        users = UserService(store, Passwords.fast())
        mentor = users.add(OPERATOR, "mentor", "participant", "password 1234")
        mentee = users.add(OPERATOR, "mentee", "participant", "password 1234")
        ProgramService(store).add(OPERATOR, "Pilot", date(2026, 1, 1), date(2026, 12, 31))
        pair = PairService(store).add(OPERATOR, "mentor", "mentee").pair
        service = ReflectionService(store)
        start = threading.Barrier(WRITERS)

        def write(number: int) -> str:
            author = mentor if number % 2 else mentee
            start.wait()  # release all fifty writers at once
            return service.write(author, pair.id, f"reflection number {number}").reflection.id

        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            ids = list(pool.map(write, range(WRITERS)))  # re-raises any writer's error

        with store.transaction(write=False) as tx:
            saved = tx.find(Reflection)
        assert sorted(r.id for r in saved) == sorted(ids)
        assert {r.text for r in saved} == {f"reflection number {n}" for n in range(WRITERS)}
    finally:
        store.close()
