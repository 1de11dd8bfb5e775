"""`coach match` through the real entry point, with the fake embedder in place of MiniLM."""

from __future__ import annotations

import json
import re

import pytest

from coach.cli import build_parser, main
from coach.domain.candidates import COLUMNS
from tests.unit.evals.helpers import FakeEmbedder
from tests.unit.services.matching_helpers import BROKEN, DATASET, broken_rules, csv_rows

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    fake = FakeEmbedder()
    monkeypatch.setattr("coach.knowledge.embedder.shared_embedder", lambda: fake)
    return fake


def test_help_explains_the_file_and_gives_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["match", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "coach match --candidates" in out
    assert "reports_to" in out and "docs/matching.md" in out


def test_json_on_the_dataset_lists_legal_pairs_with_reasons(capsys):
    code = main(["match", "--candidates", str(DATASET), "--json", "--program", "prg_7"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(out) == {"program", "total", "pairs", "unmatched", "errors"}
    assert out["program"] == "prg_7" and out["errors"] == [] and out["unmatched"] == []
    rows = csv_rows()
    for pair in out["pairs"]:
        assert set(pair) == {"mentor", "mentee", "score", "reasons"}
        assert 2 <= len(pair["reasons"]) <= 3
        assert broken_rules(rows, pair["mentor"], pair["mentee"]) == []
    assert out["total"] == pytest.approx(sum(p["score"] for p in out["pairs"]), abs=0.01)


def test_broken_rows_are_one_stderr_line_each_and_the_rest_match(capsys):
    code = main(["match", "--candidates", str(BROKEN)])
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert code == 1
    numbers = [int(re.match(r"error: row (\d+)[ :]", line).group(1)) for line in errors]
    assert numbers == list(range(6, 15))
    assert "Mia Schmidt" in captured.out and "Olga Petrova" in captured.out
    assert "2 pairs, total score" in captured.out


@pytest.mark.parametrize(
    ("content", "expected"),
    [("", "the file is empty"), ("name,role\nAna,analyst\n", "lacks side")],
)
def test_an_empty_file_or_wrong_columns_exits_2_with_one_line(tmp_path, capsys, content, expected):
    path = tmp_path / "candidates.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["match", "--candidates", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coach: error: ") and expected in lines[0]


def test_a_swap_is_scored_or_refused_with_the_rule(capsys):
    code = main(["match", "--candidates", str(BROKEN), "--pair", "Mia Schmidt", "Hugo Laurent",
                 "--json"])  # fmt: skip
    scored = json.loads(capsys.readouterr().out)
    assert code == 0 and scored["mentor"] == "Mia Schmidt" and len(scored["reasons"]) == 3
    assert main(["match", "--candidates", str(BROKEN), "--pair", "Jonas Berg",
                 "Olga Petrova"]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert err == (
        "coach: error: Jonas Berg may not mentor Olga Petrova: Jonas Berg reports to Olga "
        "Petrova through Priyanka Shah\n"
    )


def test_capacity_keep_and_ended_reach_the_matcher(tmp_path, capsys):
    path = tmp_path / "c.csv"
    rows = [",".join(COLUMNS),
            "Sam,mentee,CFO,Finance,Boomer,,,automate reports,",
            "Pat,mentee,CSO,Sales,Boomer,,,find customers online,",
            "Jo,mentor,Analyst,Data,Gen Z,automate reports; find customers online,,,"]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["match", "--candidates", str(path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["pairs"]) == 1
    assert main(["match", "--candidates", str(path), "--json", "--capacity", "2"]) == 0
    assert len(json.loads(capsys.readouterr().out)["pairs"]) == 2
    assert main(["match", "--candidates", str(path), "--json", "--capacity", "2",
                 "--ended", "Jo", "Sam", "--keep", "Jo", "Pat"]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert [(p["mentor"], p["mentee"]) for p in out["pairs"]] == [("Jo", "Pat")]
    assert out["unmatched"][0]["name"] == "Sam"
    assert "pair that ended" in out["unmatched"][0]["why"]
