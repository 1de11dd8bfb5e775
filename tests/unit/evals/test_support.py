"""The support scorer: lexical windows, embeddings, invented specifics, caching."""

from __future__ import annotations

import numpy as np

from coach.evals.support import SupportScorer, units, windows
from tests.unit.evals.helpers import REFLECTION, FakeEmbedder


def test_units_and_windows():
    parts = units("One thing. Another thing.\n\n- a bullet")
    assert parts == ["One thing.", "Another thing.", "- a bullet"]
    assert windows(parts)[-1] == "Another thing. - a bullet"
    assert units("   ") == []


def test_lexical_support_uses_the_best_window():
    scorer = SupportScorer()
    assert scorer.score("email him the quotes by Friday", REFLECTION) == 1.0
    assert scorer.score("weekly budget reviews in Slack", REFLECTION) == 0.0
    assert scorer.supported("email the quotes", REFLECTION)


def test_invented_names_numbers_or_dates_score_zero():
    scorer = SupportScorer()
    assert scorer.score("He will email all the quotes by Friday 21 March", REFLECTION) == 0.0


def test_embeddings_blend_with_lexical_overlap():
    class Opposite:
        def embed(self, texts):
            out = np.zeros((len(texts), 2), dtype=np.float32)
            out[0, 0] = 1.0
            out[1:, 1] = 1.0
            return out

    scorer = SupportScorer(Opposite())
    # Full lexical overlap but orthogonal embeddings: half the weight is lost.
    assert scorer.score("email the quotes", REFLECTION) == 0.5
    assert not scorer.supported("email the quotes", REFLECTION)


def test_embeddings_are_cached_by_text():
    embedder = FakeEmbedder()
    scorer = SupportScorer(embedder)
    scorer.score("email the quotes", REFLECTION)
    scorer.score("email the quotes", REFLECTION)
    assert embedder.calls == 1
