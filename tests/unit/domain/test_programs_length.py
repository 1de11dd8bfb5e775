"""Where the next session's length comes from: the planned session, the program, the default."""

import pytest

from coach.domain.programs import DEFAULT_SESSION_MINUTES, session_length

pytestmark = pytest.mark.unit


def test_the_planned_session_wins_then_the_program_then_the_default():
    assert session_length((3, 60), 45).minutes == 60
    assert session_length((3, 60), 45).source == "planned session 3"
    assert (session_length(None, 30).minutes, session_length(None, 30).source) == (
        30, "the program's session length")  # fmt: skip
    assert session_length(None, None).minutes == DEFAULT_SESSION_MINUTES == 45
    assert session_length(None, None).source == "the default"
