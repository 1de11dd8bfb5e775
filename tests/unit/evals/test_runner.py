"""The runner end to end on a tiny dataset: fake systems, a fake-model baseline, reports."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest

from coach.domain.agenda import enforce
from coach.domain.followup import rule_note
from coach.domain.starters import StarterSet
from coach.evals.baseline import NaiveRag
from coach.evals.cli import Setup, add_eval_parser, run_eval
from coach.evals.runner import EvalOptions, Runner, summary_view
from coach.evals.support import SupportScorer
from coach.llm.fake import FakeChatModel
from tests.conftest import REPO
from tests.unit.evals.helpers import (
    PAIR,
    PASSAGE,
    FakeEmbedder,
    case,
    fake_embedding_function,
    good_agenda,
    good_starters,
    good_summary,
    meta,
)

MIDDLE = {**PAIR, "id": "pair-test-02", "open_action_items": [],
          "session": {"number": 2, "minutes": 30, "phase": "middle"}}  # fmt: skip


@pytest.fixture
def dataset(tmp_path):
    folder = tmp_path / "set"
    (folder / "pairs").mkdir(parents=True)
    for pair in (PAIR, MIDDLE):
        (folder / "pairs" / f"{pair['id']}.json").write_text(json.dumps(pair))
    rows = [case().__dict__, case(id="r002", pair_id="pair-missing").__dict__]
    (folder / "reflections.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


class Good:
    """Artifacts that satisfy every rule, the way the real pipeline's output should."""

    def agenda(self, profile):
        agenda, _ = enforce(good_agenda(), profile, {"c1": PASSAGE})
        return agenda.model_copy(update={"meta": meta(("c1", PASSAGE))})

    def starters(self, profile):
        return good_starters()

    def summarize(self, profile, reflection, author="mentor"):
        assert author == "mentor"
        return good_summary()


class Broken(Good):
    """Fails on the middle-session pair and writes no starters at all."""

    def agenda(self, profile):
        if profile.id == "pair-test-02":
            raise TimeoutError("the model timed out")
        return super().agenda(profile)

    def starters(self, profile):
        return StarterSet(starters=[], meta=meta(seconds=9.0))

    def summarize(self, profile, reflection):  # the brief's API: no author parameter
        return good_summary().model_copy(update={"key_takeaways": []})


def baseline(guides_dir, replies) -> NaiveRag:
    model = FakeChatModel.of(replies)
    return NaiveRag(model, [guides_dir], REPO / "prompts", fake_embedding_function())


def test_runner_scores_every_suite_per_system(dataset, tmp_path):
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "g.md").write_text("# Guide\n\n" + PASSAGE)
    agenda_reply = json.dumps({"title": "t", "items": [{"minutes": 10, "title": "Chat"}]})
    replies = [agenda_reply, agenda_reply, "not json", "not json", "{}"]
    ticks: list[str] = []

    def progress(description, total):
        ticks.append(f"{description}/{total}")
        return lambda: ticks.append(".")

    systems = {"flipside": Good(), "broken": Broken(), "baseline": baseline(guides, replies)}
    runner = Runner(systems, SupportScorer(FakeEmbedder()), progress=progress)
    results = runner.run(EvalOptions(dataset, ["retrieval", "agenda", "starters", "summary"]))

    assert results["skipped"] == {"retrieval": f"no retrieval.jsonl in {dataset}"}
    agenda = results["suites"]["agenda"]
    assert agenda["cases"] == 2
    good = agenda["systems"]["flipside"]["metrics"]
    assert good["valid"] == 1.0 and good["minutes_exact"] == 1.0 and good["error_rate"] == 0.0
    assert good["seconds_p50"] == 2.0 and good["prompt_tokens_mean"] == 100.0
    broken = agenda["systems"]["broken"]
    assert broken["metrics"]["error_rate"] == 0.5 and broken["metrics"]["valid"] == 0.5
    assert broken["cases"][1]["error"] == "TimeoutError: the model timed out"
    assert "output" not in broken["cases"][1]  # no artifact to show for an error
    shown = agenda["systems"]["flipside"]["cases"][0]["output"]
    assert shown["items"] and "meta" not in shown  # the agenda itself, for a reader to judge
    naive = agenda["systems"]["baseline"]["metrics"]
    assert naive["valid"] == 0.0 and naive["minutes_exact"] == 0.0 and naive["carry_over"] == 0.0

    starters = results["suites"]["starters"]["systems"]
    assert starters["flipside"]["metrics"]["required_categories"] == 1.0
    assert starters["broken"]["metrics"]["valid"] == 0.0
    assert starters["broken"]["cases"][0]["problems"][0] == "no starters"
    assert starters["baseline"]["metrics"]["valid"] == 0.0

    summary = results["suites"]["summary"]
    assert summary["cases"] == 1 and "pair-missing" in summary["skipped_cases"]
    assert summary["systems"]["flipside"]["metrics"]["recall"] == 1.0
    assert summary["systems"]["broken"]["metrics"]["recall"] < 1.0
    assert summary["systems"]["baseline"]["metrics"]["faithfulness"] is None  # "{}": no claims
    assert "agenda · flipside/2" in ticks and ticks.count(".") == 3 * (2 + 2 + 1)

    view = summary_view(results)
    assert "cases" not in view["suites"]["agenda"]["systems"]["flipside"]
    json.dumps(results)  # everything is JSON-serialisable


