"""Password reset by mail: a one-time link that expires, asked for by username or address.

- The answer is the same whether or not the account exists, has an address, or mail is set up
  (no enumeration); the mail itself goes out on a background thread, so the answer also takes
  the same time. Why a link was not sent goes to the log, for the admin.
- Requests are rate-limited like sign-ins: the same ``LoginLimiter`` with the same limits, per
  typed name and per account, in instances of their own (asking for links never locks anyone
  out of signing in).
- Only the SHA-256 of the random token is stored; a link works once, for ``LIFETIME``, and a
  reset ends every outstanding link and every sign-in session of the account.
- The link points at ``COACH_PUBLIC_URL``; without it, at the request's own address only when
  that is loopback: a Host header can be forged, and the link must not lead anywhere else.
- The mail holds the greeting name, the link and the expiry: nothing private.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from coach.domain.mail import MailKind, MailRecord, MailStatus
from coach.domain.users import PasswordReset, User, check_password
from coach.services.access import Clock, default_clock
from coach.services.errors import UserError
from coach.services.login_limit import LoginLimiter, minutes_left
from coach.services.login_tokens import token_id
from coach.services.logins import usable
from coach.services.mailer import Mail, Mailer
from coach.services.user_emails import with_email
from coach.services.users import UserService, change_credential
from coach.store.api import Store, Tx

LIFETIME = timedelta(hours=1)
ON_ITS_WAY = (
    "If that account has an email address, a link is on its way. It works once, for 1 hour."
)
TOO_MANY = "too many reset requests for this account; try again in {minutes} min"
NOT_VALID = "this reset link is not valid; ask for a new one"
USED = "this reset link was already used; ask for a new one if you need it"
EXPIRED = "this reset link has expired (links work for 1 hour); ask for a new one"
SUBJECT = "Reset your Flipside password"
log = logging.getLogger(__name__)


def link_base(public_url: str | None, origin: str | None) -> str | None:
    """Where reset links point: ``COACH_PUBLIC_URL``, else the request's own origin when it is
    loopback (a local install), else nowhere."""
    if public_url:
        return public_url.strip().rstrip("/")
    host = urlsplit(origin or "").hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return (origin or "").rstrip("/") if loopback else None


def reset_mail(user: User, link: str, expires_at: datetime) -> Mail:
    """The mail: greeting name, link and expiry, nothing else about the account."""
    assert user.email is not None
    body = (
        f"Hello {user.label},\n\n"
        "Someone (we hope you) asked to reset your Flipside password. Open this link to choose "
        f"a new one:\n\n{link}\n\n"
        f"The link works once and expires at {expires_at:%Y-%m-%d %H:%M} UTC "
        f"({int(LIFETIME.total_seconds() // 60)} minutes after it was sent). If you did not "
        "ask, ignore this mail: your password stays as it is.\n"
    )
    return Mail(user.email, SUBJECT, body)


class Outbox:
    """Runs mail deliveries on one background thread (or at once, for unit tests)."""

    def __init__(self, background: bool = True) -> None:
        self.background = background
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()

    def post(self, delivery: Callable[[], None]) -> None:
        if not self.background:
            delivery()
            return
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="reset-mail")
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._pool.submit(delivery))

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until every delivery posted so far is done."""
        with self._lock:
            pending = list(self._pending)
        wait(pending, timeout=timeout)


