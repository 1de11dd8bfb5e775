"""The load test's pure parts: percentiles, outcomes, the lost-writes check and the report.

Hand-made calls and stored rows, good and bad; no app, no timing assertions.
"""

from __future__ import annotations

import io
import random

import httpx
import numpy as np
import pytest
from gradio_client.exceptions import AppError
from gradio_client.utils import QueueError, TooManyRequestsError
from rich.console import Console

from coach.benchmarks.load import (
    AGENDA,
    LOGIN,
    SAVE,
    Call,
    SaveAttempt,
    Stored,
    build_load_report,
    check_writes,
    classify,
    endpoint_stats,
    percentile,
    reflection_answers,
    render_load,
)
from coach.benchmarks.load_run import agenda_verdict, newest_id
from coach.domain.reflections import MAX_REFLECTION

# Percentiles ----------------------------------------------------------------------------------


def test_percentiles_interpolate_like_numpy():
    values = [float(v) for v in range(1, 11)]
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 10.0
    shuffled = random.Random(3).sample([0.3, 12.0, 4.5, 4.5, 80.0, 1.25, 9.0], 7)
    for q in (5, 50, 90, 95, 99):
        assert percentile(shuffled, q) == pytest.approx(float(np.percentile(shuffled, q)))


def test_percentiles_of_nothing_or_of_one_value():
    assert percentile([], 95) is None
    assert percentile([7.0], 50) == 7.0 and percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([1.0, 2.0], 101)


# Outcomes -------------------------------------------------------------------------------------


def status_error(code: int) -> httpx.HTTPStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/gradio_api/queue/join")
    response = httpx.Response(code, request=request)
    return httpx.HTTPStatusError(f"status {code}", request=request, response=response)


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (QueueError("Queue is full! Please try again."), "rejected"),
        (ValueError("Queue is full! Please try again."), "rejected"),  # same words, other type
        (TooManyRequestsError("429"), "rejected"),
        (status_error(503), "rejected"),
        (status_error(500), "error"),
        (TimeoutError(), "timeout"),
        (httpx.ReadTimeout("read timed out"), "timeout"),
        (AppError("Permission denied: you can only reflect on your own pairs"), "error"),
        (httpx.ConnectError("connection refused"), "error"),
        (RuntimeError("boom"), "error"),
    ],
)
def test_each_failure_gets_its_outcome(error, outcome):
    assert classify(error)[0] == outcome


def test_messages_keep_the_apps_words_and_name_unknown_errors():
    _, message = classify(AppError("Your reflection was not saved:\n  the database is busy."))
    assert message == "Your reflection was not saved: the database is busy."
    assert classify(RuntimeError("boom")) == ("error", "RuntimeError: boom")
    assert classify(TimeoutError()) == ("timeout", "TimeoutError")
    assert len(classify(AppError("x" * 5000))[1]) <= 300


# Lost writes ----------------------------------------------------------------------------------

A, B = "load1.mentee01", "load1.mentor01"


def attempt(user, text, outcome="ok", rid=None, pair="pair_1") -> SaveAttempt:
    return SaveAttempt(user, pair, text, outcome, rid)


def good_run() -> tuple[list[SaveAttempt], list[Stored]]:
    attempts = [attempt(A, "What I learned: one [a1]", rid="ref_1"),
                attempt(A, "What I learned: two [a2]", rid="ref_2"),
                attempt(B, "What I will try: three [b1]")]  # no id in the answer  # fmt: skip
    stored = [Stored("ref_1", A, "pair_1", "What I learned: one [a1]"),
              Stored("ref_2", A, "pair_1", "What I learned: two [a2]"),
              Stored("ref_9", B, "pair_1", "What I will try: three [b1]")]  # fmt: skip
    return attempts, stored


def test_every_acknowledged_write_found_is_a_pass():
    check = check_writes(*good_run())
    assert check.ok and check.acknowledged == check.verified == 3
    assert (check.failed, check.duplicates, check.unexpected) == (0, 0, 0)


def test_a_missing_acknowledged_write_is_lost():
    attempts, stored = good_run()
    check = check_writes(attempts, stored[1:])
    assert not check.ok and len(check.lost) == 1 and "ref_1" in check.lost[0]
    assert check.verified == 2 and check.as_dict()["ok"] is False


def test_changed_text_or_pair_under_the_same_id_is_altered():
    attempts, stored = good_run()
    stored[0] = Stored("ref_1", A, "pair_1", "What I learned: one [a1] ")  # one trailing space
    stored[1] = Stored("ref_2", A, "pair_2", "What I learned: two [a2]")
    check = check_writes(attempts, stored)
    assert not check.ok and len(check.altered) == 2 and not check.lost
    assert check.unexpected == 2  # neither changed row matches anything that was sent


def test_text_alone_never_vouches_for_another_user():
    attempts, stored = good_run()
    stored[2] = Stored("ref_9", A, "pair_1", "What I will try: three [b1]")  # wrong author
    check = check_writes(attempts, stored)
    assert not check.ok and len(check.lost) == 1 and B in check.lost[0]


def test_failed_saves_are_counted_stored_or_not_and_do_not_fail_the_check():
    attempts, stored = good_run()
    attempts += [attempt(A, "sent, then timed out [a3]", "timeout"),
                 attempt(B, "refused by the queue [b2]", "rejected"),
                 attempt(B, "the database was busy [b3]", "error")]  # fmt: skip
    stored.append(Stored("ref_5", A, "pair_1", "sent, then timed out [a3]"))
    check = check_writes(attempts, stored)
    assert check.ok and check.failed == 3 and check.failed_but_stored == 1
    assert check.acknowledged == 3


