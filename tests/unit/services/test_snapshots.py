import pytest

from coach.services import snapshots
from coach.services.access import OPERATOR
from coach.services.errors import UserError
from coach.store.memory import MemoryStore
from tests.unit.services.conftest import World

pytestmark = pytest.mark.unit


def test_an_export_loads_into_an_empty_store_and_exports_the_same(world: World):
    first = world.s.snapshots.export(OPERATOR)
    target = MemoryStore()
    counts = snapshots.load(target, first)
    assert counts["summary_versions"] == len(first["tables"]["summary_versions"]) > 0
    assert snapshots.dumps(snapshots.collect(target)) == snapshots.dumps(first)


def test_import_refuses_a_store_that_has_data(world: World):
    with pytest.raises(UserError, match="not empty"):
        snapshots.load(world.store, world.s.snapshots.export(OPERATOR))


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda d: d.update(format="something-else"), "not a Flipside export"),
        (lambda d: d.update(schema="9999"), "schema"),
        (lambda d: d["tables"].update(mystery=[]), "unknown"),
        (lambda d: d["tables"]["users"][0].update(role="emperor"), "users row 1"),
        (lambda d: d["tables"]["users"].clear(), "inconsistent"),  # pairs lose their people
    ],
)
def test_bad_exports_are_refused_and_leave_nothing_behind(world: World, mangle, message):
    document = world.s.snapshots.export(OPERATOR)
    mangle(document)
    target = MemoryStore()
    with pytest.raises(UserError, match=message):
        snapshots.load(target, document)
    assert target.is_empty()
