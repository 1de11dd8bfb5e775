"""Pure helpers of the web app: tabs by role, escaping, reflection prompts, weekly counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import gradio as gr
import pytest

from coach.domain.pairs import Pair, PairStatus, Profile
from coach.domain.users import Role, User
from coach.services.pairs import PairCard
from coach.ui.auth import RoleView, pair_label, readable
from coach.ui.lead import sessions_per_week
from coach.ui.mentee import compose
from coach.ui.render import md

NOW = datetime(2026, 3, 2, tzinfo=UTC)


def person(role: Role, uid: str = "usr_me") -> User:
    return User(uid, "someone", role, "Some One", True, NOW)


def card(mentor: str, mentee: str) -> PairCard:
    pair = Pair("pair_1", "prg_1", mentor, mentee, Profile(), Profile(), PairStatus.ACTIVE, NOW)
    return PairCard(pair, "Pilot", "m", "n", "Mentor Name", "Mentee Name")


@pytest.mark.parametrize(
    ("role", "pairs", "tabs"),
    [
        (Role.PARTICIPANT, [card("usr_me", "usr_x")], ("mentor", "reflect", "account")),
        (Role.PARTICIPANT, [card("usr_x", "usr_me")], ("reflect", "account")),
        (Role.PARTICIPANT, [], ("reflect", "account")),
        (Role.LEAD, [], ("lead", "account")),
        (Role.ADMIN, [], ("admin", "account")),
    ],
)
def test_tabs_follow_role_and_side(role, pairs, tabs):
    assert RoleView(person(role), tuple(pairs)).tabs == tabs


def test_a_pair_is_labelled_by_the_partner_and_status():
    mine = card("usr_me", "usr_x")
    assert pair_label(mine, person(Role.PARTICIPANT)) == "Mentee Name (you mentor) · Pilot"
    paused = replace(mine, pair=replace(mine.pair, status=PairStatus.PAUSED))
    assert pair_label(paused, person(Role.PARTICIPANT)).endswith("[paused]")


def test_stored_text_cannot_become_markup():
    shown = md("<img src=x onerror=alert(1)> [link](http://evil) **bold**\nnext")
    assert "<img" not in shown and "](" not in shown and "**" not in shown
    assert "\n" not in shown


def test_service_errors_are_escaped_and_capitalised():
    error = readable(ValueError("no user '<b>x</b>'"))
    assert isinstance(error, gr.Error)
    assert error.message == "No user '&lt;b&gt;x&lt;/b&gt;'"


def test_a_reflection_joins_the_answered_prompts_only():
    text = compose({"learned": " Dashboards ", "surprised": "", "try": "Ask", "dynamic": "  "})
    assert text == "What I learned: Dashboards\n\nWhat I will try: Ask"
    with pytest.raises(gr.Error):
        compose({"learned": " ", "surprised": ""})


def test_sessions_per_week_fills_quiet_weeks_with_zero():
    frame = sessions_per_week([date(2026, 11, 4), date(2026, 11, 2), date(2026, 11, 23)])
    assert list(frame["sessions"]) == [2, 0, 0, 1]
    assert str(frame["week"].iloc[0].date()) == "2026-11-02"
    assert sessions_per_week([]).empty


def test_the_first_start_creates_one_admin_and_says_so_once(settings):
    from coach.services.container import Services
    from coach.ui.launch import first_admin

    services = Services(settings)
    try:
        notice = first_admin(services)
        assert notice is not None and "'admin'" in notice
        secret = settings.data_dir / "first-admin-password.txt"
        assert str(secret.resolve()) in notice and secret.stat().st_mode & 0o777 == 0o600
        password = secret.read_text().strip()
        assert password not in notice, "the password is never printed (container logs)"
        assert services.users.authenticate("admin", password).role is Role.ADMIN
        assert first_admin(services) is None
    finally:
        services.close()


def test_download_folders_share_one_root_and_old_ones_are_removed(monkeypatch):
    import os

    from coach.ui import downloads

    first = downloads.download_folder("export-")
    (first / "agenda.md").write_text("x")
    second = downloads.download_folder("csv-")
    assert first.parent == second.parent and first != second and first.exists()
    old = downloads.KEEP_SECONDS + 60
    os.utime(first, (first.stat().st_atime - old, first.stat().st_mtime - old))
    downloads.download_folder("export-")
    assert not first.exists() and second.exists()