def test_duplicates_and_rows_nobody_sent_are_reported():
    attempts, stored = good_run()
    stored.append(Stored("ref_7", A, "pair_1", "What I learned: one [a1]"))
    stored.append(Stored("ref_8", B, "pair_1", "never sent"))
    stored.append(Stored("ref_0", "someone.else", "pair_3", "not a simulated user"))
    check = check_writes(attempts, stored)
    assert check.ok and check.duplicates == 1 and check.unexpected == 1


# Per endpoint figures and the report ----------------------------------------------------------


def calls() -> list[Call]:
    return [
        Call(A, LOGIN, -5.0, 1.2, "ok"),
        Call(B, LOGIN, -5.0, 0.0, "error", "AuthenticationError: bad"),
        Call(A, SAVE, 0.0, 0.1, "ok"),
        Call(A, SAVE, 1.0, 0.3, "ok"),
        Call(A, SAVE, 2.0, 0.2, "ok"),
        Call(A, SAVE, 9.5, 1.0, "ok"),  # ended after the 10 s window
        Call(A, SAVE, 3.0, 0.05, "error", "Your reflection was not saved"),
        Call(B, AGENDA, 0.5, 40.0, "timeout", "TimeoutError"),
        Call(B, AGENDA, 0.5, 4.0, "ok", "⚠️ Agenda built by rules: timeout"),
        Call(B, AGENDA, 5.0, 2.0, "rejected", "Queue is full! Please try again."),
    ]


def test_endpoint_figures_count_outcomes_and_time_only_successes():
    stats = endpoint_stats(calls(), window=10.0)
    assert list(stats) == [LOGIN, SAVE, AGENDA]
    save = stats[SAVE]
    assert (save["calls"], save["ok"], save["error"], save["rejected"]) == (5, 4, 1, 0)
    assert save["p50_ms"] == 250.0 and save["max_ms"] == 1000.0
    assert save["ok_per_s"] == 0.3  # three successes ended inside the window
    agenda = stats[AGENDA]
    assert (agenda["timeout"], agenda["rejected"], agenda["fallbacks"]) == (1, 1, 1)
    assert agenda["p95_ms"] == 4000.0
    assert stats[LOGIN]["ok_per_s"] is None and stats[LOGIN]["error"] == 1


def report(writes_ok: bool = True) -> dict:
    attempts, stored = good_run()
    writes = check_writes(attempts, stored if writes_ok else stored[:2])
    config = {"users": 2, "seconds": 10.0, "url": "http://127.0.0.1:1"}
    return build_load_report(config=config, machine={"cores": 2}, calls=calls(), window=10.0,
                             drain=30.0, writes=writes, notes=["a note"])  # fmt: skip


def test_the_report_totals_and_json_keys():
    out = report()
    assert (out["errors"], out["rejections"], out["timeouts"]) == (2, 1, 1)
    assert out["calls_per_s"] == 0.6 and out["ok_per_s"] == 0.4  # ended inside; no sign-ins
    assert out["writes"]["ok"] is True and out["drain_seconds"] == 30.0
    assert out["top_errors"][0]["count"] == 1 and out["notes"] == ["a note"]


@pytest.mark.parametrize("writes_ok", [True, False])
def test_the_table_says_whether_writes_were_lost(writes_ok):
    buffer = io.StringIO()
    render_load(report(writes_ok), Console(file=buffer, width=140))
    text = buffer.getvalue()
    assert "save_reflection" in text and "prepare_session" in text
    assert ("no acknowledged write lost" in text) is writes_ok
    assert ("WRITES LOST" in text) is not writes_ok


# Simulated texts and answers -----------------------------------------------------------------


def test_simulated_reflections_are_tagged_varied_and_within_the_limit():
    from coach.ui.mentee import compose

    paragraphs = [f"Paragraph {n}: " + "we talked about channels and pace. " * 6 for n in range(9)]
    rng = random.Random(1)
    texts = [compose(reflection_answers(rng, paragraphs, f"u #{n}", 0.5)) for n in range(60)]
    assert all(f"[u #{n}]" in text for n, text in enumerate(texts))
    assert len(set(texts)) == 60 and max(len(t) for t in texts) <= MAX_REFLECTION
    assert min(len(t) for t in texts) < 1000 < 3000 < max(len(t) for t in texts)
    again = random.Random(1)
    assert compose(reflection_answers(again, paragraphs, "u #0", 0.5)) == texts[0]


def test_reading_the_apps_answers():
    rows = [["today", "", "What I…", "ref_new"], ["today", "", "Old", "ref_old"]]
    table = {"headers": ["written", "session", "reflection", "id"], "data": rows}
    assert newest_id(table) == "ref_new"
    assert newest_id({"headers": ["id"], "data": []}) is None and newest_id(None) is None
    answer = ["### Session 3", "# Session 3\n...", "", "", "", [], "⚠️ Agenda built by rules: x"]
    assert agenda_verdict(answer) == ("ok", answer[6])
    assert agenda_verdict([*answer[:6], "Ready. Edit below, save, or export."]) == ("ok", "")
    assert agenda_verdict([answer[0], "", *answer[2:]])[0] == "error"
    assert agenda_verdict(None)[0] == "error"
