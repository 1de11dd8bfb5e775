"""Field-level summary metrics: each passes the right summary and fails a hand-made wrong one."""

from pathlib import Path

import pytest

from coach.domain.summary_draft import GoalProgress, MutualBenefit, SummaryAction
from coach.evals.datasets import load_reflection_set, load_reflections
from coach.evals.summary_gold import Gold, gold_scores, verbatim
from tests.unit.evals.helpers import REFLECTION, good_summary, span

pytestmark = pytest.mark.unit
EMAIL = "I will email him all the quotes by Friday."
GOLD = Gold.of({
    "actions": [{"text": "email him all the quotes", "owner": "mentor", "due": "by Friday",
                 "span": "I will email him all the quotes by Friday"}],
    "goal_progress": [{"goal_id": "g1", "evidence": "He said the quote about being left alone"}],
    "optional_actions": ["He still hasn't done the night-shift handover shadowing."],
})  # fmt: skip


def with_actions(*actions: SummaryAction, goals: tuple[str, ...] = ()):
    progress = [GoalProgress(goal_id=g, evidence="x", span=span(EMAIL)) for g in goals]
    return good_summary().model_copy(
        update={"action_items": list(actions), "goal_progress": progress}
    )


def act(text: str, owner: str = "mentor", due: str | None = "Friday", quote: str = EMAIL):
    return SummaryAction(text=text, owner=owner, due=due, span=span(quote))


def score(summary) -> dict:
    return gold_scores(summary, GOLD, REFLECTION)


def test_the_right_action_scores_full_marks():
    got = score(with_actions(act("Email him all the quotes by Friday"), goals=("g1",)))
    assert (got["action_precision"], got["action_recall"]) == (1.0, 1.0)
    assert (got["owner_accuracy"], got["due_accuracy"], got["goal_f1"]) == (1.0, 1.0, 1.0)


def test_a_wrong_owner_and_someone_elses_deadline_are_caught():
    got = score(with_actions(act("Email him all the quotes", owner="mentee", due="next month")))
    assert got["action_recall"] == 1.0
    assert got["owner_accuracy"] == 0.0 and got["due_accuracy"] == 0.0


def test_an_invented_action_lowers_precision_and_a_missed_one_recall():
    invented = act("Book a meeting with the nursing director", quote="Session 3 with Richard.")
    got = score(with_actions(act("Email him all the quotes"), invented))
    assert got["action_precision"] == 0.5 and got["action_recall"] == 1.0
    missed = score(with_actions())
    assert missed["action_recall"] == 0.0 and missed["owner_accuracy"] is None


def test_an_optional_action_is_neither_rewarded_nor_penalised():
    shadow = "He still hasn't done the night-shift handover shadowing."
    got = score(with_actions(act("Email him the quotes"), act("Do the shadowing", "mentee",
                                                              None, shadow)))  # fmt: skip
    assert got["action_precision"] == 1.0


def test_goal_f1_counts_wrong_and_missing_goals():
    assert score(with_actions(goals=("g1", "g2")))["goal_f1"] == pytest.approx(2 / 3)
    assert score(with_actions())["goal_f1"] == 0.0


def test_verbatim_takeaways():
    assert verbatim("He still hasn't done the night-shift handover shadowing", REFLECTION)
    assert verbatim("email him all the quotes by Friday", REFLECTION)  # a clause copied whole
    assert not verbatim("Richard has not shadowed a handover yet", REFLECTION)


def test_the_shipped_gold_loads_with_the_cases():
    folder = Path(__file__).resolve().parents[3] / "evals/datasets"
    cases = load_reflections(folder / "reflections.jsonl")
    hard = load_reflections(folder / "reflections_hard.jsonl")
    assert all(c.gold is not None for c in cases + hard)
    assert len(hard) >= 20 and sum(len(c.gold.actions) for c in cases) > 36


def evidenced(goal: str, evidence: str):
    progress = [GoalProgress(goal_id=goal, evidence=evidence, span=span(evidence))]
    return good_summary().model_copy(update={"goal_progress": progress})


def test_goal_evidence_f1_needs_evidence_that_fits_the_goal():
    fits = "He said the quote about being left alone"
    assert score(evidenced("g1", fits))["goal_evidence_f1"] == 1.0
    # the right goal id "shown" by a sentence about something else: the id F1 passes it
    wrong = score(evidenced("g1", EMAIL))
    assert wrong["goal_f1"] == 1.0 and wrong["goal_evidence_f1"] == 0.0


