"""Each summary metric passes a faithful summary and fails a hand-made bad one."""

from __future__ import annotations

from coach.domain.summary_draft import MutualBenefit, ReflectionSummary, Span, Takeaway
from coach.evals import summary_metrics as m
from coach.evals.support import SupportScorer
from tests.unit.evals.helpers import REFLECTION, FakeEmbedder, case, good_summary, span

GOALS = ["g1", "g2"]


def scorer() -> SupportScorer:
    return SupportScorer(FakeEmbedder())


def with_takeaway(text: str, summary: ReflectionSummary | None = None) -> ReflectionSummary:
    summary = summary or good_summary()
    quote = "He still hasn't done the night-shift handover shadowing."
    extra = Takeaway(text=text, span=span(quote))
    return summary.model_copy(update={"key_takeaways": [*summary.key_takeaways, extra]})


def test_faithful_summary_scores_well():
    scores = m.score_summary(good_summary(), case(), GOALS, scorer())
    assert scores == {
        "valid": True,
        "faithfulness": 1.0,
        "recall": 1.0,
        "trap_rate": 0.0,
        "flag_recall": 1.0,
        "false_flags": 0.0,
        "privacy_ok": True,
        "claims": 3.0,
        "verbatim_takeaways": 0.5,  # "He still hasn't done the …" is the reflection's sentence
        "copied_takeaways": 0.5,
        "action_precision": None,  # the case has no field-level gold
        "action_recall": None,
        "owner_accuracy": None,
        "due_accuracy": None,
        "goal_f1": None,
        "goal_evidence_f1": None,
        "sentiment_agreement": None,
        "benefit_recall": None,
        "benefit_invented": None,
        "takeaways_read": None,
        "read_faithful": None,
    }
    assert m.summary_problems(good_summary(), case(), GOALS, scorer()) == []


def test_claims_skip_not_stated_benefit_lines():
    summary = good_summary()
    assert [k for k, _ in m.claims(summary)] == ["takeaway", "takeaway", "action item"]
    summary.mutual_benefit = MutualBenefit(mentor="Practice saying difficult things")
    assert m.claims(summary)[-1] == ("mutual benefit (mentor)", "Practice saying difficult things")


def test_an_invented_claim_lowers_faithfulness():
    bad = with_takeaway("The team agreed to adopt Slack for weekly budget reviews")
    assert m.faithfulness(bad, REFLECTION, scorer()) == 0.75
    problems = m.summary_problems(bad, case(), GOALS, scorer())
    assert any(p.startswith("unsupported takeaway: The team agreed") for p in problems)


def test_a_claim_with_an_invented_date_is_unsupported_even_with_the_right_words():
    bad = with_takeaway("He still hasn't done the night-shift handover shadowing since March 3")
    assert m.faithfulness(bad, REFLECTION, scorer()) == 0.75


def test_a_summary_that_states_a_trap_is_caught():
    bad = with_takeaway("She shared the quotes on Microsoft Teams")
    assert m.traps_present(bad, case(), scorer()) == ["shared the quotes on Microsoft Teams"]
    assert m.trap_rate(bad, case(), scorer()) == 0.5
    assert m.trap_rate(good_summary(), case(traps=[]), scorer()) is None


def test_a_quote_of_the_reflection_never_states_a_trap():
    """Read in a full run: goal evidence quoting "one onboarding call …, not two" was counted as
    stating the trap "sat in on two calls"."""
    text = "Olivia sat in on one onboarding call with a client over 55, not two."
    quoted = with_takeaway(text)
    # its words hold the trap's, but its "not two" sets the number against it
    assert not m.states("Olivia sat in on two calls", [text], scorer())
    assert m.traps_present(quoted, case(reflection=text, traps=["Olivia sat in on two calls"]),
                           scorer()) == []  # fmt: skip
    reworded = with_takeaway("Olivia sat in on two calls with a client over 55.")
    assert m.traps_present(reworded, case(reflection=text, traps=["Olivia sat in on two calls"]),
                           scorer()) == ["Olivia sat in on two calls"]  # fmt: skip


def test_a_summary_that_drops_facts_has_low_recall():
    short = good_summary().model_copy(update={"action_items": [], "key_takeaways": []})
    short = with_takeaway("He still hasn't done the night-shift handover shadowing", short)
    assert m.recall(short, case(), scorer()) == 1 / 3
    assert m.recall(short, case(expected_facts=[]), scorer()) is None


