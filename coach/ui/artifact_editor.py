"""Edit a stored artifact field by field: a table with fixed columns, one row per item.

Saving replaces only the cells the user changed in the stored ``current`` version, so an
edited agenda is still an agenda (its minutes still add up to the session's, its session
topics are still covered) and an edited starter set is still a starter set. The artifact
service keeps the model's original beside the edit, and reverting brings it back.

Used by the Prepare-session panel (coach/ui/prepare.py); any screen that shows a stored agenda
or starter set can reuse ``AGENDA_EDITOR`` and ``STARTERS_EDITOR``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr
from pydantic import BaseModel

from coach.domain.agenda import AgendaItem, missing_phase_topics
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.provenance import CitationRef, Provenance
from coach.domain.registry import spec_for
from coach.domain.starters import Starter, violations
from coach.domain.users import User
from coach.services.artifacts import ArtifactService
from coach.services.errors import UserError, check_unicode

Row = list[Any]
EDITED = "_Edited by you. The model's version is kept: **Revert** brings it back._"
ORIGINAL = "_The model's version._"


def _text(cell: Any, where: str) -> str:
    text = "" if cell is None else str(cell).strip()
    check_unicode(text, where)
    return text


def _required(cell: Any, where: str) -> str:
    text = _text(cell, where)
    if not text:
        raise UserError(f"{where} cannot be empty")
    return text


def _minutes(cell: Any, where: str) -> int:
    try:
        value = float(str(cell).strip())
    except ValueError:
        value = 0.0
    if not math.isfinite(value) or value < 1 or value != int(value):
        raise UserError(
            f"{where} must be a whole number of minutes, at least 1 (not “{str(cell)[:20]}”)"
        )
    return int(value)


def _lines(cell: Any, where: str) -> list[str]:
    return [line.strip() for line in _text(cell, where).splitlines() if line.strip()]


def _asker(cell: Any, where: str) -> str:
    asker = _text(cell, where).lower()
    if asker not in ("mentor", "mentee"):
        raise UserError(f"{where} must be mentor or mentee (not “{str(cell)[:20]}”)")
    return asker


@dataclass(frozen=True)
class Column:
    """One field of an item: how it shows in a cell and how an edited cell is read back."""

    header: str
    field: str
    datatype: str
    shown: Callable[[Any], Any]
    read: Callable[[Any, str], Any] | None  # None: shown only, never edited

    def where(self, noun: str, number: int) -> str:
        return f"{noun.capitalize()} {number}'s {self.header}"


def _same(cell: Any, shown: Any) -> bool:
    """Whether a cell still holds what it was shown with (numbers may come back as text)."""
    return str(cell if cell is not None else "").strip() == str(shown).strip()


@dataclass(frozen=True)
class Editor:
    """The table for one kind: its items' list, their columns, and the kind's own rules."""

    kind: ArtifactKind
    items: str  # the key of the item list in the stored JSON
    noun: str
    columns: tuple[Column, ...]
    rules: Callable[[dict[str, Any], dict[str, Any]], None]  # (before, after): raise if broken
    widths: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def rows(self, current: dict[str, Any] | None) -> list[Row]:
        """The table's rows for a stored version; none for no artifact."""
        if not current:
            return []
        return [[c.shown(item[c.field]) for c in self.columns] for item in current[self.items]]

    def value(self, current: dict[str, Any] | None) -> dict[str, Any]:
        """The table's value for a stored version (headers stay when there is none)."""
        return {"headers": self.headers, "data": self.rows(current)}

    def apply(self, current: dict[str, Any], rows: list[Row] | None) -> dict[str, Any]:
        """``current`` with the changed cells of ``rows`` put in; a ``UserError`` when the
        table lost or gained rows, a cell does not read, or a rule of the kind breaks."""
        items, rows = current[self.items], [list(r) for r in rows or []]
        if len(rows) != len(items):
            raise UserError(
                f"the table must keep its {len(items)} {self.noun}s (it has {len(rows)}): "
                f"edit their cells, or ask the coach to drop or add one"
            )
        edited = [
            self._item(item, row, n)
            for n, (item, row) in enumerate(zip(items, rows, strict=True), 1)
        ]
        after = {**current, self.items: edited}
        self.rules(current, after)
        return after

    def _item(self, item: dict[str, Any], row: Row, number: int) -> dict[str, Any]:
        if len(row) < len(self.columns):
            raise UserError(f"{self.noun} {number} is missing cells: reload and edit again")
        changed = dict(item)
        for column, cell in zip(self.columns, row, strict=False):
            if column.read is None or _same(cell, column.shown(item[column.field])):
                continue
            changed[column.field] = column.read(cell, column.where(self.noun, number))
        return changed

    def table(self, label: str) -> gr.Dataframe:
        """The editable table (fixed columns, one row per item), element id ``<kind>-editor``;
        the Prepare panel's blocks (coach/ui/prepare_blocks.py) put it in place of the view."""
        static = [n for n, c in enumerate(self.columns) if c.read is None]
        return gr.Dataframe(
            value=self.value(None), headers=self.headers, type="array", interactive=True,
            datatype=[c.datatype for c in self.columns], static_columns=static or None,
            wrap=True, show_row_numbers=True, column_widths=list(self.widths) or None,
            label=label, elem_id=f"{self.kind.value}-editor", max_height=640,
        )  # fmt: skip


