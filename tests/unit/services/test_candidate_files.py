"""Reading candidates from CSV and XLSX: the same rows either way, and one-line file errors."""

from __future__ import annotations

import pytest

from coach.domain.candidates import COLUMNS
from coach.domain.pairs import Side
from coach.services.candidate_files import read_candidates
from coach.services.errors import UserError
from coach.services.matching import MatchingService
from tests.unit.evals.helpers import FakeEmbedder
from tests.unit.services.matching_helpers import BROKEN, DATASET, csv_rows

pytestmark = pytest.mark.unit


def write_xlsx(path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_an_xlsx_file_gives_the_same_candidates_and_matches_as_the_csv(tmp_path):
    rows = csv_rows()
    sheet = tmp_path / "candidates.xlsx"
    header = [*COLUMNS, "start date"]  # an extra column is allowed
    write_xlsx(sheet, [header] + [[r[c] for c in COLUMNS] + ["2026-09-01"] for r in rows])
    from_csv, from_xlsx = read_candidates(DATASET), read_candidates(sheet)
    assert from_xlsx.candidates == from_csv.candidates and not from_xlsx.errors
    service = MatchingService(FakeEmbedder())
    pairs = [{(p.mentor.name, p.mentee.name) for p in service.suggest(pool).pairs}
             for pool in (from_csv, from_xlsx)]  # fmt: skip
    assert pairs[0] == pairs[1] and len(pairs[0]) == len(from_csv.on(Side.MENTEE))


def test_xlsx_row_numbers_and_cells_of_other_types(tmp_path):
    sheet = tmp_path / "people.xlsx"
    write_xlsx(sheet, [
        ["Name", "Side", "Role title", "Department", "Generation", "Strengths", "Interests",
         "Goals", "Reports to", "Capacity"],
        ["Ana", "Mentor", "Analyst", "Data", "Gen Z", "SQL; Python", None, None, None, 2],
        [None, None, None, None, None, None, None, None, None, None],
        ["Bo", "mentee", "VP", "Sales", None, None, None, "learn SQL", None, None],
        ["Cy", "boss", "VP", "Sales", None, None, None, None, None, None],
    ])  # fmt: skip
    pool = read_candidates(sheet)
    ana = pool.candidates[0]
    assert (ana.row, ana.strengths, ana.capacity) == (2, ("SQL", "Python"), 2)
    assert [e.row for e in pool.errors] == [5]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "the file is empty"),
        ("\n\n", "the file is empty"),
        ("name,role,dept\nAna,analyst,Data\n", "lacks side, role_title, department"),
        (",".join(COLUMNS) + "\n", "no candidates below the header"),
    ],
)
def test_an_empty_file_or_wrong_columns_is_one_readable_line(tmp_path, content, expected):
    path = tmp_path / "c.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=expected) as caught:
        read_candidates(path)
    assert "\n" not in str(caught.value)


def test_unreadable_files_say_what_to_do(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(COLUMNS).encode() + b"\nJos\xe9,mentor\n")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    for path, expected in ((latin, "save it as 'CSV UTF-8'"),
                           (broken, "not a readable Excel workbook"),
                           (tmp_path / "notes.pdf", "no such file"),
                           (BROKEN.with_suffix(".json"), "no such file")):  # fmt: skip
        with pytest.raises(UserError, match=expected):
            read_candidates(path)
    odd = tmp_path / "c.json"
    odd.write_text("{}")
    with pytest.raises(UserError, match=r"give a \.csv or \.xlsx file"):
        read_candidates(odd)


def test_a_semicolon_separated_csv_reads_lists_split_by_commas(tmp_path):
    path = tmp_path / "excel-europe.csv"
    path.write_text(
        ";".join(COLUMNS) + "\nAna;mentor;Analyst;Data;Gen Z;SQL, Python;chess;;\n",
        encoding="utf-8-sig",
    )
    (ana,) = read_candidates(path).candidates
    assert ana.strengths == ("SQL", "Python") and ana.interests == ("chess",)