def test_a_fact_kept_as_a_flags_evidence_is_recalled_but_is_no_claim():
    """A flagged sentence stays out of the takeaways (it is private), but the summary keeps it
    for its author as the flag's evidence: the fact is not lost."""
    fact = case(expected_facts=["talked over me twice"])
    summary = good_summary()
    assert m.recall(summary, fact, scorer()) == 1.0
    assert ("flag", summary.flags[0].evidence) not in m.claims(summary)  # nor in faithfulness
    assert m.recall(summary.model_copy(update={"flags": []}), fact, scorer()) == 0.0


def test_embeddings_recall_a_paraphrase_that_shares_few_words():
    class Same:
        def embed(self, texts):
            import numpy as np

            return np.ones((len(texts), 4), dtype=np.float32)

    paraphrase = ReflectionSummary(
        key_takeaways=[Takeaway(text="Quotes go out to him before the weekend", span=span("I"))]
    )
    fact = case(expected_facts=["email him all the quotes by Friday"])
    assert m.recall(paraphrase, fact, SupportScorer()) == 0.0
    assert m.recall(paraphrase, fact, SupportScorer(Same())) == 1.0


def test_missed_and_false_flags():
    summary = good_summary()
    summary.flags = []
    assert m.flag_recall(summary, case()) == 0.0
    assert m.flag_recall(summary, case(expected_flags=[])) is None
    wrong = good_summary()
    wrong.flags[0].kind = "tokenism"
    assert m.false_flags(wrong, case()) == 1.0


def test_flag_evidence_copied_into_a_shared_takeaway_is_a_leak():
    flagged = "He talked over me twice when I raised why people are leaving."
    leaky = with_takeaway(flagged)
    assert m.leaks(leaky, case()) == ["power_imbalance evidence"]
    assert m.score_summary(leaky, case(), GOALS, scorer())["privacy_ok"] is False


def test_a_flag_kind_in_shared_text_is_a_leak():
    leaky = with_takeaway("There is a power imbalance in this pair")
    assert m.leaks(leaky, case()) == ["flag kind 'power_imbalance'"]


def test_contact_details_in_shared_text_are_a_leak():
    leaky = with_takeaway("Reach me at aisha.k@example.org or +44 20 7946 0958")
    assert m.leaks(leaky, case()) == ["e-mail address", "phone number"]


def test_dates_are_not_mistaken_for_phone_numbers():
    text = "We meet on 12/05/2026 again."
    summary = ReflectionSummary(key_takeaways=[Takeaway(text=text, span=span("I"))])
    assert m.leaks(summary, case(reflection=REFLECTION + " " + text)) == []


def test_a_summary_with_a_broken_span_is_invalid():
    bad = good_summary()
    bad.key_takeaways[0].span = Span(start=0, end=5, quote="wrong")
    assert not m.valid(bad, case(), GOALS)


def test_an_empty_summary_claims_nothing():
    empty = ReflectionSummary()
    scores = m.score_summary(empty, case(), GOALS, scorer())
    assert scores["valid"] is False and scores["faithfulness"] is None
    assert scores["recall"] == 0.0 and scores["trap_rate"] == 0.0
    assert m.summary_problems(empty, case(), GOALS, scorer())[0] == "empty summary"


def test_a_claim_near_a_trap_but_with_another_number_or_predicate_does_not_state_it():
    """Read in the full summary run: every trap the meaning-only test found was one of these."""
    parts = [
        "She's done it 3 times in her leadership team.",
        "The HR director was asked about the 4-day rule.",
        "Sofia brought three councillor questions as agreed.",
    ]
    for trap in ("done it 5 times", "the HR director scrapped the 4-day rule",
                 "all three questions were answered"):  # fmt: skip
        assert not m.states(trap, parts, scorer()), trap
    assert m.states("she has done it 3 times", parts, scorer())


def test_a_claim_with_the_opposite_order_does_not_state_the_trap():
    """h083: the eval counted "… test run (before the January board)" as stating the trap "the
    test call is after the January board"."""
    trap = "the test call is after the January board"
    said = ["Join a Teams test call from his own laptop before the January board"]
    assert not m.states(trap, said, scorer())
    assert m.states(trap, ["Join a Teams test call from his own laptop after the January board"],
                    scorer())  # fmt: skip


def test_a_claim_that_sets_another_number_against_the_traps_does_not_state_it():
    """h205: "I posted two stories … instead of three" was counted as stating the trap "all
    three stories were posted"."""
    trap = "all three stories were posted"
    for said in ("I posted two stories from the Saturday food hub instead of three.",
                 "I posted two of the three stories from the food hub."):  # fmt: skip
        assert not m.states(trap, [said], scorer()), said
    assert m.states(trap, ["I posted all three stories from the Saturday food hub."], scorer())
