"""The action model: its features, its file, and how the summary reads the rules' actions
with it (a sentence added, an action dropped, the rules' refusals kept)."""

import json
import stat
from pathlib import Path

import numpy as np
import pytest

from coach.domain.pair_profile import PairProfile
from coach.domain.summary_actions import find_actions
from coach.domain.wording import sentences
from coach.generation.action_model import (
    SCALARS,
    ActionModel,
    action_features,
    owned,
    owner_row,
    repeats,
    with_model,
)
from coach.generation.meaning import Meaning
from tests.fake_tools import embed

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[3]
PAIR = PairProfile.model_validate(
    json.loads((REPO / "evals/datasets/pairs/pair-logistics-01.json").read_text())
)
UNSEEN = "Frank plans a depot call about the rota."  # a plan without a deadline: no rule
KNOWN = "Frank will ask two drivers about it before next time."


def favouring(sentence: str, add: float = 0.9, veto: float = 0.5) -> ActionModel:
    """A model that scores ``sentence`` near 1 and every other one near 0."""
    direction = embed([sentence])[0]
    weights = np.concatenate([np.zeros(len(SCALARS)), 40 * direction])
    return ActionModel(weights.astype(np.float32), -30.0, add, veto, {})


def read(text: str, model: ActionModel | None, private: frozenset[int] = frozenset()) -> dict:
    """The actions of ``text`` (a mentor's reflection): their wording to their owner."""
    found = sentences(text)
    actions = find_actions(text, PAIR, "mentor")
    if model is not None:
        actions = with_model(actions, found, text, PAIR, "mentor", model, Meaning(embed),
                             set(private))  # fmt: skip
    return {a.text: a.owner for a in actions}


def test_each_sentence_has_its_signs_then_its_vector():
    texts = ["- Me: write up the six stories by Friday.", "He laughed."]
    rows = action_features(texts, embed(texts))
    assert rows.shape == (2, len(SCALARS) + embed(["x"]).shape[1])
    signs = dict(zip(SCALARS, rows[0, : len(SCALARS)] / 3.0, strict=True))
    assert (signs["due"], signs["list_line"], signs["owned"], signs["writer"]) == (1, 1, 1, 1)
    assert rows[1, : len(SCALARS) - 1].tolist() == [0.0] * (len(SCALARS) - 1)


@pytest.mark.parametrize(
    "line",
    [
        "Me: write up the stories.",
        "Actions: Ivan to find out the cost.",
        "Owner: Janet. Letter to every TA.",
        "My task: keep posting.",
    ],
)
def test_a_line_that_names_its_owner_first_is_owned(line):
    assert owned(line)


def test_a_sentence_about_someone_is_not_owned():
    assert not owned("Ivan told me about the tool.")


def test_a_model_is_written_readable_by_all_and_read_back(tmp_path):
    model = ActionModel(np.arange(8, dtype=np.float32) / 10, -0.5, 0.9, 0.5, {"command": "x"})
    path = tmp_path / "action-model.json"
    model.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    back = ActionModel.load(path)
    assert back.weights.tolist() == pytest.approx(model.weights.tolist())
    assert (back.bias, back.add, back.veto, back.about) == (-0.5, 0.9, 0.5, {"command": "x"})


def test_a_file_that_is_not_an_action_model_is_refused(tmp_path):
    path = tmp_path / "action-model.json"
    path.write_text(json.dumps({"weights": [0.1], "bias": 0, "add": 0.9, "veto": 0.5}))
    with pytest.raises(ValueError, match="weights"):
        ActionModel.load(path)


def test_a_sentence_the_rules_pass_over_is_added_with_its_owner():
    text = f"Good session. {UNSEEN} {KNOWN}"
    assert list(read(text, None)) == ["Frank will ask two drivers about it"]
    found = {a.clause.text: (a.owner, a.due) for a in with_model(
        find_actions(text, PAIR, "mentor"), sentences(text), text, PAIR, "mentor",
        favouring(UNSEEN), Meaning(embed), set())}  # fmt: skip
    assert found[UNSEEN] == ("mentee", "")


