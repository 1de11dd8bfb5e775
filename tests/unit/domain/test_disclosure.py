"""The minimum group and the difference rule, with cases that must be withheld."""

from __future__ import annotations

import pytest

from coach.domain.disclosure import disclosable

pytestmark = pytest.mark.unit


def pairs(*names: str) -> frozenset[str]:
    return frozenset(names)


def test_a_cell_below_the_minimum_is_withheld():
    cells = {"big": pairs("a", "b", "c"), "small": pairs("d", "e")}
    assert disclosable(cells, 3) == {"big"}


def test_all_pairs_beside_all_but_one_is_never_shown_together():
    everyone = pairs(*"abcdefghij")
    cells = {"all": everyone, "all_but_one": everyone - {"j"}}
    assert disclosable(cells, 3) == {"all"}


def test_nested_cells_that_differ_by_the_minimum_are_both_shown():
    everyone = pairs(*"abcdef")
    cells = {"all": everyone, "first_half": pairs("a", "b", "c")}
    assert disclosable(cells, 3) == {"all", "first_half"}


def test_a_total_beside_every_period_but_one_is_withheld():
    cells = {
        "total": pairs(*"abcdefgh"),
        "october": pairs("a", "b", "c"),
        "november": pairs("d", "e", "f"),
        "december": pairs("g", "h"),  # below the minimum: withheld ...
    }
    # ... and the total minus october and november would give december away
    assert disclosable(cells, 3) == {"october", "november"}


def test_overlapping_cells_that_are_not_nested_stand_on_their_own():
    cells = {"mentors": pairs("a", "b", "c"), "mentees": pairs("b", "c", "d")}
    assert disclosable(cells, 3) == {"mentors", "mentees"}


def test_a_minimum_of_one_shows_everything_and_zero_is_treated_as_one():
    cells = {"one": pairs("a"), "two": pairs("a", "b")}
    assert disclosable(cells, 1) == {"one", "two"}
    assert disclosable(cells, 0) == {"one", "two"}
    assert disclosable({"none": pairs()}, 0) == set()
