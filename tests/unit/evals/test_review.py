"""The blind review suite: packs hide which side is which, and scoring unblinds them honestly."""

import csv
import json
from pathlib import Path

import pytest

from coach.evals import review
from coach.evals.cli import run_review_pack, run_review_score
from tests.artifact_samples import AGENDA

pytestmark = pytest.mark.unit


def results(path: Path, titles: dict[str, str]) -> Path:
    """A results.json whose agenda cases carry ``titles``."""
    cases = [{"id": case, "output": {**AGENDA, "title": title}} for case, title in titles.items()]
    body = {"suites": {"agenda": {"systems": {"flipside": {"cases": cases}}}}}
    path.mkdir(parents=True)
    (path / "results.json").write_text(json.dumps(body))
    return path


def packed(tmp_path: Path, controls: list[str] | None = None) -> Path:
    a = review.read_run(results(tmp_path / "a", {f"p{n}": f"OLD-{n}" for n in range(6)}), "agenda")
    b = review.read_run(results(tmp_path / "b", {f"p{n}": f"NEW-{n}" for n in range(6)}), "agenda")
    out = tmp_path / "pack"
    review.pack("agenda", a, b, controls or ["CONTROL: a looped answer"], out)
    return out


def fill(pack: Path, choose) -> None:
    """Grade every item: ``choose(texts_of_item, key_item)`` gives (grade_1, grade_2, prefer)."""
    key = json.loads((pack / "key.json").read_text())
    sheet = (pack / "sheet.md").read_text()
    rows = []
    for name, item in key["items"].items():
        section = sheet.split(f"## {name}\n")[1].split("\n---\n")[0]
        one, two = section.split("### Side 2")
        rows.append([name, *choose((one, two), item), ""])
    with (pack / "grades.csv").open("w", newline="") as handle:
        csv.writer(handle).writerows([review.GRADE_COLUMNS, *rows])


def prefer_new(texts, item):
    """A reviewer who likes NEW outputs and rates the control low."""
    one, two = texts
    if "CONTROL" in one or "CONTROL" in two:
        return (1, 4, "2") if "CONTROL" in one else (4, 1, "1")
    return (2, 5, "2") if "NEW" in two else (5, 2, "1")


def test_the_sheet_never_says_which_run_a_side_comes_from(tmp_path):
    pack = packed(tmp_path)
    sheet = (pack / "sheet.md").read_text()
    assert sheet.count("## item-") == 7  # six cases and one control
    assert "run a" not in sheet.lower() and "/a/" not in sheet and "key" not in sheet.lower()
    firsts = [i.get("first") for i in json.loads((pack / "key.json").read_text())["items"].values()]
    assert {"a", "b"} <= set(firsts)  # sides are shuffled, not always A first


def test_a_reviewer_who_prefers_b_gives_b_a_full_win_rate(tmp_path):
    pack = packed(tmp_path)
    fill(pack, prefer_new)
    result = review.score(pack)
    assert result["counts"] is True and result["b_wins"]["rate"] == 1.0
    assert result["b_wins"]["n"] == 6 and result["b_wins"]["low"] < 1.0
    assert result["grades"]["b"]["mean"] == 5.0 and result["grades"]["a"]["mean"] == 2.0


def test_a_control_graded_high_voids_the_review(tmp_path, capsys):
    pack = packed(tmp_path)

    def careless(texts, item):
        return (4, 4, "same")

    fill(pack, careless)
    result = review.score(pack)
    assert result["counts"] is False and result["failed_controls"]
    assert result["b_wins"]["rate"] == 0.5  # every real comparison a tie
    args = type("Args", (), {"folder": str(pack), "json": False})()
    assert run_review_score(args) == 1
    assert "does not count" in capsys.readouterr().err


def test_a_grade_outside_one_to_five_is_named(tmp_path):
    pack = packed(tmp_path)
    fill(pack, lambda texts, item: (7, 1, "1"))
    with pytest.raises(review.ReviewError, match="grade 7 is not 1-5"):
        review.score(pack)


def test_runs_without_a_shared_case_or_unreadable_are_one_line_errors(tmp_path, capsys):
    a = results(tmp_path / "a", {"p1": "x"})
    b = results(tmp_path / "b", {"p2": "y"})
    args = type("Args", (), {"a": str(a), "b": str(b), "suite": "agenda", "limit": None,
                             "controls": str(tmp_path), "out": str(tmp_path / "o"),
                             "dataset": str(tmp_path)})()  # fmt: skip
    assert run_review_pack(args) == 2
    assert "share no case" in capsys.readouterr().err
    args.a = str(tmp_path / "missing")
    assert run_review_pack(args) == 2
    assert "not readable" in capsys.readouterr().err


def test_chat_runs_and_the_shipped_controls_are_read(tmp_path):
    rows = [{"id": "c1", "question": "Q?", "answer": "Say this [1].",
             "sources": [{"n": 1, "source": "g.md", "section": "S"}]}]  # fmt: skip
    (tmp_path / "answers.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    items = review.read_run(tmp_path, "chat")
    assert "Say this [1]." in items["c1"].text and "[1] g.md — S" in items["c1"].text
    shipped = Path(__file__).resolve().parents[3] / "evals/review/controls"
    assert any(
        "Can we please keep our attention" in c for c in review.controls_for("chat", shipped)
    )


def test_intervals():
    assert review.wilson(8, 10)["low"] == pytest.approx(0.49, abs=0.01)
    assert review.mean_interval([4, 5, 4, 5])["low"] == pytest.approx(3.58, abs=0.01)
    assert review.mean_interval([])["mean"] is None


def test_a_summary_pack_shows_what_both_sides_were_written_from(tmp_path):
    sources = review.reflection_sources(Path(__file__).resolve().parents[3] / "evals/datasets")
    assert sources["r001"].startswith("Written by Amara Okafor, the mentor. The pair's goals:")
    assert "> Session 3 with Richard." in sources["r001"]
    a = review.read_run(results(tmp_path / "a", {"r001": "OLD", "r002": "OLD"}), "agenda")
    b = review.read_run(results(tmp_path / "b", {"r001": "NEW", "r002": "NEW"}), "agenda")
    out = tmp_path / "pack"
    review.pack("summary", a, b, ["CONTROL"], out, sources={"r001": "SOURCE-1", "r002": "S-2"})
    sheet = (out / "sheet.md").read_text()
    assert sheet.count("### What it was written from") == 3  # both cases and the control
    assert "SOURCE-1" in sheet and "S-2" in sheet
    assert "source" not in json.dumps(json.loads((out / "key.json").read_text()))


def test_an_agenda_pack_shows_the_pair_file_both_sides_were_written_from():
    sources = review.pair_sources(Path(__file__).resolve().parents[3] / "evals/fresh")
    rail = sources["fresh-rail-01"]
    assert rail.startswith("Session 3 of 6, 60 minutes; read as a middle session (session 3 of 6).")
    assert "Focus: Tomasz is nervous about the staff roadshow on 14 January." in rail
    assert "- g1: What do the people on the ground really think" in rail
    assert "Open action items:" in rail and "History:" in rail
    assert review.pair_sources(Path("/nonexistent")) == {}