def test_limit_and_retrieval(dataset):
    (dataset / "retrieval.jsonl").write_text("{}\n")
    calls = []

    def retrieval(path, docs):
        calls.append((path.name, docs))
        return {"questions": 3, "skipped": 1, "chunks": 9, "modes": {"hybrid": {"mrr": 0.5}}}

    runner = Runner({"flipside": Good()}, retrieval=retrieval)
    results = runner.run(EvalOptions(dataset, ["retrieval", "agenda"], limit=1))
    assert calls == [("retrieval.jsonl", [REPO.joinpath("knowledge").relative_to(REPO)])]
    assert results["suites"]["retrieval"]["systems"] == {"hybrid": {"metrics": {"mrr": 0.5}}}
    assert results["suites"]["retrieval"]["skipped"] == 1
    assert results["suites"]["agenda"]["cases"] == 1


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_eval_parser(parser.add_subparsers())
    return parser.parse_args(["eval", *argv])


BUILT: list[list[str]] = []


def fake_build(system):
    def build(args, suites):
        BUILT.append(suites)
        return Setup(systems={"flipside": system}, scorer=SupportScorer(), model="fake")

    return build


def test_cli_json_prints_only_the_summary_and_writes_reports(dataset, tmp_path, capsys):
    out = tmp_path / "runs"
    args = parse("--dataset", str(dataset), "--suite", "all", "--json", "--out", str(out),
                 "--thresholds", str(REPO / "evals/thresholds.toml"))  # fmt: skip
    assert args.baseline is False and args.func is run_eval
    assert run_eval(args, fake_build(Good())) == 0
    # nothing is built for a skipped suite; every other kind in the registry is a suite
    assert BUILT[-1] == ["agenda", "starters", "summary", "followup"]
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert printed["model"] == "fake" and "retrieval" in printed["skipped"]
    assert printed["suites"]["agenda"]["systems"]["flipside"]["metrics"]["valid"] == 1.0
    assert "skipped retrieval: no retrieval.jsonl" in captured.err
    assert all(r["ok"] for r in printed["thresholds"]["rows"])
    assert (out / "report.md").read_text().startswith("# Flipside eval report")
    assert "<svg" in (out / "report.html").read_text()
    assert (
        "cases"
        in json.loads((out / "results.json").read_text())["suites"]["agenda"]["systems"]["flipside"]
    )


def test_cli_names_regressions_against_the_previous_run(dataset, tmp_path, capsys):
    out = tmp_path / "runs"
    argv = ("--dataset", str(dataset), "--suite", "agenda", "--out", str(out), "--thresholds", "")
    assert run_eval(parse(*argv), fake_build(Good())) == 0
    assert "regression" not in capsys.readouterr().err
    assert run_eval(parse(*argv), fake_build(Broken())) == 0  # reported, not fatal by default
    err = capsys.readouterr().err
    assert "regression: agenda/flipside/valid: 1.000 → 0.500" in err
    assert "regression: agenda/flipside/error_rate: 0.000 → 0.500" in err
    assert "threshold" not in err
    assert json.loads((out / "results.previous.json").read_text())["suites"]
    assert "Regressions against" in (out / "report.md").read_text()
    # The previous run in the out dir is now the broken one: no regression against it.
    assert run_eval(parse(*argv, "--fail-on-regression"), fake_build(Broken())) == 0
    good = tmp_path / "good"
    run_eval(parse(*argv[:4], "--out", str(good), "--thresholds", ""), fake_build(Good()))
    compare = ("--compare", str(good / "results.json"), "--fail-on-regression")
    assert run_eval(parse(*argv, *compare), fake_build(Broken())) == 1


