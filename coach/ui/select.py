"""Clicking a table row fills the id box next to it, so nobody has to copy ids by hand."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr


def cell_of_row(column: int) -> Callable[[gr.SelectData], str]:
    """A select handler returning the clicked row's value in ``column`` (negative: from the end)."""

    def pick(evt: gr.SelectData) -> str:
        row = list(evt.row_value or [])
        return str(row[column]) if row and -len(row) <= column < len(row) else ""

    return pick


def id_of_row(row_ids: list[str], evt: gr.SelectData) -> str:
    """The id kept off the screen for the clicked row ("" when the click is not on a row)."""
    row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
    return row_ids[row] if isinstance(row, int) and 0 <= row < len(row_ids or []) else ""
