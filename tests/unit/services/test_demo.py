from datetime import UTC, date, datetime

import pytest

from coach.domain.health import HealthFlag
from coach.domain.summaries import ConsentState, Summary, SummaryVersion
from coach.services.demo import DemoLoader
from coach.services.errors import UserError
from coach.services.health import HealthService
from coach.services.passwords import Passwords
from coach.services.users import UserService
from coach.store.memory import MemoryStore

pytestmark = pytest.mark.unit
TODAY = date(2026, 10, 12)
TODAY_AT = datetime(2026, 10, 12, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo():
    store = MemoryStore()
    report = DemoLoader(store, Passwords.fast(), TODAY).load("demo password 1")
    return store, report


def test_the_demo_has_six_pairs_and_signs_in(demo):
    store, report = demo
    assert report.pairs == 6 and len(report.users) == 14
    lead = UserService(store, Passwords.fast()).authenticate("morgan.ellis", "demo password 1")
    healths = HealthService(store, lambda: TODAY_AT).program(lead)
    assert len(healths) == 6
    flags = [set(h.flags) for h in healths]
    assert sum(HealthFlag.STALLED in f for f in flags) >= 1
    assert sum(HealthFlag.FIT_CONCERN in f for f in flags) == 1
    assert sum(not f for f in flags) >= 1  # at least one healthy pair


def test_the_demo_has_summaries_in_every_consent_state_and_an_edit(demo):
    store, _report = demo
    with store.transaction(write=False) as tx:
        states = {s.state for s in tx.find(Summary)}
        versions = tx.find(SummaryVersion)
    assert states == set(ConsentState)
    assert max(v.number for v in versions) == 2


def test_the_demo_only_loads_into_an_empty_store(demo):
    store, _report = demo
    with pytest.raises(UserError, match="not empty"):
        DemoLoader(store, Passwords.fast(), TODAY).load()
