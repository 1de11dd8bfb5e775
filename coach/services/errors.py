"""Errors that carry a message meant for the user: what went wrong and what to do next."""

from coach.domain.common import RuleViolation
from coach.store.api import StoreError


class UserError(ValueError):
    """Bad input or an unavailable dependency, explained in one readable sentence."""


class PermissionDenied(UserError):
    """The actor may not do this. The message names the rule, never the data behind it."""


class NotFound(UserError):
    """The named user, pair or record does not exist."""


def check_unicode(text: str | None, what: str) -> None:
    """Refuse text that cannot be stored or sent, such as lone surrogates from a broken paste."""
    try:
        (text or "").encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(
            f"{what} contains broken characters (invalid Unicode); remove or retype them."
        ) from None


# What a screen shows as a message: our errors, a broken domain rule, a store refusal.
READABLE_ERRORS = (UserError, RuleViolation, StoreError)
