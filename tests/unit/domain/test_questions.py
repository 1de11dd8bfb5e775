"""The generic-question metric fails generic questions, passes personal ones, and agrees with
the labels someone else wrote (evals/datasets/generic_questions.jsonl)."""

import json
from pathlib import Path

import pytest

from coach.domain.questions import generic_rate, is_generic, problems

REPO = Path(__file__).resolve().parents[3]
GOALS = ["Make engineering hiring more age-inclusive"]
NAMES = ["Deborah", "Ryan"]


@pytest.mark.parametrize("question, why", [
    ("What are some of the key features of TikTok?", "a textbook list"),
    ("How can you build trust with new employees?", "a how-to anyone could be asked"),
    ("What do you think about students using AI?", "an opinion on a topic in general"),
    ("How can the junior mentor challenge the senior leader?", "about the pair in the third person"),  # noqa: E501
    ("How can we make engineering hiring more age-inclusive?", "a goal restated as a question"),
    ("Is there anything else you would like to discuss?", "an empty filler"),
    ("Why is diversity important on the shop floor?", "asks no one present"),
    # the library-template labels of 2026-12-07 (a second helper, blind to the metric)
    ("Could you walk me through the new rota app as if I were starting from zero?",
     "an explanation anyone could give"),
    ("In all the talk about the new rota app, what do you suspect is mostly hype?",
     "an opinion on a topic in general"),
])  # fmt: skip
def test_generic_questions_are_caught_with_their_reason(question, why):
    assert why in problems(question, GOALS, NAMES)


@pytest.mark.parametrize("question", [
    "When you last posted a job ad, which phrase did you hesitate over?",
    "What would you want me to stop doing when I present to your board?",
    "What did you try since we last met, and what got in the way?",
    "Ryan: Remove 'digital native' from open job ads. Done, started or dropped?",
    "What does Ryan want from this session?",
    # … which the same labels call specific: they ask about the person's own practice
    "When I ask for questions in a meeting and the room goes quiet, what do you think people "
    "are actually thinking?",
    "When you were new, how did you find out the unwritten rules, and how do you think people "
    "joining Operations find them out now?",
    "How do you judge who's committed in Operations, and would someone like me pass that test?",
    "How can I make it feel fine for you to say you're lost while we work on the rota?",
    "How could we make your manager glad you spend time on these sessions, rather than resentful?",
])  # fmt: skip
def test_questions_about_the_people_in_the_room_pass(question):
    assert not is_generic(question, GOALS, NAMES)


def test_the_rate_is_the_share_of_generic_questions():
    assert generic_rate([]) is None
    assert generic_rate(["What are the benefits of AI?", "What did you try this week?"]) == 0.5


def test_it_agrees_with_the_labels_someone_else_wrote():
    pairs = {}
    for path in (REPO / "evals/datasets/pairs").glob("*.json"):
        data = json.loads(path.read_text())
        names = [data[s]["name"].split()[0] for s in ("mentor", "mentee")]
        pairs[data["id"]] = ([g["text"] for g in data["goals"]], names)
    rows = [json.loads(line) for line in (REPO / "evals/datasets/generic_questions.jsonl")
            .read_text().splitlines() if line.strip()]  # fmt: skip
    assert len(rows) >= 200
    said = [is_generic(r["question"], *pairs.get(r["pair"] or "", ([], []))) for r in rows]
    hits = sum(s and r["generic"] for s, r in zip(said, rows, strict=True))
    precision = hits / sum(said)
    recall = hits / sum(r["generic"] for r in rows)
    agreement = sum(s == r["generic"] for s, r in zip(said, rows, strict=True)) / len(rows)
    # Measured 0.917 / 0.984 / 0.943 when written (docs/evals.md); a floor, not the figure.
    assert precision >= 0.9 and recall >= 0.95 and agreement >= 0.93
