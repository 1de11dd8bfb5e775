"""Background jobs kept as rows: what to do for which pair, from which inputs, and how it went.

A job is queued, claimed by one instance (running), then done, failed or superseded. Jobs are
deduplicated per pair by the hash of their inputs (the pair file the generation reads).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from coach.domain.artifacts import ArtifactRecord
from coach.domain.common import check, check_aware
from coach.domain.pair_profile import PairProfile

MAX_ATTEMPTS = 3  # claims that ended in an error or a crash before a job is given up
HASH_VERSION = "1"  # bump when what counts as a job's inputs changes


class JobKind(StrEnum):
    PREPARE = "prepare"  # the next session's agenda and starters


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SUPERSEDED = "superseded"  # its inputs changed before it finished: a newer job took over

    @property
    def active(self) -> bool:
        """Still to run, or running."""
        return self in (JobStatus.QUEUED, JobStatus.RUNNING)


class Priority(IntEnum):
    """Lower runs first: someone waiting before background work."""

    INTERACTIVE = 0
    BACKGROUND = 1


@dataclass(frozen=True)
class Job:
    """One job. ``outputs`` are the ids of what it stored (artifacts); ``after_session`` the
    number of the pair's last held session when it read its inputs."""

    id: str
    kind: JobKind
    pair_id: str
    inputs_hash: str
    status: JobStatus
    priority: Priority
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    claimed_by: str | None
    error: str | None
    after_session: int | None
    outputs: tuple[str, ...]

    def __post_init__(self) -> None:
        check(self.attempts >= 0, "attempts are >= 0")
        check(bool(self.inputs_hash), "a job names its inputs")
        for name in ("created_at", "started_at", "finished_at"):
            moment = getattr(self, name)
            if moment is not None:
                check_aware(moment, name)
        check(
            self.status is not JobStatus.RUNNING or self.claimed_by is not None,
            "a running job names the instance running it",
        )


def inputs_hash(profile: PairProfile) -> str:
    """A fingerprint of what a preparation reads: equal hashes, equal plans to make.

    The starters a pair was given are left out: storing a plan adds to them, and that must not
    make the plan it stored stale."""
    data = f"{HASH_VERSION}\n{profile.model_dump_json(exclude={'given_starters'})}".encode()
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class PreparedPlan:
    """The latest agenda and starters prepared in the background for a pair's next session."""

    agenda: ArtifactRecord
    starters: ArtifactRecord
    made_at: datetime
    after_session: int | None  # the last held session when it was made; None before the first
    stale: bool  # the pair's inputs changed since: a refresh is due
    pending: bool  # a newer preparation is queued or running
    job_id: str
