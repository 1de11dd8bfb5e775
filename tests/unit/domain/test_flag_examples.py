"""The flag examples' schema and checks, and the shipped examples."""

import json
import re
from pathlib import Path

from coach.domain.flag_examples import MIN_EACH
from coach.services.library import read_examples

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "library" / "flag-examples"


def write(folder: Path, kind: str, rows: list[dict]) -> None:
    (folder / f"{kind}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def row(text: str, label: int = 1) -> dict:
    return {"text": text, "label": label, "writer": "mentor", "note": "test"}


def test_each_broken_line_is_named(tmp_path):
    write(tmp_path, "tokenism", [
        row("The photographer got more of her time than I did today."),
        row("The photographer got more of her time than I did today."),
        row("Too short."),
        {"text": "He moved it again.", "label": 2, "writer": "mentor"},
        {"text": "Comms wanted a quote before we had even met.", "label": 1, "writer": "lead"},
    ])  # fmt: skip
    _, problems = read_examples(tmp_path)
    text = "\n".join(problems)
    assert "power_imbalance.jsonl: missing" in text
    assert "tokenism.jsonl:2: the same sentence twice" in text
    assert "tokenism.jsonl:3: 2 words" in text
    assert re.search(r"tokenism.jsonl:4: .*label", text)
    assert re.search(r"tokenism.jsonl:5: .*writer", text)
    assert f"tokenism.jsonl: 0 sentences labelled 0; need {MIN_EACH}" in text


def test_the_shipped_examples_pass_their_checks():
    examples, problems = read_examples(SHIPPED)
    assert problems == []
    assert all(sum(e.label for e in rows) >= MIN_EACH for rows in examples.values())


def test_no_shipped_example_repeats_a_held_out_reflection():
    """The examples were written by people who had not read the project's data; a sentence
    of the frozen held-out set among them would make its flag figures a fit."""
    held_out = " ".join(
        json.loads(line)["reflection"].casefold()
        for line in (REPO / "evals" / "heldout" / "reflections.jsonl").read_text().splitlines()
        if line.strip()
    )
    examples, _ = read_examples(SHIPPED)
    assert not [e.text for rows in examples.values() for e in rows if e.text.casefold() in held_out]
