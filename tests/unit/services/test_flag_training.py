"""Training the flag classifier: balanced logistic models, other kinds' positives as negatives."""

import json

import numpy as np

from coach.domain.flag_examples import FlagExample
from coach.generation.flag_model import FlagModel
from coach.services.flag_training import fit, labelled_for, train_from_folder


def example(text: str, label: int) -> FlagExample:
    return FlagExample(text=text, label=label, writer="mentor")


def test_a_separable_set_is_separated_whatever_the_balance():
    rng = np.random.default_rng(7)
    positives = rng.normal([2, 0], 0.3, (20, 2))
    negatives = rng.normal([-2, 0], 0.3, (200, 2))
    w, b = fit(np.vstack([positives, negatives]), np.array([1] * 20 + [0] * 200))
    scores = 1 / (1 + np.exp(-(np.vstack([positives, negatives]) @ w + b)))
    assert scores[:20].min() > 0.9 and scores[20:].max() < 0.1


def test_the_other_kinds_positives_are_a_kinds_negatives():
    examples = {
        "tokenism": [example("Comms wanted the photo first.", 1), example("We met.", 0)],
        "power_imbalance": [example("He talked over me.", 1), example("He listened.", 0)],
    }
    data = labelled_for("tokenism", examples)
    assert list(zip(data.texts, data.labels, strict=True)) == [
        ("Comms wanted the photo first.", 1),
        ("We met.", 0),
        ("He talked over me.", 0),
    ]


def test_training_writes_a_model_that_reads_its_own_examples(tmp_path):
    folder = tmp_path / "flag-examples"
    folder.mkdir()
    words = {"power_imbalance": "talked", "tokenism": "photo", "one_sided_benefit": "unpaid"}
    for kind, word in words.items():
        rows = [{"text": f"Line {i} of notes where it was {word} again and again.", "label": 1,
                 "writer": "mentor"} for i in range(200)]  # fmt: skip
        rows += [{"text": f"Line {i} of ordinary notes about the rota and the plan.", "label": 0,
                  "writer": "mentee"} for i in range(200)]  # fmt: skip
        (folder / f"{kind}.jsonl").write_text("\n".join(json.dumps(r) for r in rows))

    def embed(texts: list[str]) -> np.ndarray:
        return np.array([[w in t for w in words.values()] + [1.0] for t in texts], np.float32)

    model, path = train_from_folder(tmp_path, threshold=0.9, with_cue=0.8, embed=embed)
    again = FlagModel.load(path)
    scores = again.scores(embed(["It was unpaid again.", "We agreed the rota."]))
    assert scores["one_sided_benefit"][0] > 0.9 and scores["one_sided_benefit"][1] < 0.1
    assert scores["tokenism"][0] < 0.1  # another kind's positive
    assert again.about["examples"]["tokenism"] == {"0": 200, "1": 200}
    assert model.threshold == dict.fromkeys(words, 0.9)
    assert again.with_cue == dict.fromkeys(words, 0.8)
