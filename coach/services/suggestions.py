"""The lead's match desk: suggestions for one program from a candidates file, swaps, accepting.

``MatchingService`` does the matching and needs no store; this service puts it in a program:
- only an admin or a lead of the program may use it (``policy.can_make_pairs``);
- the pool is the file's good rows minus anyone already in a running (active or paused) pair
  of that program; a junior with two places and one running pair keeps one place;
- a pair that ended (done, not a good fit, or closed), in any program, is passed as ``ended``,
  so re-matching after an end never suggests it again;
- each suggestion says whether both names map to accounts (``accounts_for``).
Accepting re-checks the pair against every rule (``score_pair``) before ``PairService`` makes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from coach.domain import policy
from coach.domain.candidates import Candidate, CandidatePool, key
from coach.domain.match_reasons import MatchResult, Suggestion
from coach.domain.matching import MatchOptions
from coach.domain.pairs import Pair, Side
from coach.domain.programs import Program
from coach.domain.users import User
from coach.services.access import current, require
from coach.services.candidate_files import read_candidates
from coach.services.errors import UserError
from coach.services.matching import MatchingService
from coach.services.pairs import Accounts, PairCard, PairService, accounts_for
from coach.services.programs import find_program
from coach.store.api import Store, Tx

NOT_ALLOWED = "only an admin or the program's lead sees match suggestions"


@dataclass(frozen=True)
class OpenPool:
    """The candidates open to a match in one program, and what the file said about the rest."""

    program: Program
    pool: CandidatePool  # the open candidates (reporting lines still follow every named row)
    options: MatchOptions  # the lead's capacity, and every pair that ended between them
    accounts: Accounts
    paired: tuple[str, ...]  # names left out: already in a running pair of the program

    def no_account(self, *people: Candidate) -> list[str]:
        """Which of ``people`` have no account to pair."""
        return [p.name for p in people if p.key not in self.accounts.found]


@dataclass(frozen=True)
class ScoredPair:
    """One pair the lead chose (a suggestion, or a swap), and who in it has no account yet."""

    suggestion: Suggestion
    no_account: tuple[str, ...]


@dataclass(frozen=True)
class Suggestions:
    """What the lead's table shows: the matcher's result for the open pool of a program."""

    open: OpenPool
    result: MatchResult


def _read(path: Path | str | None) -> CandidatePool:
    """The candidates in an uploaded file; messages name the file, not the upload folder."""
    if not path:
        raise UserError("upload a candidates file first (CSV or XLSX, one row per person; "
                        "the columns are in docs/matching.md)")  # fmt: skip
    path = Path(path)
    try:
        return read_candidates(path)
    except UserError as error:
        raise UserError(str(error).replace(str(path), path.name)) from None


def _ended(pairs: list[Pair], people: dict[str, Candidate]) -> frozenset[tuple[str, str]]:
    """(junior, senior) names of ended pairs whose members are both open candidates, whichever
    side each was on then. ``people`` maps an account id to its candidate."""
    ended = set()
    for pair in pairs:
        if pair.status.running:
            continue
        a, b = people.get(pair.mentor_id), people.get(pair.mentee_id)
        if a is None or b is None:
            continue
        for junior, senior in ((a, b), (b, a)):
            if junior.side is Side.MENTOR and senior.side is Side.MENTEE:
                ended.add((junior.name, senior.name))
    return frozenset(ended)


class SuggestionService:
    """Suggest, swap and accept pairs for one program, as its lead."""

    def __init__(self, store: Store, matching: MatchingService, pairs: PairService) -> None:
        self.store = store
        self.matching = matching
        self.pairs = pairs

    def programs(self, actor: User) -> list[Program]:
        """The programs ``actor`` may make pairs in."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            require(policy.is_admin(actor) or policy.is_lead(actor), NOT_ALLOWED)
            return [p for p in tx.find(Program) if policy.can_make_pairs(actor, p)]

    def _open(self, tx: Tx, actor: User, program: str | None, pool: CandidatePool,
              capacity: int) -> OpenPool:  # fmt: skip
        actor = current(tx, actor)
        chosen = find_program(tx, program)
        require(policy.can_make_pairs(actor, chosen), NOT_ALLOWED)
        accounts = accounts_for(tx, [c.name for c in pool.candidates])
        by_name = {c.key: c for c in pool.candidates}
        people = {user.id: by_name[name] for name, user in accounts.found.items()}
        pairs = tx.find(Pair)
        running = Counter(
            user for p in pairs if p.program_id == chosen.id and p.status.running
            for user in (p.mentor_id, p.mentee_id)
        )  # fmt: skip
        open_people, paired = [], []
        for candidate in pool.candidates:
            user = accounts.found.get(candidate.key)
            taken = running[user.id] if user else 0
            places = (candidate.capacity or capacity) - taken
            if taken and (candidate.side is Side.MENTEE or places < 1):
                paired.append(candidate.name)
            else:
                open_people.append(replace(candidate, capacity=places) if taken else candidate)
        open_ids = {k for k, c in people.items() if c.name not in paired}
        ended = _ended(pairs, {k: people[k] for k in open_ids})
        options = MatchOptions(capacity=capacity, ended=ended)
        return OpenPool(chosen, CandidatePool(tuple(open_people), pool.errors, pool.lines),
                        options, accounts, tuple(paired))  # fmt: skip

    def open_pool(self, actor: User, program: str | None, path: Path | str | None,
                  capacity: int = 1) -> OpenPool:  # fmt: skip
        """Who in the file is open to a match in ``program``; a ``UserError`` for a bad file."""
        pool = _read(path)
        with self.store.transaction(write=False) as tx:
            return self._open(tx, actor, program, pool, capacity)

    def suggest(self, actor: User, program: str | None, path: Path | str | None,
                capacity: int = 1) -> Suggestions:  # fmt: skip
        """The matcher's suggestions for the people in the file still open in ``program``."""
        found = self.open_pool(actor, program, path, capacity)
        return Suggestions(found, self.matching.suggest(found.pool, found.options))

    def score(self, actor: User, program: str | None, path: Path | str | None, mentor: str,
              mentee: str, capacity: int = 1) -> ScoredPair:  # fmt: skip
        """One pair's score and reasons, as after a swap; a ``UserError`` names a broken rule."""
        found = self.open_pool(actor, program, path, capacity)
        checked = self._checked(found, mentor, mentee)
        return ScoredPair(checked, tuple(found.no_account(checked.mentor, checked.mentee)))

    def _checked(self, found: OpenPool, mentor: str, mentee: str) -> Suggestion:
        if not (mentor or "").strip() or not (mentee or "").strip():
            raise UserError("choose a junior (mentor) and a senior (mentee) first")
        for name, side in ((mentor, Side.MENTOR), (mentee, Side.MENTEE)):
            if key(name) in {key(p) for p in found.paired}:
                raise UserError(f"{name} is already in a pair of {found.program.name}")
            if found.pool.find(name, side) is None:
                raise UserError(f"no {side} named {name!r} among the open candidates")
        return self.matching.score_pair(found.pool, mentor, mentee, found.options)

    def accept(self, actor: User, program: str | None, path: Path | str | None, mentor: str,
               mentee: str, capacity: int = 1) -> tuple[PairCard, Suggestion]:  # fmt: skip
        """Create a suggested (or swapped) pair in ``program``, once it passes every rule and
        both names map to participants' accounts."""
        found = self.open_pool(actor, program, path, capacity)
        checked = self._checked(found, mentor, mentee)
        card = self.pairs.add_from_suggestion(actor, found.program.id, checked.mentor,
                                              checked.mentee)  # fmt: skip
        return card, checked
