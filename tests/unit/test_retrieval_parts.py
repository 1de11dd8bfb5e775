from coach.domain.knowledge import SearchFilters
from coach.evals import metrics
from coach.knowledge.index import chroma_where
from coach.knowledge.keyword import KeywordIndex, stem, tokenize
from coach.knowledge.retrieval import mmr, rrf


def test_rrf_rewards_agreement_between_rankings():
    fused = [cid for cid, _ in rrf([["a", "b", "c"], ["b", "c", "a"]])]
    assert fused[0] == "b"
    assert set(fused) == {"a", "b", "c"}


def test_mmr_skips_a_near_duplicate():
    vectors = {"a": [1.0, 0.0], "a2": [0.999, 0.0447], "b": [0.0, 1.0]}
    assert mmr(["a", "a2", "b"], vectors, 2) == ["a", "b"]


def test_keyword_index_ranks_and_masks():
    kw = KeywordIndex(
        ["1", "2"], ["phones stay face down", "goals you can measure"], [{"p": "x"}, {"p": "y"}]
    )
    assert kw.search("phone", 2)[0][0] == "1"
    assert kw.search("phone", 2, lambda m: m["p"] == "y") == []


def test_tokenize_stems_and_drops_stop_words():
    assert tokenize("The mentors are meeting") == ["mentor", "meet"]
    assert {stem(w) for w in ("phone", "phones", "phoned")} == {"phon"}


def test_filters_allow_any_phase_and_match_lists():
    f = SearchFilters(topics=frozenset({"trust"}), phase="first")
    assert f.allows({"topics": "trust,goals", "phase": "any"})
    assert not f.allows({"topics": "trust", "phase": "closing"})
    assert not f.allows({"topics": "goals", "phase": "first"})


def test_chroma_where_mirrors_the_filters():
    where = chroma_where(SearchFilters(audience=frozenset({"lead"}), phase="first"), "p1")
    assert where == {
        "$and": [{"pair_id": "p1"}, {"audience_lead": True}, {"phase": {"$in": ["first", "any"]}}]
    }
    assert chroma_where(None) is None


def test_metrics_on_hand_made_rankings():
    wanted = [("a.md", "Rules"), ("b.md", "")]
    good = [("a.md", "Intro > Rules"), ("b.md", "Any"), ("c.md", "X")]
    bad = [("c.md", "X"), ("a.md", "Other"), ("d.md", "Rules")]
    assert metrics.recall_at(good, wanted, 2) == 1.0
    assert metrics.recall_at(bad, wanted, 3) == 0.0
    assert metrics.reciprocal_rank(good, wanted) == 1.0
    assert metrics.reciprocal_rank(bad, wanted) == 0.0
    assert metrics.ndcg_at(good, wanted) == 1.0
    assert 0 < metrics.ndcg_at([("c.md", "X"), ("b.md", "S")], wanted) < 1
