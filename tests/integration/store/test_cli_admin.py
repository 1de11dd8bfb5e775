"""`coach users|pairs|demo|export|import|backup|restore` against real SQLite data dirs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.cli import main
from coach.config import get_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def coach(monkeypatch, capsys):
    """Run `coach ...` in-process on a data dir; returns (exit code, stdout, stderr)."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)

    def run(data_dir: Path, *argv: str) -> tuple[int, str, str]:
        monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
        get_settings.cache_clear()
        try:
            code = main(list(argv))
        finally:
            get_settings.cache_clear()
        out, err = capsys.readouterr()
        return code, out, err

    return run


def one_line_error(result: tuple[int, str, str]) -> str:
    code, _out, err = result
    assert code != 0
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("coach: error: "), err
    return err


def test_users_add_prints_a_random_password_that_signs_in(coach, tmp_path):
    code, out, _err = coach(tmp_path, "users", "add", "Alice", "--role", "lead")
    assert code == 0 and "added alice (lead)" in out
    password = re.search(r"password: (\S+)", out).group(1)
    from coach.services.container import Services

    settings = get_settings().model_copy(update={"data_dir": tmp_path})
    assert Services(settings).users.authenticate("alice", password).username == "alice"


def test_pairs_add_and_list(coach, tmp_path):
    for name in ("junior", "senior"):
        coach(tmp_path, "users", "add", name, "--role", "participant", "--password", "x" * 12)
    code, _out, _err = coach(tmp_path, "programs", "add", "Pilot", "--start", "2026-01-05",
                             "--end", "2026-07-01", "--objective", "Learn")  # fmt: skip
    assert code == 0
    pair = ("--mentor", "junior", "--mentee", "senior", "--mentor-strengths", "SQL, video")
    code, out, _err = coach(tmp_path, "pairs", "add", *pair, "--mentee-title", "CFO")
    assert code == 0 and "paired junior (mentor) with senior (mentee)" in out
    code, out, _err = coach(tmp_path, "pairs", "list", "--json")
    assert code == 0 and '"mentor": "junior"' in out and '"program": "Pilot"' in out


@pytest.mark.parametrize(
    "argv",
    [
        ("users", "add", "alice", "--role", "lead", "--password", "short"),
        ("users", "add", "no spaces", "--role", "lead"),
        ("pairs", "add", "--mentor", "ghost", "--mentee", "nobody"),
        ("import", "missing.json"),
        ("restore", "no-such-backup"),
        ("programs", "add", "Backwards", "--start", "2026-05-01", "--end", "2026-01-01"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(coach, tmp_path, argv):
    one_line_error(coach(tmp_path, *argv))


def test_a_taken_username_and_a_second_demo_are_refused(coach, tmp_path):
    coach(tmp_path, "users", "add", "alice", "--role", "lead")
    assert "taken" in one_line_error(coach(tmp_path, "users", "add", "alice", "--role", "lead"))
    assert "not empty" in one_line_error(coach(tmp_path, "demo"))


def test_an_unreachable_database_is_a_one_line_error(coach, tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATABASE_URL", "postgresql://nobody:x@127.0.0.1:9/none")
    assert "cannot use the database" in one_line_error(coach(tmp_path, "users", "list"))


def test_a_file_that_is_not_an_export_is_refused(coach, tmp_path):
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": "world"}')
    assert "not a Flipside export" in one_line_error(coach(tmp_path / "d", "import", str(bogus)))


def test_demo_export_import_and_backup_restore_round_trip(coach, tmp_path):
    code, out, _err = coach(tmp_path / "a", "demo", "--password", "demo password 1")
    assert code == 0 and "6 pairs" in out
    first, second, third = (tmp_path / f"{n}.json" for n in ("first", "second", "third"))
    assert coach(tmp_path / "a", "export", "--out", str(first))[0] == 0
    assert coach(tmp_path / "b", "import", str(first))[0] == 0
    assert coach(tmp_path / "b", "export", "--out", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()

    assert coach(tmp_path / "a", "backup", "--out", str(tmp_path / "bk"))[0] == 0
    assert coach(tmp_path / "c", "restore", str(tmp_path / "bk"))[0] == 0
    assert coach(tmp_path / "c", "export", "--out", str(third))[0] == 0
    assert third.read_bytes() == first.read_bytes()
    assert "restore from" in (tmp_path / "c" / "logs" / "operations.log").read_text()


def test_users_deactivate_ends_the_sessions_and_activate_lets_them_back(coach, tmp_path):
    from coach.services.container import Services

    assert coach(tmp_path, "users", "add", "bob", "--role", "participant",
                 "--password", "a long password")[0] == 0  # fmt: skip
    settings = get_settings().model_copy(update={"data_dir": tmp_path})
    services = Services(settings)
    _user, token = services.logins.sign_in("bob", "a long password")
    code, out, _err = coach(tmp_path, "users", "deactivate", "bob")
    assert code == 0 and "deactivated and signed out everywhere" in out
    assert services.logins.user_for(token) is None
    assert "(deactivated)" in coach(tmp_path, "users", "list")[1]
    assert coach(tmp_path, "users", "activate", "bob")[0] == 0
    assert services.users.authenticate("bob", "a long password").active
    assert "no user 'nobody'" in one_line_error(coach(tmp_path, "users", "deactivate", "nobody"))
    services.close()


def test_a_retention_that_is_not_a_number_is_one_clear_line(coach, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        coach(tmp_path, "retention", "Pilot", "ninety")
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "'ninety' is not a number of days" in err and "Traceback" not in err
