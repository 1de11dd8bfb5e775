"""Reading a candidates file (CSV or XLSX) into checked candidates.

A problem with the whole file (none, empty, wrong columns, not a spreadsheet) is a ``UserError``
in one line; a problem with one row is that row's error in the pool, and the other rows still
match. Row numbers are the spreadsheet's: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coach.domain.candidates import COLUMNS, CandidatePool, missing_columns, read_rows
from coach.services.errors import UserError

MAX_BYTES = 5_000_000
SPREADSHEETS = (".xlsx", ".xlsm")
TEXT_TABLES = (".csv", ".txt", ".tsv")
NEEDED = f"the first row must name the columns {', '.join(COLUMNS)} (see docs/matching.md)"

Table = list[tuple[int, list[object]]]  # (row number, cells), blank rows left out


def _csv_rows(data: bytes, path: Path) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8' and try again") from None
    first = text.lstrip().split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UserError(f"{path}: not a readable CSV file ({error})") from None
    return [(n, list(r)) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]


def _xlsx_rows(path: Path) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise UserError(f"{path}: not a readable Excel workbook ({error})") from None
    try:
        sheet = book.worksheets[0]
        rows = enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
        return [(n, list(r)) for n, r in rows if any(str(c or "").strip() for c in r)]
    finally:
        book.close()


def read_table(path: Path) -> Table:
    """The non-blank rows of a CSV or XLSX file, numbered as the spreadsheet numbers them; a
    ``UserError`` when the file is missing, too large, empty or not a table."""
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path}: larger than {MAX_BYTES:,} bytes; split it")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEETS:
        return _xlsx_rows(path)
    if suffix in TEXT_TABLES:
        return _csv_rows(path.read_bytes(), path)
    raise UserError(f"{path}: give a .csv or .xlsx file (an Excel sheet saved as either)")


def read_candidates(path: Path) -> CandidatePool:
    """The candidates in a CSV or XLSX file; a ``UserError`` when the file as a whole is wrong."""
    table = read_table(path)
    if not table:
        raise UserError(f"{path}: the file is empty; {NEEDED}")
    header_row, header = table[0]
    titles = ["" if h is None else str(h) for h in header]
    missing = missing_columns(titles)
    if missing:
        lacks = ", ".join(missing)
        raise UserError(
            f"{path}: the header (row {header_row}) lacks {lacks}; add the column(s), "
            "see docs/matching.md"
        )
    rows = [(n, dict(zip(titles, cells, strict=False))) for n, cells in table[1:]]
    if not rows:
        raise UserError(f"{path}: no candidates below the header; add one row per person")
    return read_rows(rows)
