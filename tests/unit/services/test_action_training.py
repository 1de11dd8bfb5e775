"""Training the action model from the development reflections' labelled actions."""

import subprocess
import sys
from pathlib import Path

import pytest

from coach.evals.action_cases import labelled_sentences
from coach.evals.datasets import development_set
from coach.generation.action_model import ActionModel
from coach.services.action_training import train_from_cases
from tests.fake_tools import embed

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[3]
DATASET = REPO / "evals" / "datasets"


def test_a_sentence_is_labelled_by_the_gold_actions_in_it_and_optional_ones_are_left_out():
    _, cases = development_set(DATASET)
    case = next(c for c in cases if c.id == "r018")
    rows = {s.text: label for _, s, label in labelled_sentences([case])}
    assert rows["Actions: Ivan to find out what that tool costs and who runs it."] == 1
    assert rows["Session 2 w/ Ivan, the 90 min workshop."] == 0
    optional = [c for c in cases if c.gold and c.gold.optional]
    for c in optional[:5]:
        texts = [s.text for _, s, _ in labelled_sentences([c])]
        assert not any(o in t for o in c.gold.optional for t in texts)


def test_a_model_is_trained_from_the_dataset_and_written_into_the_library(tmp_path):
    model, path = train_from_cases(tmp_path, DATASET, embed=embed)
    assert path == tmp_path / "action-model.json"
    back = ActionModel.load(path)
    assert (back.add, back.veto) == (model.add, model.veto)
    rows = model.about["rows"]
    assert rows["holds an action"] > 300 and rows["does not"] > 1500
    assert "--cases" in model.about["command"]


def test_the_command_says_what_it_trains_and_a_frozen_set_is_a_one_line_error(tmp_path):
    run = [sys.executable, "-m", "coach", "library", "train-actions"]
    shown = subprocess.run([*run, "--help"], capture_output=True, text=True, check=True)
    assert "--veto" in shown.stdout and "bench/action_model_firsts.py" in shown.stdout
    refused = subprocess.run([*run, str(tmp_path), "--cases", str(REPO / "evals" / "heldout")],
                             capture_output=True, text=True, cwd=REPO)  # fmt: skip
    assert refused.returncode != 0 and "frozen" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "action-model.json").exists()