def test_cli_fails_a_threshold(dataset, tmp_path, capsys):
    gates = tmp_path / "gates.toml"
    gates.write_text("[starters]\nvalid = { min = 0.9 }\nseconds_p95 = { max = 5.0 }\n")
    args = parse("--dataset", str(dataset), "--suite", "starters", "--out", str(tmp_path / "o"),
                 "--thresholds", str(gates))  # fmt: skip
    assert run_eval(args, fake_build(Broken())) == 1
    err = capsys.readouterr().err
    assert "threshold failed: starters/flipside/valid = 0.000 (min 0.9)" in err
    assert "threshold failed: starters/flipside/seconds_p95 = 9.000 (max 5.0)" in err


def test_cli_skips_suites_whose_files_are_missing(dataset, tmp_path, capsys):
    (dataset / "reflections.jsonl").unlink()
    args = parse("--dataset", str(dataset), "--suite", "summary", "--out", str(tmp_path / "o"))
    assert run_eval(args, fake_build(Good())) == 2
    err = capsys.readouterr().err
    assert f"skipped summary: no reflections.jsonl in {dataset}" in err
    assert "no suite could run" in err
    assert not (tmp_path / "o" / "results.json").exists()  # the previous run stays comparable
    missing = parse("--dataset", str(tmp_path / "nowhere"))
    assert run_eval(missing, fake_build(Good())) == 2


def test_cli_reports_a_malformed_pair_file(dataset, tmp_path, capsys):
    (dataset / "pairs" / "bad.json").write_text('{"id": "x"}')
    args = parse("--dataset", str(dataset), "--suite", "agenda", "--out", str(tmp_path / "o"))
    assert run_eval(args, fake_build(Good())) == 2
    assert "bad.json: not a valid pair file" in capsys.readouterr().err


def test_cli_rejects_unreadable_gates_before_running(dataset, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[agenda\n")
    built = []

    def build(args, suites):
        built.append(suites)
        return Setup()

    base = ("--dataset", str(dataset), "--suite", "agenda", "--out", str(tmp_path / "o"))
    assert run_eval(parse(*base, "--thresholds", str(bad)), build) == 2
    assert "cannot read thresholds" in capsys.readouterr().err
    assert run_eval(parse(*base, "--compare", str(tmp_path / "none.json")), build) == 2
    assert "cannot read" in capsys.readouterr().err
    assert built == []


class NoteWriter:
    """A system with ``generate``: a follow-up note from the rules, or one with a due date moved."""

    def __init__(self, shift_due: bool = False) -> None:
        self.shift_due = shift_due

    def generate(self, kind, request):
        assert kind == "followup"
        note = rule_note(request)
        if self.shift_due:
            moved = [a.model_copy(update={"due": date(2030, 1, 1)}) for a in note.actions]
            note = note.model_copy(update={"actions": moved})
        return note


def test_a_kind_without_its_own_metrics_is_scored_by_its_rules(dataset):
    pair = json.loads(next((dataset / "pairs").glob("*.json")).read_text())
    pair["open_action_items"] = [{"text": "Send the deck", "owner": "mentee", "due": "2026-12-10"}]
    (dataset / "pairs" / f"{pair['id']}.json").write_text(json.dumps(pair))
    systems = {"good": NoteWriter(), "moved": NoteWriter(shift_due=True), "old": Good()}
    results = Runner(systems).run(EvalOptions(dataset, ["followup"]))

    suite = results["suites"]["followup"]["systems"]
    assert "old" not in suite  # a system without the kind is not compared
    assert suite["good"]["metrics"]["valid"] == 1.0
    assert suite["moved"]["metrics"]["valid"] < 1.0
    moved = [p for row in suite["moved"]["cases"] for p in row["problems"]]
    assert any("Send the deck" in p for p in moved)


def test_a_system_is_judged_for_copying_against_its_own_prompt(dataset):
    """The one-shot baseline's starters are checked against the one-shot prompt, not ours."""
    good = Good()
    copied_line = good.starters(None).starters[0].text
    own = {"oneshot:starters": f"Write starters like this: {copied_line}"}
    runner = Runner({"flipside": good, "oneshot": Good()}, SupportScorer(FakeEmbedder()),
                    instructions={"starters": "Something else entirely.", **own})  # fmt: skip
    found = runner.run(EvalOptions(dataset, ["starters"]))["suites"]["starters"]["systems"]
    assert found["oneshot"]["metrics"]["copied"] > 0
    assert found["flipside"]["metrics"]["copied"] == 0.0
