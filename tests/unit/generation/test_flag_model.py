"""The sentence flag classifier: a kind's best sentence at or above its threshold is a flag, or
at or above its lower threshold beside a weak cue of the rules."""

import numpy as np
import pytest

from coach.domain.wording import sentences
from coach.generation.flag_model import FlagModel, model_flags

TEXT = "We looked at the rota. He answered every question I asked him himself. As we agreed, fine."


def model(threshold: float = 0.9, with_cue: float = 0.9) -> FlagModel:
    """Power imbalance reads the first dimension, tokenism the second."""
    kinds = ("power_imbalance", "tokenism")
    return FlagModel(
        weights={
            "power_imbalance": np.array([10.0, 0, 0], np.float32),
            "tokenism": np.array([0, 10.0, 0], np.float32),
        },
        bias=dict.fromkeys(kinds, -5.0),
        threshold=dict.fromkeys(kinds, threshold),
        with_cue=dict.fromkeys(kinds, with_cue),
        about={"embedder": "test"},
    )


VECTORS = np.array([[0, 0, 1], [1, 0, 0], [0, 0.6, 0]], np.float32)  # one row per sentence


def test_the_best_sentence_at_or_above_the_threshold_is_the_evidence():
    found = sentences(TEXT)
    (flag,), private = model_flags(found, VECTORS, model(), {})
    assert flag.kind == "power_imbalance"
    assert flag.evidence == "He answered every question I asked him himself."
    assert TEXT[flag.span.start : flag.span.end] == flag.evidence
    assert private == {flag.span.start}


def test_below_the_threshold_or_raised_by_the_rules_is_no_flag():
    found = sentences(TEXT)
    assert model_flags(found, VECTORS, model(threshold=0.995), {}) == ([], set())
    raised = {"power_imbalance": [(found[0], 2)]}  # the rules' two points
    assert model_flags(found, VECTORS, model(), raised) == ([], set())


def test_a_weak_cue_lowers_the_score_needed_and_its_sentence_stays_private():
    found = sentences(TEXT)
    weak = {"power_imbalance": [(found[0], 1)]}
    assert model_flags(found, VECTORS, model(threshold=0.995, with_cue=2.0), weak)[0] == []
    (flag,), private = model_flags(found, VECTORS, model(threshold=0.995, with_cue=0.9), weak)
    assert flag.kind == "power_imbalance" and private == {found[0].start, found[1].start}


def test_a_sentence_the_rules_rule_out_is_never_evidence():
    found = sentences(TEXT)
    vectors = np.array([[0, 0, 1], [0, 0, 1], [1, 0, 0]], np.float32)  # "As we agreed" scores
    assert model_flags(found, vectors, model(), {}) == ([], set())


def test_vectors_of_another_embedder_are_not_read():
    found = sentences(TEXT)
    assert model_flags(found, np.ones((3, 5), np.float32), model(), {}) == ([], set())


def test_a_model_survives_saving_and_loading(tmp_path):
    path = tmp_path / "flag-model.json"
    model().save(path)
    again = FlagModel.load(path)
    assert again.threshold == model().threshold and again.about == {"embedder": "test"}
    assert again.with_cue == model().with_cue
    assert np.allclose(again.scores(VECTORS)["tokenism"], model().scores(VECTORS)["tokenism"])


def test_a_file_that_is_no_flag_model_is_refused(tmp_path):
    path = tmp_path / "flag-model.json"
    path.write_text('{"kinds": {"rudeness": {"weights": [1], "bias": 0, "threshold": 0.5}}}')
    with pytest.raises(ValueError, match="rudeness"):
        FlagModel.load(path)


def test_a_heading_or_a_short_line_is_never_evidence():
    """flags-1: "What I'm supposedly doing:" was shown as a flag's evidence (graded 1 of 5)."""
    text = "What I'm supposedly doing:\n- all of it again\n\nWe booked the next date for March."
    found = sentences(text)
    assert len(found) == 3
    vectors = np.array([[1, 0, 0], [1, 0, 0], [0, 0, 1]], np.float32)
    assert model_flags(found, vectors, model(), {}) == ([], set())


def test_a_flag_the_next_sentence_says_is_no_harm_is_not_raised():
    """h186: a photo for the intranet, then "it's one photo after six proper sessions"."""
    text = "We looked at the rota. Comms took a photo of us for the intranet. It's one photo, fine."
    vectors = np.array([[0, 0, 1], [0, 1, 0], [0, 0, 1]], np.float32)
    assert model_flags(sentences(text), vectors, model(), {}) == ([], set())
    alone = "We looked at the rota. Comms took a photo of us for the intranet. Then we left."
    assert [f.kind for f in model_flags(sentences(alone), vectors, model(), {})[0]] == ["tokenism"]