def test_an_action_the_model_scores_low_in_its_sentence_and_alone_is_dropped():
    text = f"Good session. {KNOWN}"
    assert read(text, None)  # the rules find it
    assert read(text, favouring("Good session.")) == {}
    assert read(text, favouring(KNOWN)) == read(text, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Frank might ring the depot about the rota before the 12th.",  # a hedge
        "Frank rang the depot about the rota, as promised.",  # done already
        "Frank had already rung the depot about the rota.",
        "Oh sure, Frank rings the depot about the rota before the 12th.",  # irony
        "Lunch duties will be paid from September.",  # nobody's
        "Does Frank ring the depot before the 12th?",  # a question
        # what people in general will do, in someone's words (h198)
        "Marta said nobody over 40 will tell me a plan is bad, they'll tell their manager.",
    ],
)
def test_the_rules_refusals_hold_for_a_sentence_the_model_would_add(sentence):
    assert read(f"Good session. {sentence}", favouring(sentence)) == {}


def test_a_private_sentence_is_never_added():
    text = f"Good session. {UNSEEN}"
    start = text.index(UNSEEN)
    assert read(text, favouring(UNSEEN), frozenset({start})) == {}
    assert read(text, favouring(UNSEEN))


def test_a_model_of_another_embedder_leaves_the_rules_actions():
    other = ActionModel(np.zeros(len(SCALARS) + 5, dtype=np.float32), 30.0, 0.9, 0.5, {})
    text = f"Good session. {UNSEEN} {KNOWN}"
    assert read(text, other) == read(text, None)


@pytest.mark.parametrize(("added", "found", "again"), [
    ("Will send.", "Send Marketing a quote", True),  # a fragment
    ("I'll do the blurb for marketing", "Write the blurb for marketing by Wednesday", True),
    ("Frank plans a depot call about the rota", "Send him the slides", False),
])  # fmt: skip
def test_an_added_sentence_that_repeats_a_found_action_is_not_added(added, found, again):
    assert repeats(added, found) is again


def test_a_commitment_stated_in_so_many_words_is_kept_whatever_the_model_says():
    said = "Good session. I need to send him the slides. I've volunteered to run the rota review."
    assert len(read(said, None)) == 2
    assert read(said, favouring("Good session.")) == read(said, None)


def test_an_offer_answered_yes_in_its_sentence_is_kept_whatever_the_model_says():
    """h172: "She offered to show me …, and I said yes please." was dropped by the veto."""
    offer = "Good session. Frank offered to show me the rota tool, and I said yes please."
    kept = read(offer, None)
    assert kept
    assert read(offer, favouring("Good session.")) == kept


@pytest.mark.parametrize(
    "offer",
    [
        # h188, h186: taken up in the sentence, or in a "Yes." of its own after it
        "Frank offered to organise a depot visit with the engineer, and I accepted gladly.",
        "Frank's offered to brief whoever takes on the second depot. Yes.",
    ],
)
def test_an_offer_taken_up_is_kept_whatever_the_model_says(offer):
    text = f"Good session. {offer}"
    kept = read(text, None)
    assert kept
    assert read(text, favouring("Good session.")) == kept


def test_an_offer_nobody_took_up_is_still_the_models_to_drop():
    text = "Good session. Frank offered to organise a depot visit with the engineer. We'll see."
    assert read(text, None)
    assert read(text, favouring("Good session.")) == {}


def test_a_task_tables_row_names_its_owner_in_its_first_cell():
    """h213: "| Noah | Pick two stories a week for the trial | - |" is a task the table gives
    someone of the pair; "| Time | 60 min booked |" and "| Feedback check-ins | …" are not."""
    assert owner_row("| Frank | Pick two stories a week for the trial | - |", PAIR)
    assert owner_row("| Me | Ask the depot to trial it | w/c 5 January |", PAIR)
    assert owner_row("| Bilal Qureshi | Send the rota |", PAIR)
    assert not owner_row("| Time | 60 min booked, we used about 50 |", PAIR)
    assert not owner_row("| Feedback check-ins | I've done one of the four. |", PAIR)
    assert not owner_row("Frank | not a row", PAIR)