def _agenda_rules(before: dict[str, Any], after: dict[str, Any]) -> None:
    """The session's minutes are shared out exactly; no required topic is edited away."""
    total, session = sum(i["minutes"] for i in after["items"]), after["minutes"]
    if total != session:
        raise UserError(
            f"the items' minutes add up to {total}, but this is a {session}-minute session: "
            f"change them so they add up to {session}"
        )
    phase = after["phase"]
    items = [[AgendaItem.model_validate(i) for i in v["items"]] for v in (before, after)]
    lost = set(missing_phase_topics(items[1], phase)) - set(missing_phase_topics(items[0], phase))
    if lost:
        raise UserError(f"a {phase} session must still cover {', '.join(sorted(lost))}")


def _starter_rules(before: dict[str, Any], after: dict[str, Any]) -> None:
    """No rule the starters kept (no stereotypes, no near-duplicates) is broken by an edit."""
    cited = {c for s in before["starters"] for c in s.get("citations", [])}
    found = [violations([Starter.model_validate(s) for s in v["starters"]], cited)
             for v in (before, after)]  # fmt: skip
    broken = [p for p in found[1] if p not in found[0]]
    if broken:
        raise UserError("; ".join(broken))


AGENDA_EDITOR = Editor(
    kind=ArtifactKind.AGENDA, items="items", noun="item", rules=_agenda_rules,
    widths=("14%", "26%", "28%", "32%"),
    columns=(
        Column("minutes", "minutes", "number", lambda m: m, _minutes),
        Column("title", "title", "str", lambda t: t, _required),
        Column("purpose", "purpose", "str", lambda p: p, _text),
        Column("questions (one per line)", "prompts", "str", "\n".join, _lines),
    ),
)  # fmt: skip
STARTERS_EDITOR = Editor(
    kind=ArtifactKind.STARTERS, items="starters", noun="starter", rules=_starter_rules,
    widths=("22%", "16%", "62%"),
    columns=(
        Column("topic", "category", "str", lambda c: c.replace("_", " "), None),
        Column("asked by", "asked_by", "str", lambda a: a, _asker),
        Column("text", "text", "str", lambda t: t, _required),
    ),
)  # fmt: skip


def version_note(record: ArtifactRecord) -> str:
    """Whose version is shown: the user's edit, or the model's original."""
    return EDITED if record.edited is not None else ORIGINAL


def summary(record: ArtifactRecord) -> str:
    """A stored agenda or starter set in a few words: minutes and items, or starters."""
    if record.kind is ArtifactKind.AGENDA:
        items = record.current["items"]
        return f"{sum(i['minutes'] for i in items)} minutes, {len(items)} items"
    return f"{len(record.current['starters'])} starters"


def plain(record: ArtifactRecord) -> BaseModel:
    """The current version without provenance: the stored record does not say whether rules
    or the model wrote it, so what is shown and exported claims neither."""
    return as_model(record).model_copy(update={"meta": None})


def as_model(record: ArtifactRecord) -> BaseModel:
    """The record's current version as its kind's model, with the provenance it was kept with
    (citation ids only: the passages' text is not stored)."""
    model = spec_for(record.kind).model
    meta = None
    if record.prompt_id and record.prompt_version and record.model:
        cited = [CitationRef(id=c, source="", title="") for c in record.citations]
        meta = Provenance(prompt_id=record.prompt_id, prompt_version=record.prompt_version,
                          model=record.model, citations=cited)  # fmt: skip
    return model.model_validate({**record.current, "meta": meta})


def save_edits(
    artifacts: ArtifactService, actor: User, editor: Editor, record_id: str, rows: list[Row] | None
) -> ArtifactRecord:
    """Keep the edited cells as the user's version beside the model's original (members only,
    the artifact service checks). Editing back to the original drops the user's version."""
    record = artifacts.get(actor, record_id)
    if record.kind is not editor.kind:
        raise UserError(f"this is not a stored {editor.kind.value}")
    edited = editor.apply(record.current, rows)
    if edited == record.content:
        return artifacts.revert(actor, record_id) if record.edited is not None else record
    if edited == record.current:
        return record
    return artifacts.edit(actor, record_id, edited)
