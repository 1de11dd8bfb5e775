"""Password reset by mail, end to end: the running app, its own sign-in pages, a real SMTP
server (aiosmtpd) on loopback.

Must show (issue 20): a reset link works once and expires; no mail body holds private text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

from coach.domain.common import utcnow
from coach.domain.mail import MailKind, MailRecord, MailStatus
from coach.llm.server import free_port
from coach.services.access import OPERATOR
from coach.services.container import Services
from coach.services.demo import DemoLoader
from coach.services.passwords import Passwords
from coach.ui.launch import launch_app
from tests.app_support import MENTEE, MENTOR, OUTSIDER, PASSWORD, fake_services
from tests.smtp_support import Inbox, smtp_server

pytestmark = pytest.mark.integration
CANARY = "the canary says zebra quartz lantern in my private reflection"
SUMMARY_CANARY = "canary summary mentions violet harbour ledger privately"
GOAL_CANARY = "canary goal about amber falcon meetings"
ANSWER = "If that account has an email address, a link is on its way."
NEW = "a fresh password 2026"


@dataclass
class MailApp:
    url: str
    services: Services
    inbox: Inbox


@pytest.fixture(scope="module")
def mail_app(tmp_path_factory) -> Iterator[MailApp]:
    with smtp_server() as inbox:
        services, _model = fake_services(tmp_path_factory.mktemp("reset"), smtp_url=inbox.url)
        DemoLoader(services.store, Passwords.fast()).load(PASSWORD)
        port = free_port()
        server = launch_app(services, "127.0.0.1", port, block=False)
        try:
            yield MailApp(f"http://127.0.0.1:{port}", services, inbox)
        finally:
            server.close()
            services.close()


@pytest.fixture(scope="module")
def planted(mail_app: MailApp) -> str:
    """Private text in a reflection, a draft summary and a goal of the mentee's pair, and
    addresses for both members."""
    s = mail_app.services
    mentor, mentee = s.users.signed_in(MENTOR), s.users.signed_in(MENTEE)
    pair = next(c.pair for c in s.pairs.list(OPERATOR) if c.pair.mentor_id == mentor.id)
    s.reflections.write(mentee, pair.id, CANARY)
    s.summaries.draft(mentee, pair.id, SUMMARY_CANARY)
    s.plans.add_goal(mentee, pair.id, GOAL_CANARY, "done when it is done")
    s.users.set_email(OPERATOR, MENTEE, "harold@example.org")
    s.users.set_email(OPERATOR, MENTOR, "priya@example.org")
    s.users.set_email(OPERATOR, OUTSIDER, None)
    return pair.id


def ask(app: MailApp, name: str, **headers) -> httpx.Response:
    return httpx.post(f"{app.url}/forgot", data={"name": name}, headers=headers, timeout=20)


def link_in(app: MailApp, address: str) -> str:
    app.services.password_resets.outbox.flush()
    body = Inbox.body(app.inbox.to(address)[-1])
    return re.search(r"(http://\S+/reset\?token=\S+)", body).group(1)


def set_password(app: MailApp, link: str, password: str, again: str | None = None):
    page = httpx.get(link, timeout=20)
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    form = {"token": token.group(1) if token else link.split("token=")[1],
            "password": password, "again": again if again is not None else password}  # fmt: skip
    return page, httpx.post(f"{app.url}/reset", data=form, timeout=20)


def signs_in(app: MailApp, username: str, password: str) -> bool:
    response = httpx.post(f"{app.url}/login", data={"username": username, "password": password})
    return response.status_code == 200


def test_the_sign_in_page_offers_a_reset_and_every_name_gets_the_same_answer(mail_app, planted):
    login = httpx.get(f"{mail_app.url}/login")
    assert 'href="forgot"' in login.text and "Forgot your password?" in login.text
    form = httpx.get(f"{mail_app.url}/forgot")
    assert form.status_code == 200 and 'action="forgot"' in form.text
    pages = {name: ask(mail_app, name) for name in
             ("nobody.here", "nobody@example.org", OUTSIDER, "priya@example.org")}  # fmt: skip
    assert {p.status_code for p in pages.values()} == {200}
    assert len({p.text for p in pages.values()}) == 1, "the same page for every name"
    assert ANSWER in pages["nobody.here"].text
    mail_app.services.password_resets.outbox.flush()
    assert [m["To"] for m in mail_app.inbox.messages] == ["priya@example.org"], (
        "only a real account with an address gets mail (the outsider has none)"
    )


def test_a_reset_link_works_once(mail_app, planted):
    ask(mail_app, MENTEE)
    link = link_in(mail_app, "harold@example.org")
    assert link.startswith(f"{mail_app.url}/reset?token=")
    page, done = set_password(mail_app, link, NEW)
    assert page.status_code == 200 and "Choose a new password" in page.text
    assert page.headers["referrer-policy"] == "same-origin"
    assert done.status_code == 200 and "Your password is changed" in done.text
    assert signs_in(mail_app, MENTEE, NEW) and not signs_in(mail_app, MENTEE, PASSWORD)
    again_page, again = set_password(mail_app, link, "yet another password")
    assert again_page.status_code == 400 and "already used" in again_page.text
    assert again.status_code == 400 and "already used" in again.text
    assert signs_in(mail_app, MENTEE, NEW)


def test_an_expired_link_is_refused(mail_app, planted):
    ask(mail_app, "harold@example.org")
    link = link_in(mail_app, "harold@example.org")
    resets = mail_app.services.password_resets
    resets.clock = lambda: utcnow() + timedelta(hours=1, minutes=1)
    try:
        page, done = set_password(mail_app, link, "too late password")
    finally:
        resets.clock = utcnow
    assert page.status_code == 400 and "expired" in page.text
    assert done.status_code == 400 and "expired" in done.text
    assert not signs_in(mail_app, MENTEE, "too late password")


def test_mismatched_or_short_passwords_keep_the_link(mail_app, planted):
    ask(mail_app, MENTOR)
    link = link_in(mail_app, "priya@example.org")
    _, differ = set_password(mail_app, link, "first try password", "second try password")
    assert differ.status_code == 400 and "The two passwords differ" in differ.text
    _, short = set_password(mail_app, link, "short")
    assert short.status_code == 400 and "at least 10 characters" in short.text
    _, done = set_password(mail_app, link, "priya's new password")
    assert done.status_code == 200 and signs_in(mail_app, MENTOR, "priya's new password")


def test_a_foreign_page_cannot_post_the_forms(mail_app, planted):
    before = len(mail_app.inbox.messages)
    refused = ask(mail_app, MENTEE, origin="https://evil.example")
    assert refused.status_code == 403
    forged = httpx.post(f"{mail_app.url}/reset", data={"token": "x", "password": NEW, "again": NEW},
                        headers={"origin": "https://evil.example"})  # fmt: skip
    assert forged.status_code == 403
    mail_app.services.password_resets.outbox.flush()
    assert len(mail_app.inbox.messages) == before


def test_a_forged_host_gets_no_link_to_elsewhere(mail_app, planted, caplog):
    before = len(mail_app.inbox.messages)
    with caplog.at_level(logging.WARNING, logger="coach.services.password_reset"):
        answer = ask(mail_app, MENTOR, host="evil.example")
        mail_app.services.password_resets.outbox.flush()
    assert answer.status_code == 200 and ANSWER in answer.text
    assert len(mail_app.inbox.messages) == before
    assert "set COACH_PUBLIC_URL" in caplog.text


def test_no_mail_holds_private_text(mail_app, planted):
    ask(mail_app, "priya.nair")
    mail_app.services.password_resets.outbox.flush()
    assert mail_app.inbox.messages, "mails went out in this module"
    for message in mail_app.inbox.messages:
        text = f"{message['Subject']}\n{Inbox.body(message)}"
        for secret in (CANARY, SUMMARY_CANARY, GOAL_CANARY, PASSWORD, NEW):
            words = secret.split()
            for start in range(max(1, len(words) - 5)):
                assert " ".join(words[start : start + 6]) not in text
        lines = [line for line in Inbox.body(message).splitlines() if line.strip()]
        assert lines[0] in ("Hello Harold Brandt,", "Hello Priya Nair,")
        assert len(lines) == 4 and "/reset?token=" in lines[2]
        assert "expires at" in lines[3] and message["Subject"] == "Reset your Flipside password"
    with mail_app.services.store.transaction(write=False) as tx:
        logged = tx.find(MailRecord, kind=MailKind.PASSWORD_RESET)
    assert [r.status for r in logged] == [MailStatus.SENT] * len(mail_app.inbox.messages)
