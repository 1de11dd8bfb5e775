"""The segment chosen for each goal, with the real offline embedder (MiniLM int8): the figure
docs/evals.md reports. Run with -s to see it."""

import pytest

from coach.knowledge.embedder import shared_embedder
from coach.services.library import load_library
from tests.agenda_fit_support import REPO, measure, wording_fit

pytestmark = pytest.mark.integration


def test_real_embedder_choice_by_goal_kind_fits_the_labelled_goals(monkeypatch):
    library = load_library(REPO / "library")[0]
    embed = shared_embedder().embed
    after = measure(library, embed)
    monkeypatch.setattr("coach.generation.agenda_blocks.fit", wording_fit)
    before = measure(library, embed)
    for name, f in (("before (wording)", before), ("after (goal kinds)", after)):
        print(f"{name}: first choice {f.first:.3f}, middle-session items {f.items:.3f}, "
              f"alternates {f.alternates:.3f}")  # fmt: skip
    print("\n".join(after.misses))
    assert after.first >= 0.9 and after.items >= 0.95, after.misses
    assert before.first < after.first
