"""The shipped guides: valid front matter, length, and written in our own words."""

import re
from pathlib import Path

import pytest

from coach.knowledge.loaders import split_front_matter

REPO = Path(__file__).resolve().parents[2]
GUIDES = sorted((REPO / "knowledge").glob("*.md"))
LIBRARY = sorted((REPO / "library").glob("*.yaml")) + sorted(
    (REPO / "library" / "flag-examples").glob("*.jsonl")
)  # the coaching library and the flag examples: our words too
SEEDS = sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
TOPICS = {
    "origins", "program_design", "matching", "expectations", "training", "power_dynamics",
    "resistance", "generational_differences", "communication", "trust", "goals", "feedback",
    "mutual_benefit", "tokenism", "scheduling", "evaluation", "session_formats", "confidentiality",
}  # fmt: skip


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("’", "'")).split()


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def test_there_are_at_least_eighteen_guides():
    assert len(GUIDES) >= 18


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_front_matter_and_length(path):
    meta, body = split_front_matter(path.read_text())
    assert set(meta) >= {"title", "topics", "audience", "phase"}
    assert set(meta["topics"]) <= TOPICS
    assert set(meta["audience"]) <= {"mentor", "mentee", "lead"} and meta["audience"]
    assert meta["phase"] in {"first", "middle", "closing", "any"}
    assert 400 <= len(body.split()) <= 1200
    assert len(re.findall(r"^## ", body, flags=re.MULTILINE)) >= 3


@pytest.mark.skipif(not SEEDS, reason="the seed articles live outside the repository")
@pytest.mark.parametrize("path", GUIDES + LIBRARY, ids=lambda p: p.name)
def test_no_eight_word_run_is_copied_from_a_seed(path):
    guide = ngrams(path.read_text())
    for seed in SEEDS:
        shared = guide & ngrams(seed.read_text())
        assert not shared, f"{path.name} copies from {seed.name}: {' '.join(next(iter(shared)))}"


def test_the_copy_check_can_fail():
    sentence = "the quick brown fox jumps over the lazy dog again"
    assert ngrams(sentence) & ngrams(f"Intro. {sentence.upper()}!")
