"""Candidates for matching: one row each, checked row by row, and the reporting lines between them.

A bad row gets one error line (its row number, what is wrong, what to do) and is left out; the
good rows still match. Every named row, bad or good, still counts in the reporting chains: a
manager listed without a side still links their reports to their own manager.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from coach.domain.pairs import Side

COLUMNS = ("name", "side", "role_title", "department", "generation", "strengths", "interests",
           "goals", "reports_to")  # fmt: skip
MAX_CAPACITY = 2  # a junior may take two seniors when the lead allows it


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """A name as compared: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def header_key(column: str) -> str:
    """A column title as compared: ``Role title`` and ``role_title`` are the same column."""
    return "_".join(column.strip().lower().replace("-", " ").split())


def missing_columns(header: Iterable[str]) -> list[str]:
    """The required columns the header lacks, in the documented order."""
    present = {header_key(c) for c in header}
    return [c for c in COLUMNS if c not in present]


def items(cell: str) -> tuple[str, ...]:
    """A list cell: items separated by ``;``, or by ``,`` when the cell has no ``;``."""
    separator = ";" if ";" in cell else ","
    return tuple(part.strip() for part in cell.split(separator) if part.strip())


@dataclass(frozen=True)
class Candidate:
    """One person who may be matched: a junior mentor or a senior mentee."""

    row: int
    name: str
    side: Side
    role_title: str
    department: str
    generation: str
    strengths: tuple[str, ...]
    interests: tuple[str, ...]
    goals: tuple[str, ...]
    capacity: int | None = None  # seniors this junior may take; None: the lead's default

    @property
    def key(self) -> str:
        return key(self.name)


@dataclass(frozen=True)
class RowError:
    """One problem: the row it is on (None for a problem with the lead's options) and the line."""

    row: int | None
    message: str


class ReportingLines:
    """Who reports to whom, by name, following ``reports_to`` through the names in the file."""

    def __init__(self, managers: Mapping[str, frozenset[str]], names: Mapping[str, str]) -> None:
        self._managers = managers  # name key -> keys of the managers it names (several: namesakes)
        self._names = names  # name key -> the name as written on its first row
        self._above: dict[str, frozenset[str]] = {}

    def above(self, person: str) -> frozenset[str]:
        """Everyone above ``person`` (a name key), directly or through the chain."""
        if person not in self._above:
            seen: set[str] = set()
            queue = deque(self._managers.get(person, ()))
            while queue:
                boss = queue.popleft()
                if boss not in seen:
                    seen.add(boss)
                    queue.extend(self._managers.get(boss, ()))
            self._above[person] = frozenset(seen)
        return self._above[person]

    def path(self, low: str, high: str) -> list[str] | None:
        """The chain of names from ``low`` up to ``high``, or None when ``high`` is not above.

        With ``low == high`` it is the reporting cycle through ``low``."""
        parents: dict[str, str] = {}
        queue = deque([low])
        while queue and high not in parents:
            person = queue.popleft()
            for boss in sorted(self._managers.get(person, ())):
                if boss not in parents:
                    parents[boss] = person
                    queue.append(boss)
        if high not in parents:
            return None
        chain, person = [high], parents[high]
        while person != low:
            chain.append(person)
            person = parents[person]
        chain.append(low)
        return [self._names.get(k, k) for k in reversed(chain)]

    def line_between(self, a: str, b: str) -> list[str] | None:
        """The reporting chain joining ``a`` and ``b`` in either direction, lowest first."""
        if b in self.above(a):
            return self.path(a, b)
        if a in self.above(b):
            return self.path(b, a)
        return None


@dataclass(frozen=True)
class CandidatePool:
    """The good rows, one error per bad row, and the reporting lines of every named row."""

    candidates: tuple[Candidate, ...]
    errors: tuple[RowError, ...]
    lines: ReportingLines

    def on(self, side: Side) -> list[Candidate]:
        return [c for c in self.candidates if c.side is side]

    def find(self, name: str, side: Side) -> Candidate | None:
        return next((c for c in self.on(side) if c.key == key(name)), None)


def _text(value: object) -> str:
    """A cell as text, on one line: spreadsheets give numbers and None too."""
    return " ".join(("" if value is None else str(value)).split())


def _capacity(text: str) -> int | None:
    if not text:
        return None
    try:
        number = int(float(text))
    except ValueError:
        return 0
    return number if 1 <= number <= MAX_CAPACITY and float(text) == number else 0


SIDES = "write mentor for the junior who coaches, mentee for the senior who learns"
NAMESAKES = "give each person one row, and tell namesakes apart (e.g. a middle initial)"


def _problem(cell: dict[str, str], first_row: dict[str, int]) -> tuple[str, str] | None:
    """What is wrong with one row on its own, and what to do; None when nothing is."""
    side = cell["side"].lower()
    name = key(cell["name"])
    if not name:
        return "no name", "fill in the person's name"
    if not side:
        return "no side", SIDES
    if side not in {s.value for s in Side}:
        return f"side {cell['side']!r} is neither mentor nor mentee", SIDES
    if first_row[name] != cell["_row"]:
        return f"the name is already on row {first_row[name]}", NAMESAKES
    if key(cell["reports_to"]) == name:
        return "reports_to names the person themself", "leave it empty or name their manager"
    if not cell["department"]:
        return "no department", "fill it in: pairs must cross departments"
    if side == Side.MENTOR and _capacity(cell.get("capacity", "")) == 0:
        return (f"capacity {cell['capacity']!r} is not 1 or {MAX_CAPACITY}",
                f"write 1 or {MAX_CAPACITY}, or leave it empty for the lead's default")  # fmt: skip
    return None


def read_rows(rows: Iterable[tuple[int, Mapping[str, object]]]) -> CandidatePool:
    """Check ``(row number, {column: value})`` rows; the columns are already known to be there."""
    cells = []
    for number, raw in rows:
        cell = {header_key(k): _text(v) for k, v in raw.items() if k}
        if any(cell.values()):
            cells.append({**{c: "" for c in COLUMNS}, **cell, "_row": number})
    first_row: dict[str, int] = {}
    managers: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for cell in cells:
        name, boss = key(cell["name"]), key(cell["reports_to"])
        if name:
            first_row.setdefault(name, cell["_row"])
            names.setdefault(name, cell["name"])
            if boss and boss != name:
                managers.setdefault(name, set()).add(boss)
    lines = ReportingLines({k: frozenset(v) for k, v in managers.items()}, names)
    good, errors = [], []
    for cell in cells:
        found = _problem(cell, first_row)
        name = key(cell["name"])
        if found is None and name in lines.above(name):
            cycle = " → ".join(lines.path(name, name) or [cell["name"]])
            found = f"reporting cycle {cycle}", "correct reports_to on one of these rows"
        if found:
            row, who = cell["_row"], f" ({cell['name']})" if cell["name"] else ""
            errors.append(RowError(row, f"row {row}{who}: {found[0]}; {found[1]}"))
            continue
        good.append(Candidate(
            cell["_row"], cell["name"], Side(cell["side"].lower()), cell["role_title"],
            cell["department"], cell["generation"], items(cell["strengths"]),
            items(cell["interests"]), items(cell["goals"]),
            _capacity(cell.get("capacity", "")),
        ))  # fmt: skip
    return CandidatePool(tuple(good), tuple(errors), lines)