def test_a_sentence_labelled_as_evidence_counts_and_its_goal_counts_as_moved():
    labelled = Gold.of({"actions": [], "goal_progress": [{"goal_id": "g1", "evidence": "x y"}]})
    labelled = Gold(goals=labelled.goals, evidence=labelled.evidence,
                    accepted={"g2": (EMAIL,)})  # fmt: skip
    assert gold_scores(evidenced("g2", EMAIL), labelled, REFLECTION)["goal_evidence_f1"] == (
        pytest.approx(2 / 3)  # one of one shown, one of two moved goals found
    )


def test_sentiment_agreement_is_read_against_the_readers_label():
    summary = good_summary().model_copy(update={"sentiment": "mixed"})
    assert gold_scores(summary, Gold(sentiment="mixed"), REFLECTION)["sentiment_agreement"] == 1.0
    assert (
        gold_scores(summary, Gold(sentiment="negative"), REFLECTION)["sentiment_agreement"] == 0.0
    )
    assert gold_scores(summary, Gold(), REFLECTION)["sentiment_agreement"] is None


def test_benefit_not_stated_where_the_text_states_it_is_a_miss_and_made_up_is_counted():
    gold = Gold(benefit={"mentor": "", "mentee": "heard the new starters' quotes"})
    unsaid = good_summary().model_copy(update={"mutual_benefit": MutualBenefit()})
    assert gold_scores(unsaid, gold, REFLECTION)["benefit_recall"] == 0.0
    right = MutualBenefit(mentee="Heard quotes from new starters")
    scores = gold_scores(good_summary().model_copy(update={"mutual_benefit": right}), gold,
                         REFLECTION)  # fmt: skip
    assert scores["benefit_recall"] == 1.0 and scores["benefit_invented"] == 0.0
    made_up = MutualBenefit(mentor="Got better at presenting", mentee="Learned about budgets")
    scores = gold_scores(good_summary().model_copy(update={"mutual_benefit": made_up}), gold,
                         REFLECTION)  # fmt: skip
    assert scores["benefit_recall"] == 0.0 and scores["benefit_invented"] == 1.0


def test_the_readers_sentiment_loads_with_the_development_cases():
    cases = load_reflection_set(Path(__file__).resolve().parents[3] / "evals/datasets")
    felt = [c.gold.sentiment for c in cases if c.gold is not None]
    assert len(felt) == 252 and set(felt) == {"positive", "negative", "mixed", "neutral"}


def test_the_labelled_goal_evidence_loads_with_the_cases():
    folder = Path(__file__).resolve().parents[3] / "evals/datasets"
    cases = load_reflections(folder / "reflections.jsonl")
    assert sum(bool(c.gold.accepted) for c in cases) >= 30


def test_takeaways_are_read_as_faithful_only_where_a_reader_said_so_or_they_are_a_clause():
    summary = good_summary()  # one paraphrase, one clause of its sentence
    said = "He said the quote about being left alone in resus was unacceptable."
    paraphrase = "The quote about being left alone in resus landed as unacceptable"
    key = (said.lower(), paraphrase.lower())
    scores = gold_scores(summary, Gold(read={key: "changed"}), REFLECTION)
    assert scores["takeaways_read"] == 1.0 and scores["read_faithful"] == 0.5
    scores = gold_scores(summary, Gold(read={key: "faithful"}), REFLECTION)
    assert scores["read_faithful"] == 1.0
    unread = gold_scores(summary, Gold(read={("another", "line"): "changed"}), REFLECTION)
    assert unread["takeaways_read"] == 0.5 and unread["read_faithful"] == 1.0
    assert gold_scores(summary, Gold(), REFLECTION)["read_faithful"] is None


def test_the_readers_takeaway_labels_load_with_the_development_cases():
    cases = load_reflection_set(Path(__file__).resolve().parents[3] / "evals/datasets")
    read = [label for c in cases if c.gold is not None for label in c.gold.read.values()]
    assert len(read) >= 300 and {"faithful", "changed", "garbled", "wrong_person"} <= set(read)


def test_goal_evidence_is_read_where_its_span_is_not_as_reworded():
    """A table row is shown with its cells joined; the metric finds it by its span's quote."""
    fits = "He said the quote about being left alone"
    shown = [
        GoalProgress(goal_id="g1", evidence="Cells joined: none of its words", span=span(fits))
    ]
    summary = good_summary().model_copy(update={"goal_progress": shown})
    assert score(summary)["goal_evidence_f1"] == 1.0
