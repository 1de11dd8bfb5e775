"""Password reset by mail: hashed one-time tokens that expire, the sign-in rate limit, the same
answer for every name, and mails that say nothing private."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import timedelta

import pytest

from coach.domain.common import RuleViolation
from coach.domain.mail import MailKind, MailRecord, MailStatus
from coach.domain.users import PasswordReset
from coach.services.access import OPERATOR
from coach.services.errors import UserError
from coach.services.logins import LoginService
from coach.services.mailer import Mail, MailError, NoMailer
from coach.services.password_reset import (
    LIFETIME,
    ON_ITS_WAY,
    Outbox,
    PasswordResetService,
    link_base,
)
from tests.unit.services.conftest import PASSWORD, SECRETS, World

pytestmark = pytest.mark.unit
ORIGIN = "http://127.0.0.1:7860"
NEW = "a brand new password"


class Recorder:
    """A mailer that keeps what it is given."""

    configured = True

    def __init__(self) -> None:
        self.sent: list[Mail] = []

    def send(self, mail: Mail) -> None:
        self.sent.append(mail)


def service(world: World, mailer=None, public_url: str | None = None) -> PasswordResetService:
    mailer = mailer if mailer is not None else Recorder()
    return PasswordResetService(world.store, world.s.users, mailer, public_url, world.clock,
                                Outbox(background=False))  # fmt: skip


def token_of(mail: Mail) -> str:
    return re.search(r"/reset\?token=([A-Za-z0-9_-]+)", mail.body).group(1)


@pytest.fixture
def resets(world: World) -> PasswordResetService:
    world.s.users.set_email(OPERATOR, "mentee", "mentee@example.org")
    world.s.users.set_email(OPERATOR, "mentor", "mentor@example.org")
    return service(world)


def test_a_link_is_mailed_and_only_the_tokens_sha256_is_stored(world: World, resets):
    assert resets.request("mentee", ORIGIN) == ON_ITS_WAY
    (mail,) = resets.mailer.sent
    assert mail.to == "mentee@example.org" and f"{ORIGIN}/reset?token=" in mail.body
    token = token_of(mail)
    with world.store.transaction(write=False) as tx:
        (stored,) = tx.find(PasswordReset)
    assert stored.id == hashlib.sha256(token.encode()).hexdigest() and token not in stored.id
    assert stored.user_id == world.people["mentee"].id
    assert stored.expires_at - stored.created_at == LIFETIME == timedelta(hours=1)


def test_asking_by_address_works_in_any_case(resets):
    resets.request("  Mentor@Example.org ", ORIGIN)
    assert [m.to for m in resets.mailer.sent] == ["mentor@example.org"]


def test_a_link_works_once_and_ends_every_session(world: World, resets):
    logins = LoginService(world.store, world.s.users, timedelta(hours=8), world.clock)
    session = logins.sign_in("mentee", PASSWORD)[1]
    resets.request("mentee", ORIGIN)
    token = token_of(resets.mailer.sent[0])
    assert resets.check(token).username == "mentee"
    assert resets.reset(token, NEW).username == "mentee"
    assert logins.user_for(session) is None, "the old sign-in ended"
    assert world.s.users.authenticate("mentee", NEW).username == "mentee"
    with pytest.raises(UserError, match="already used"):
        resets.reset(token, "another new password")
    with pytest.raises(UserError, match="wrong username or password"):
        world.s.users.authenticate("mentee", "another new password")


def test_a_link_expires_after_an_hour(world: World, resets):
    resets.request("mentee", ORIGIN)
    token = token_of(resets.mailer.sent[0])
    world.tick(minutes=59)
    resets.check(token)
    world.tick(minutes=1)
    for attempt in (resets.check, lambda t: resets.reset(t, NEW)):
        with pytest.raises(UserError, match="expired"):
            attempt(token)
    assert world.s.users.authenticate("mentee", PASSWORD).username == "mentee"


def test_a_reset_ends_the_accounts_other_outstanding_links(world: World, resets):
    resets.request("mentee", ORIGIN)
    resets.request("mentee@example.org", ORIGIN)
    first, second = (token_of(m) for m in resets.mailer.sent)
    resets.reset(second, NEW)
    with pytest.raises(UserError, match="already used"):
        resets.reset(first, "yet another password")


def test_unknown_garbage_and_too_short_are_refused_clearly(world: World, resets):
    for token in (None, "", "x" * 500, "not-a-token"):
        with pytest.raises(UserError, match="not valid"):
            resets.reset(token, NEW)
    resets.request("mentee", ORIGIN)
    token = token_of(resets.mailer.sent[0])
    with pytest.raises(RuleViolation, match="at least 10 characters"):
        resets.reset(token, "short")
    assert resets.reset(token, NEW), "a refused password does not use the link up"


def test_a_deactivated_account_gets_no_link_and_cannot_use_one(world: World, resets):
    resets.request("mentee", ORIGIN)
    token = token_of(resets.mailer.sent[0])
    world.s.users.set_active(OPERATOR, "mentee", False)
    with pytest.raises(UserError, match="not valid"):
        resets.reset(token, NEW)
    assert resets.request("mentee", ORIGIN) == ON_ITS_WAY and len(resets.mailer.sent) == 1


def test_the_answer_is_the_same_for_every_name_and_only_real_addresses_get_mail(
    world: World, resets, caplog
):
    with caplog.at_level(logging.INFO):
        names = ("mentee", "nobody", "nobody@example.org", "lead", "", "mentor@example.org")
        answers = {resets.request(name, ORIGIN) for name in names}
    assert answers == {ON_ITS_WAY}
    assert sorted(m.to for m in resets.mailer.sent) == ["mentee@example.org", "mentor@example.org"]
    assert "lead not sent: no email address" in caplog.text, "the admin learns why"
    assert "nobody" not in caplog.text, "what strangers type is not logged"


def test_no_mailer_or_no_safe_address_sends_nothing_and_answers_the_same(world: World, caplog):
    world.s.users.set_email(OPERATOR, "mentee", "mentee@example.org")
    quiet = service(world, NoMailer())
    with caplog.at_level(logging.WARNING):
        assert quiet.request("mentee", ORIGIN) == ON_ITS_WAY
    assert "mail is not set up" in caplog.text
    forged = service(world)
    assert forged.request("mentee", "http://evil.example") == ON_ITS_WAY
    assert forged.mailer.sent == [] and "set COACH_PUBLIC_URL" in caplog.text
    public = service(world, public_url="https://coach.example.org/")
    public.request("mentee", "http://evil.example")
    assert "https://coach.example.org/reset?token=" in public.mailer.sent[0].body
    with world.store.transaction(write=False) as tx:
        assert len(tx.find(PasswordReset)) == 1, "no link is stored that cannot be sent"


def test_link_base_trusts_only_the_public_url_or_loopback():
    assert link_base("https://coach.example.org", "http://127.0.0.1:1") == (
        "https://coach.example.org"
    )
    for origin in ("http://127.0.0.1:7860", "http://localhost:7860", "http://[::1]:80"):
        assert link_base(None, origin) == origin
    for origin in (
        "http://evil.example",
        "http://10.0.0.5:7860",
        "",
        None,
        "http://127.0.0.1.evil.example",
    ):
        assert link_base(None, origin) is None


def test_requests_are_limited_like_sign_ins_and_do_not_lock_sign_in(world: World, resets):
    for _ in range(5):
        assert resets.request("Mentee ", ORIGIN) == ON_ITS_WAY
    with pytest.raises(UserError, match="too many reset requests.*try again in 5 min"):
        resets.request("mentee", ORIGIN)
    assert world.s.users.authenticate("mentee", PASSWORD), "sign-in is not locked by resets"
    world.tick(minutes=5)
    assert resets.request("mentee", ORIGIN) == ON_ITS_WAY
    assert len(resets.mailer.sent) == 6


def test_unknown_names_are_limited_the_same_way(resets):
    messages = []
    for name in ("nobody", "mentee"):
        for _ in range(5):
            resets.request(name, ORIGIN)
        with pytest.raises(UserError) as refused:
            resets.request(name, ORIGIN)
        messages.append(str(refused.value))
    assert messages[0] == messages[1]


def test_alternating_username_and_address_cannot_double_the_mails(resets):
    for _ in range(5):
        resets.request("mentee", ORIGIN)
        resets.request("mentee@example.org", ORIGIN)
    assert len(resets.mailer.sent) == 5, "the account's own limit holds across both names"


def test_a_reset_lifts_a_sign_in_lock(world: World, resets):
    for _ in range(5):
        with pytest.raises(UserError):
            world.s.users.authenticate("mentee", "wrong password!")
    resets.request("mentee", ORIGIN)
    resets.reset(token_of(resets.mailer.sent[0]), NEW)
    assert world.s.users.authenticate("mentee", NEW).username == "mentee"


def test_an_imported_account_without_a_password_sets_its_first_one(world: World, resets):
    world.s.users.add(OPERATOR, "newbie", "participant", None, "New Bie", "newbie@example.org")
    resets.request("newbie", ORIGIN)
    resets.reset(token_of(resets.mailer.sent[0]), NEW)
    assert world.s.users.authenticate("newbie", NEW).username == "newbie"


def test_the_mail_holds_the_name_link_and_expiry_and_nothing_private(world: World, resets):
    world.s.users.set_email(OPERATOR, "mentor", None)
    world.s.users.add(OPERATOR, "named", "participant", None, "Nadia Named", "n@example.org")
    resets.request("named", ORIGIN)
    (mail,) = resets.mailer.sent
    assert (
        mail.body.startswith("Hello Nadia Named,")
        and "expires at 2026-03-04 10:00 UTC" in mail.body
    )
    for secret in (*SECRETS.values(), PASSWORD, "participant", "mentee"):
        assert secret not in mail.body and secret not in mail.subject
    hashed = hashlib.sha256(token_of(mail).encode()).hexdigest()
    assert hashed not in mail.body


def test_a_failing_mail_server_is_logged_not_raised(world: World, caplog):
    class Broken(Recorder):
        def send(self, mail: Mail) -> None:
            raise MailError("the mail server at 127.0.0.1:1 refused the mail: gone")

    world.s.users.set_email(OPERATOR, "mentee", "mentee@example.org")
    with caplog.at_level(logging.WARNING):
        assert service(world, Broken()).request("mentee", ORIGIN) == ON_ITS_WAY
    assert "link for mentee not sent" in caplog.text and "refused the mail" in caplog.text
    with world.store.transaction(write=False) as tx:
        (record,) = tx.find(MailRecord)
    assert record.status is MailStatus.FAILED and "refused the mail" in record.error


def test_each_link_sent_is_in_the_mail_log_without_its_token(world: World, resets):
    resets.request("mentee", ORIGIN)
    token = token_of(resets.mailer.sent[0])
    with world.store.transaction(write=False) as tx:
        (record,) = tx.find(MailRecord)
    assert record.kind is MailKind.PASSWORD_RESET and record.status is MailStatus.SENT
    assert record.user_id == world.people["mentee"].id and record.sent_at == world.clock.now
    assert token not in record.id and record.error is None