class PasswordResetService:
    """Reset links: ask for one, check one, use one."""

    def __init__(
        self,
        store: Store,
        users: UserService,
        mailer: Mailer,
        public_url: str | None = None,
        clock: Clock = default_clock,
        outbox: Outbox | None = None,
    ) -> None:
        self.store = store
        self.users = users
        self.mailer = mailer
        self.public_url = public_url
        self.clock = clock
        self.outbox = outbox or Outbox()
        self.per_name = LoginLimiter(clock)  # what was typed, known or not
        self.per_account = LoginLimiter(clock)  # the account, by username or by address

    def request(self, name_or_email: str, origin: str | None = None) -> str:
        """Mail a reset link to the account named by username or address, if it has one.

        Always ``ON_ITS_WAY``; a ``UserError`` only when this name asked too often (unknown
        names count too, so that says nothing about accounts). ``origin`` is the request's own
        ``scheme://host[:port]``, used for the link only when loopback and no public URL is set.
        """
        key = (name_or_email or "").strip().lower()[:200]
        waiting = self.per_name.begin(key)
        if waiting is not None:
            log.warning("password reset refused: too many requests for one name")
            raise UserError(TOO_MANY.format(minutes=minutes_left(waiting)))
        for user in self._accounts(key):
            self._send_link(user, origin)
        return ON_ITS_WAY

    def _accounts(self, key: str) -> list[User]:
        if not key:
            return []
        with self.store.transaction(write=False) as tx:
            found = with_email(tx, key) if "@" in key else tx.find(User, username=key)
        if not found:
            log.info("password reset asked for an account that does not exist")
        return [u for u in found if u.active]

    def _send_link(self, user: User, origin: str | None) -> None:
        why = self._cannot_send(user, origin)
        if why:
            log.warning("password reset for %s not sent: %s", user.username, why)
            return
        base = link_base(self.public_url, origin)
        token = secrets.token_urlsafe(32)
        now = self.clock()
        reset = PasswordReset(token_id(token), user.id, now, now + LIFETIME)
        record = MailRecord(f"{MailKind.PASSWORD_RESET}:{reset.id}", MailKind.PASSWORD_RESET,
                            user.id, MailStatus.SENDING, now)  # fmt: skip
        with self.store.transaction() as tx:
            for old in tx.find(PasswordReset, user_id=user.id):
                if not old.usable_at(now):
                    tx.delete(PasswordReset, old.id)
            tx.insert(reset)
            tx.insert(record)  # the mail log: the admin sees it went, or why not
        mail = reset_mail(user, f"{base}/reset?token={token}", reset.expires_at)
        self.outbox.post(lambda: self._deliver(mail, user.username, record))

    def _deliver(self, mail: Mail, username: str, record: MailRecord) -> None:
        """Hand the mail over and log the outcome (the person simply asks again on failure)."""
        try:
            self.mailer.send(mail)
        except Exception as error:
            log.warning("password reset link for %s not sent: %s", username, error)
            done = replace(record, status=MailStatus.FAILED, error=str(error)[:500])
        else:
            log.info("password reset link mailed to %s", username)
            done = replace(record, status=MailStatus.SENT, sent_at=self.clock())
        with self.store.transaction() as tx:
            tx.update(done)

    def _cannot_send(self, user: User, origin: str | None) -> str | None:
        if self.per_account.begin(user.id) is not None:
            return "too many requests for this account (asked by username and address)"
        if not user.email:
            return f"no email address; an admin sets one (coach users email {user.username} ADDR)"
        if not self.mailer.configured:
            return "mail is not set up (COACH_SMTP_URL)"
        if link_base(self.public_url, origin) is None:
            return (
                "set COACH_PUBLIC_URL: the request's own address is not loopback, and a link "
                "must not point at whatever Host a request claims"
            )
        return None

    def check(self, token: str | None) -> User:
        """The account a link resets; a ``UserError`` saying why when it cannot be used."""
        with self.store.transaction(write=False) as tx:
            return self._holder(tx, token, locked=False)

    def reset(self, token: str | None, password: str) -> User:
        """Set a new password with a link: once, before it expires. Every outstanding link and
        every sign-in session of the account ends (the password-change path)."""
        self.check(token)  # cheap refusals before the slow hash
        check_password(password)
        password_hash = self.users.passwords.hash(password)
        with self.store.transaction() as tx:
            user = self._holder(tx, token, locked=True)  # a parallel use waits, then is refused
            now = self.clock()
            for link in tx.find(PasswordReset, user_id=user.id):
                if link.used_at is None:
                    tx.update(replace(link, used_at=now))
            change_credential(tx, user, user, password_hash, now)
        self.users.limiter.succeeded(user.username)  # proven by mail: sign in at once
        log.info("password reset by mail for %s", user.username)
        return user

    def _holder(self, tx: Tx, token: str | None, locked: bool) -> User:
        key = token_id(token) if token and usable(token) else None
        if key is None:
            raise UserError(NOT_VALID)
        link = tx.lock_first(PasswordReset, id=key) if locked else tx.get(PasswordReset, key)
        if link is None:
            raise UserError(NOT_VALID)
        if link.used_at is not None:
            raise UserError(USED)
        if not link.usable_at(self.clock()):
            raise UserError(EXPIRED)
        user = tx.get(User, link.user_id)
        if user is None or not user.active:
            raise UserError(NOT_VALID)
        return user
