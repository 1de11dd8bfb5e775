"""How long the abandon bench and test wait for a server that reads a dropped prompt."""

from __future__ import annotations

import pytest

from coach.benchmarks.abandon import IDLE_WAIT, UNKNOWN_SPEED_WAIT, reading_allowance

pytestmark = pytest.mark.unit


def test_a_slow_machine_is_given_a_margin_over_its_own_reading_time():
    # 2,500 tokens at 22 tokens a second (a loaded 2-core AVX2 machine): ~114 s to read
    assert reading_allowance(2500, 22.0) == pytest.approx(3 * 2500 / 22.0)
    assert reading_allowance(2500, 22.0) > 2500 / 22.0 + 60


def test_a_fast_machine_still_waits_the_floor():
    assert reading_allowance(1500, 400.0) == IDLE_WAIT


def test_a_speed_the_server_did_not_report_waits_the_long_fixed_time():
    # prompt_rate gives 0.0 when the reply has no timings; the bench must not stop on it
    assert reading_allowance(1500, 0.0) == UNKNOWN_SPEED_WAIT
    assert reading_allowance(1500, float("nan")) == UNKNOWN_SPEED_WAIT
    assert reading_allowance(1500, 22.0) < UNKNOWN_SPEED_WAIT
