"""The segment chosen for each goal fits it, on the hand-labelled set (fake embedder; the real
MiniLM figures are in tests/integration/test_agenda_fit_real.py and docs/evals.md)."""

import json

import pytest

from coach.domain.pair_profile import PairProfile
from coach.services.library import load_library
from tests.agenda_fit_support import LABELS, PAIRS, REPO, labelled, measure, wording_fit
from tests.fake_tools import embed


@pytest.fixture(scope="module")
def library():
    return load_library(REPO / "library")[0]


def test_the_labels_name_real_segments_and_every_goal_of_every_pair(library):
    data = json.loads(LABELS.read_text())
    ids = {s.id for s in library.segments}
    assert not {s for f in data["families"].values() for s in f} - ids
    assert all(set(row["fits"]) <= set(data["families"]) for row in data["labels"])
    goals = {(p.stem, g.id) for p in PAIRS.glob("*.json")
             for g in PairProfile.model_validate_json(p.read_text()).goals}  # fmt: skip
    assert goals <= set(labelled())


def test_choosing_by_goal_kind_fits_more_goals_than_wording_alone(library, monkeypatch):
    after = measure(library, embed)
    monkeypatch.setattr("coach.generation.agenda_blocks.fit", wording_fit)
    before = measure(library, embed)
    assert after.first >= 0.9 and after.items >= 0.85, after.misses
    assert before.first < after.first and before.items < after.items
