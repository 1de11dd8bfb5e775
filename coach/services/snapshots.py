"""Lossless JSON export and import of every record, for moving or inspecting an install.

An export is deterministic: the same data always gives the same bytes, whatever the backend.
Import fills an empty database in one transaction: all of it or nothing. An export of an older
schema imports too: tables added since are empty, and the ``agendas`` and ``starters`` of
schema 0003 and before become ``artifacts`` rows exactly as migration 0004 converts them.
Export and import are operator actions, as a file copy of the database is: they are not written
to the audit log, so a snapshot always equals the data it was taken from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coach.domain import policy
from coach.domain.common import RuleViolation
from coach.domain.users import User
from coach.private_files import strip_loose_bits
from coach.services.access import current, require
from coach.services.errors import UserError
from coach.store.api import Store, StoreError
from coach.store.codec import from_row, to_plain
from coach.store.legacy_artifacts import CONVERTERS
from coach.store.migrate import head_revision, known_revisions
from coach.store.records import BY_TABLE, SPECS

FORMAT = "flipside-export"
VERSION = 1
ARTIFACTS_TABLE = "0004"  # the revision that replaced the per-kind artifact tables


def collect(store: Store) -> dict[str, Any]:
    """Every record of ``store`` as a JSON-safe document, rows in a stable order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.transaction(write=False) as tx:
        for spec in SPECS:
            rows = [to_plain(record) for record in tx.find(spec.cls)]
            # Python order, not the database collation: identical bytes on every backend.
            rows.sort(key=lambda row, s=spec: tuple(row[n] for n in s.order + s.key))
            tables[spec.table.name] = rows
    return {"format": FORMAT, "version": VERSION, "schema": head_revision(), "tables": tables}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _check_document(document: Any) -> dict[str, list]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UserError("not a Flipside export (the format field is missing or wrong)")
    if document.get("version") != VERSION:
        raise UserError(f"export version {document.get('version')!r} is not {VERSION}")
    revisions = known_revisions()
    schema = document.get("schema")
    if schema not in revisions:
        raise UserError(
            f"the export has schema {schema!r}; this Flipside reads "
            f"{head_revision()!r} and older: import it with the matching version"
        )
    tables = document.get("tables")
    older = revisions.index(schema) < revisions.index(ARTIFACTS_TABLE)
    legacy = set(CONVERTERS) if older else set()
    if not isinstance(tables, dict) or set(tables) - set(BY_TABLE) - legacy:
        raise UserError("the export's tables are missing or unknown")
    return _upgrade_artifacts(tables) if legacy else tables


def _upgrade_artifacts(tables: dict[str, list]) -> dict[str, list]:
    """An older export's ``agendas`` and ``starters`` as ``artifacts`` rows, as migration
    0004 converts them in a database."""
    upgraded = {name: rows for name, rows in tables.items() if name not in CONVERTERS}
    artifacts = list(tables.get("artifacts", []))
    for name, convert in CONVERTERS.items():
        for number, row in enumerate(tables.get(name, []), start=1):
            try:
                artifacts.append(convert(row))
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                raise UserError(f"{name} row {number}: {error!r}") from None
    upgraded["artifacts"] = artifacts
    return upgraded


def load(store: Store, document: Any) -> dict[str, int]:
    """Insert an exported document into an empty store; returns the row count per table."""
    tables = _check_document(document)
    if not store.is_empty():
        raise UserError("the database is not empty: import needs a fresh data dir or database")
    counts = {}
    try:
        with store.transaction() as tx:
            for spec in SPECS:
                rows = tables.get(spec.table.name, [])
                for number, row in enumerate(rows, start=1):
                    try:
                        tx.insert(from_row(spec.cls, row))
                    except (TypeError, ValueError, KeyError, AttributeError) as error:
                        raise UserError(f"{spec.table.name} row {number}: {error}") from None
                counts[spec.table.name] = len(rows)
    except (StoreError, RuleViolation) as error:
        raise UserError(f"the export is inconsistent: {error}") from None
    return counts


def require_admin(store: Store, actor: User) -> None:
    """Snapshots hold every private text: only an admin (the operator) takes or loads one."""
    with store.transaction(write=False) as tx:
        require(policy.can_administer(current(tx, actor)), "only an admin exports or restores")


class SnapshotService:
    """Export to and import from JSON files (admin only)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def export(self, actor: User) -> dict[str, Any]:
        require_admin(self.store, actor)
        return collect(self.store)

    def export_file(self, actor: User, path: Path) -> dict[str, int]:
        """Write the export to ``path``; returns the row count per table."""
        document = self.export(actor)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(document), encoding="utf-8")
        strip_loose_bits(path)  # private text: an existing file may have been world-readable
        return {name: len(rows) for name, rows in document["tables"].items()}

    def import_file(self, actor: User, path: Path) -> dict[str, int]:
        require_admin(self.store, actor)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UserError(f"{path}: not a readable export ({error})") from None
        return load(self.store, document)
