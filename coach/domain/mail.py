"""Mail that Flipside sends, as records: each mail is claimed once by its key before it is sent,
so two instances never send the same reminder twice. No body is stored: only what and to whom.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware


class MailKind(StrEnum):
    NUDGE = "nudge"  # a pair's cadence lapsed, before it stalls
    PULSE_DUE = "pulse_due"
    ASSESSMENT_DUE = "assessment_due"
    DIGEST = "digest"  # the lead's weekly aggregates
    PASSWORD_RESET = "password_reset"
    CHECKIN = "checkin"  # a member asked the lead for a check-in


class MailStatus(StrEnum):
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class MailRecord:
    """One mail: ``id`` is its dedup key, e.g. ``nudge:<pair>:<user>:<last held date>``."""

    id: str
    kind: MailKind
    user_id: str
    status: MailStatus
    created_at: datetime
    sent_at: datetime | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        check(0 < len(self.id) <= 200, "a mail key is 1-200 characters")
        check_aware(self.created_at, "created_at")
        if self.sent_at is not None:
            check_aware(self.sent_at, "sent_at")
