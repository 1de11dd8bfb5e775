"""Importing people from a CSV file: all or nothing, one error line per bad row."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.users import Credential, Role, User
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from coach.services.user_import import UserImportService
from tests.unit.services.conftest import World

pytestmark = pytest.mark.unit

GOOD = """username,display_name,email,role
ana.lima,Ana Lima,Ana.Lima@example.org,
ben.ode,Ben Ode,ben@example.org,participant
cleo.ray,"Ray, Cleo",cleo@example.org,lead
"""
BAD = """username,display_name,email,role
ana.lima,Ana Lima,ana@example.org,
bad.mail,Bad Mail,x@,
,No Name,noname@example.org,
ana.lima,Ana Again,ana2@example.org,
boss.man,Boss Man,boss@example.org,boss
mentor,Taken Name,taken@example.org,
twin,Twin,ANA@example.org,
root,Root,root@example.org,admin
Has Space,,,
"""


def write(tmp: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def importer(world: World, mail_ready: bool = True) -> UserImportService:
    return UserImportService(world.store, mail_ready, world.clock)


def usernames(world: World) -> set[str]:
    with world.store.transaction(write=False) as tx:
        return {u.username for u in tx.find(User)}


def test_good_rows_become_accounts_without_passwords(world: World):
    before = usernames(world)
    report = importer(world).import_file(OPERATOR, write(world.tmp, GOOD))
    assert report.errors == ()
    assert {u.username: (u.display_name, u.email, u.role) for u in report.added} == {
        "ana.lima": ("Ana Lima", "ana.lima@example.org", Role.PARTICIPANT),
        "ben.ode": ("Ben Ode", "ben@example.org", Role.PARTICIPANT),
        "cleo.ray": ("Ray, Cleo", "cleo@example.org", Role.LEAD),
    }
    assert usernames(world) == before | {"ana.lima", "ben.ode", "cleo.ray"}
    with world.store.transaction(write=False) as tx:
        assert all(tx.get(Credential, u.id) is None for u in report.added)
        created = {e.resource_id for e in tx.find(AuditEntry) if e.action is AuditAction.CREATE}
    assert {u.id for u in report.added} <= created
    (line,) = report.lines()
    assert line.startswith("imported 3 accounts (1 lead, 2 participant); no passwords yet")
    assert "Forgot your password?" in line


def test_every_bad_row_gets_one_line_and_nothing_is_imported(world: World):
    before = usernames(world)
    report = importer(world).import_file(OPERATOR, write(world.tmp, BAD))
    assert report.added == ()
    assert usernames(world) == before, "all or nothing"
    assert list(report.errors) == [
        "row 3: 'x@' is not an email address like name@example.org",
        "row 4: no username",
        "row 5: the username 'ana.lima' is already on row 2",
        "row 6: unknown role 'boss': use participant or lead (empty: participant)",
        "row 7: the username 'mentor' is taken",
        "row 8: the email 'ana@example.org' is already on row 2",
        "row 9: admins are not imported: add one with `coach users add NAME --role admin`",
        "row 10: username 'has space' must be 2-40 characters: a-z, 0-9, dot, dash, "
        "underscore; no email (an imported account sets its password by mail)",
    ]
    assert report.lines()[-1] == "nothing imported: fix the 8 rows above and import again"


def test_an_address_an_account_already_has_is_a_row_error(world: World):
    world.s.users.set_email(OPERATOR, "mentee", "mentee@example.org")
    text = "username,email\nfresh.one,MENTEE@example.org\nfresh.two,two@example.org\n"
    report = importer(world).import_file(OPERATOR, write(world.tmp, text))
    assert report.errors == (
        "row 2: 'mentee@example.org' is already the address of another account",
    )


def test_the_same_file_imports_once_then_every_row_is_taken(world: World):
    path = write(world.tmp, GOOD)
    assert len(importer(world).import_file(OPERATOR, path).added) == 3
    again = importer(world).import_file(OPERATOR, path)
    assert again.added == () and len(again.errors) == 3
    assert all("is taken" in line and "already the address" in line for line in again.errors)


def test_without_mail_the_output_says_an_admin_sets_the_passwords(world: World):
    report = importer(world, mail_ready=False).import_file(OPERATOR, write(world.tmp, GOOD))
    assert "mail is not set up (COACH_SMTP_URL)" in report.lines()[0]
    assert "coach users password NAME" in report.lines()[0]


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("", "people.csv", "the file is empty"),
        ("username,email\n", "people.csv", "no people below the header"),
        ("name,mail\nana,a@example.org\n", "people.csv", "lacks username, email"),
        ("username,email,phone\nana,a@example.org,1\n", "people.csv", "unknown column(s) phone"),
        ("username,email\n", "people.pdf", "give a .csv or .xlsx file"),
    ],
)
def test_a_wrong_file_is_one_clear_error(world: World, text, name, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        importer(world).import_file(OPERATOR, write(world.tmp, text, name))


def test_headers_are_matched_loosely_and_semicolons_work(world: World):
    text = " Username ;EMAIL;Display Name\nsemi.colon;semi@example.org;Semi Colon\n"
    report = importer(world).import_file(OPERATOR, write(world.tmp, text))
    assert [u.display_name for u in report.added] == ["Semi Colon"]


def test_only_an_admin_imports(world: World):
    path = write(world.tmp, GOOD)
    for name in ("lead", "mentor"):
        with pytest.raises(PermissionDenied, match="only an admin imports users"):
            importer(world).import_file(world.people[name], path)
    assert importer(world).import_file(world.people["admin"], path).added
