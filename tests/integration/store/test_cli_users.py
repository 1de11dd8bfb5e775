"""`coach users add --email | email | password | import | list` against real SQLite data dirs."""

from __future__ import annotations

import re

import pytest

from coach.config import get_settings
from tests.integration.store import test_cli_admin

pytestmark = pytest.mark.integration
coach = test_cli_admin.coach  # the fixture: `coach ...` in-process on a data dir
one_line_error = test_cli_admin.one_line_error


def services(tmp_path):
    from coach.services.container import Services

    return Services(get_settings().model_copy(update={"data_dir": tmp_path}))


def test_add_with_an_email_then_change_and_clear_it(coach, tmp_path):
    code, out, _ = coach(tmp_path, "users", "add", "ana", "--role", "participant",
                         "--email", "Ana@Example.org", "--password", "x" * 12)  # fmt: skip
    assert code == 0 and "added ana (participant, email ana@example.org)" in out
    assert coach(tmp_path, "users", "email", "ana", "ana.new@example.org")[1] == (
        "ana: email ana.new@example.org\n"
    )
    code, out, _ = coach(tmp_path, "users", "list")
    assert re.search(r"^ana\s+participant\s+ana\.new@example\.org", out, re.M)
    assert coach(tmp_path, "users", "email", "ana", "--clear")[1] == "ana: no email\n"
    assert services(tmp_path).users.signed_in("ana").email is None


def test_a_bad_address_is_one_clear_line_and_nothing_changes(coach, tmp_path):
    error = one_line_error(coach(tmp_path, "users", "add", "ana", "--role", "lead",
                                 "--email", "x@"))  # fmt: skip
    assert "'x@' is not an email address like name@example.org" in error
    assert "ana" not in coach(tmp_path, "users", "list")[1]
    coach(tmp_path, "users", "add", "bob", "--role", "lead", "--email", "bob@example.org")
    assert "'bob@' is not an email address" in one_line_error(
        coach(tmp_path, "users", "email", "bob", "bob@")
    )
    assert "no user 'nobody'" in one_line_error(
        coach(tmp_path, "users", "email", "nobody", "--clear")
    )


def test_email_needs_an_address_or_clear(coach, tmp_path):
    with pytest.raises(SystemExit):
        coach(tmp_path, "users", "email", "bob")
    with pytest.raises(SystemExit):
        coach(tmp_path, "users", "email", "bob", "b@example.org", "--clear")


def test_password_sets_a_random_one_that_signs_in(coach, tmp_path):
    coach(tmp_path, "users", "add", "bob", "--role", "lead", "--password", "first password")
    code, out, _ = coach(tmp_path, "users", "password", "Bob")
    assert code == 0 and "bob: password set; signed out everywhere" in out
    password = re.search(r"password: (\S+)", out).group(1)
    assert services(tmp_path).users.authenticate("bob", password).username == "bob"


def test_import_prints_one_line_per_bad_row_and_exits_2(coach, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(
        "username,display_name,email,role\n"
        "ana.lima,Ana Lima,ana@example.org,\n"
        "bad.mail,Bad Mail,x@,\n"
        ",Nameless,nameless@example.org,\n"
        "ana.lima,Again,again@example.org,boss\n",
        encoding="utf-8",
    )
    code, out, err = coach(tmp_path, "users", "import", str(people))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "row 3: 'x@' is not an email address like name@example.org",
        "row 4: no username",
        "row 5: unknown role 'boss': use participant or lead (empty: participant); "
        "the username 'ana.lima' is already on row 2",
        "nothing imported: fix the 3 rows above and import again",
    ]
    assert "ana.lima" not in coach(tmp_path, "users", "list")[1]


def test_import_creates_the_accounts_and_says_how_they_get_a_password(coach, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("username,email,display_name\nana.lima,ana@example.org,Ana Lima\n"
                      "ben.ode,ben@example.org,\n", encoding="utf-8")  # fmt: skip
    code, out, err = coach(tmp_path, "users", "import", str(people))
    assert code == 0 and err == ""
    assert out.startswith("imported 2 accounts (2 participant); no passwords yet")
    assert "mail is not set up (COACH_SMTP_URL)" in out, "this data dir has no mail server"
    listed = coach(tmp_path, "users", "list")[1]
    assert "ben@example.org" in listed and "Ana Lima" in listed


def test_a_missing_or_headerless_file_is_one_line(coach, tmp_path):
    assert "no such file" in one_line_error(coach(tmp_path, "users", "import", "nope.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,mail\nana,a@example.org\n", encoding="utf-8")
    assert "lacks username, email" in one_line_error(coach(tmp_path, "users", "import", str(bad)))
