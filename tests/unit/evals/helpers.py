"""Hand-made pairs, artifacts and a tiny fake embedder for the eval tests."""

from __future__ import annotations

import hashlib

import numpy as np

from coach.domain.agenda import Agenda, AgendaItem
from coach.domain.pair_profile import OpenAction, PairProfile
from coach.domain.provenance import CitationRef, Provenance
from coach.domain.starters import Starter, StarterSet
from coach.domain.summary_draft import (
    Flag,
    MutualBenefit,
    ReflectionSummary,
    Span,
    SummaryAction,
    Takeaway,
)
from coach.domain.wording import content_words
from coach.evals.datasets import ReflectionCase

PASSAGE = (
    "Agree ground rules early: confidentiality, how often you meet and how each person may "
    "challenge the other. Write the expectations down."
)
PAIR = {
    "id": "pair-test-01",
    "mentor": {"name": "Aisha", "role": "Junior data analyst", "department": "Analytics"},
    "mentee": {"name": "Robert", "role": "VP Operations", "department": "Operations"},
    "goals": [
        {"id": "g1", "text": "Understand how younger customers discover brands on TikTok"},
        {"id": "g2", "text": "Build confidence running warehouse dashboards"},
    ],
    "session": {"number": 1, "minutes": 45, "phase": "first"},
    "open_action_items": [{"text": "Follow three creators in our category", "owner": "mentee"}],
}


def profile(**changes) -> PairProfile:
    return PairProfile.model_validate({**PAIR, **changes})


def meta(*citations: tuple[str, str], seconds: float = 2.0) -> Provenance:
    refs = [CitationRef(id=i, source="guide.md", title="Guide", text=t) for i, t in citations]
    return Provenance(
        prompt_id="agenda",
        prompt_version="1",
        model="fake",
        citations=refs,
        prompt_tokens=100,
        completion_tokens=50,
        attempts=1,
        seconds=seconds,
        first_token_seconds=0.5,
    )


def good_agenda() -> Agenda:
    items = [
        AgendaItem(
            minutes=10, title="Ground rules and expectations",
            purpose="Agree confidentiality, how often we meet and how to challenge each other",
            prompts=["What ground rules help us?"], citations=["c1"],
        ),
        AgendaItem(
            minutes=5, title="Review action items",
            purpose="Check the open action items since last time",
        ),
        AgendaItem(
            minutes=15, title="TikTok discovery", goal_ids=["g1"],
            purpose="How younger customers discover brands on TikTok",
        ),
        AgendaItem(
            minutes=15, title="Dashboards", goal_ids=["g2"],
            purpose="Practise running the warehouse dashboards",
        ),
    ]  # fmt: skip
    return Agenda(
        title="Session 1",
        phase="first",
        minutes=45,
        items=items,
        carry_over=[OpenAction(text="Follow three creators in our category", owner="mentee")],
        meta=meta(("c1", PASSAGE)),
    )


def starter(text: str, category: str = "communication", **extra) -> Starter:
    return Starter(text=text, category=category, asked_by="mentor", depth="deeper", **extra)


def good_starters() -> StarterSet:
    return StarterSet(
        starters=[
            starter("When I disagree with you in a meeting, how would you like me to say it?",
                    "power_dynamics"),
            starter("Which habits from your first job still shape how Operations runs today?",
                    "generational_differences"),
            starter("What would make TikTok brand discovery click for you as a customer?"),
            starter("How do warehouse dashboards change your week?", "trust"),
        ],
        meta=meta(),
    )  # fmt: skip


REFLECTION = (
    "Session 3 with Richard. He talked over me twice when I raised why people are leaving. "
    "He still hasn't done the night-shift handover shadowing. "
    "I will email him all the quotes by Friday. "
    "He said the quote about being left alone in resus was unacceptable. "
    "Reach me at aisha.k@example.org or +44 20 7946 0958."
)


def case(**changes) -> ReflectionCase:
    values = {
        "id": "r001",
        "pair_id": "pair-test-01",
        "author": "mentor",
        "reflection": REFLECTION,
        "expected_facts": [
            "still hasn't done the night-shift handover shadowing",
            "email him all the quotes by Friday",
            "left alone in resus",
        ],
        "traps": ["agreed to meet weekly on Mondays", "shared the quotes on Microsoft Teams"],
        "expected_flags": ["power_imbalance"],
    }
    return ReflectionCase(**{**values, **changes})


def span(quote: str) -> Span:
    start = REFLECTION.index(quote)
    return Span(start=start, end=start + len(quote), quote=quote)


def good_summary() -> ReflectionSummary:
    s1 = "He still hasn't done the night-shift handover shadowing."
    s2 = "I will email him all the quotes by Friday."
    s3 = "He said the quote about being left alone in resus was unacceptable."
    flag = "He talked over me twice when I raised why people are leaving."
    return ReflectionSummary(
        key_takeaways=[
            Takeaway(text="The quote about being left alone in resus landed as unacceptable",
                     span=span(s3)),
            Takeaway(text="He still hasn't done the night-shift handover shadowing",
                     span=span(s1)),
        ],
        action_items=[SummaryAction(text="Email him all the quotes by Friday", owner="mentor",
                                    due="Friday", span=span(s2))],
        mutual_benefit=MutualBenefit(),
        flags=[Flag(kind="power_imbalance", evidence=flag, span=span(flag))],
        meta=meta(),
    )  # fmt: skip


class FakeEmbedder:
    """Bag of content words hashed into 64 dimensions: similar wording, similar vectors."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1.0
        return out


def fake_embedding_function():
    """A Chroma embedding function over ``FakeEmbedder``: no model files needed."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

    class FakeEmbeddingFunction(EmbeddingFunction[Documents]):
        def __init__(self) -> None:
            self.embedder = FakeEmbedder()

        def __call__(self, input: Documents) -> Embeddings:
            return list(self.embedder.embed(list(input)) + 1e-3)

        @staticmethod
        def name() -> str:
            return "flipside-test-fake"

        def get_config(self) -> dict:
            return {}

        @staticmethod
        def build_from_config(config: dict) -> FakeEmbeddingFunction:
            return FakeEmbeddingFunction()

    return FakeEmbeddingFunction()
