"""Hybrid retrieval against a real Chroma and the real embedder."""

import pytest

from coach.domain.knowledge import SearchFilters
from coach.services.container import Services


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    from coach.config import Settings
    from tests.conftest import REPO

    settings = Settings(
        _env_file=None,
        data_dir=tmp_path_factory.mktemp("retrieval"),
        knowledge_dir=REPO / "knowledge",
        prompts_dir=REPO / "prompts",
    )
    services = Services(settings)
    services.ensure_guides()
    goals_a = "Learn how our youngest customers discover brands on TikTok; zebra-sparkle campaign"
    services.pair_material.index_pair({"id": "pair-a", "goals": [{"id": "g1", "text": goals_a}]})
    services.pair_material.index_pair(
        {"id": "pair-b", "goals": [{"id": "g1", "text": "Run better hybrid meetings"}]}
    )
    return services


@pytest.mark.parametrize("mode", ["dense", "keyword", "hybrid"])
def test_pair_a_material_never_reaches_pair_b(services, mode):
    query = "zebra-sparkle TikTok campaign youngest customers discover brands"
    own = services.retriever.search(query, 10, mode=mode, pair_id="pair-a")
    assert any(p.meta.get("pair_id") == "pair-a" for p in own)
    for pair in ("pair-b", None):
        other = services.retriever.search(query, 50, mode=mode, pair_id=pair)
        assert not any(p.meta.get("pair_id") == "pair-a" for p in other)


def test_results_carry_citation_fields(services):
    hits = services.retriever.search("how do we agree on confidentiality", 5)
    assert len(hits) == 5
    for p in hits:
        assert p.id.startswith(p.source) and p.title and p.text and p.score > 0
    assert hits == sorted(hits, key=lambda p: -p.score)


def test_filters_restrict_by_audience_and_phase(services):
    f = SearchFilters(audience=frozenset({"lead"}), phase="closing")
    for mode in ("dense", "keyword", "hybrid"):
        for p in services.retriever.search(
            "measure what the program achieved", 8, mode=mode, filters=f
        ):
            assert "lead" in p.meta.get("audience", "") and p.meta.get("phase") in {
                "closing",
                "any",
            }


def test_diversity_returns_distinct_sections(services):
    hits = services.retriever.search("power dynamics", 5, diversity=True)
    assert len({(p.source, p.section) for p in hits}) == len(hits) == 5
