"""One stored agenda or starter set on screen, edited in place.

A block shows the artifact once (``<kind>-view``). **Edit** swaps that view for the table
(``<kind>-editor``) in the same place; **Save** keeps the edited cells and swaps back, and
**Cancel** drops them. **Revert** brings back the model's version. The toolbar (and the
exports in it) stays put: a component that is hidden and shown again is built afresh, and a
file list built afresh loses its download links.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

import gradio as gr

from coach.ui.artifact_editor import Editor
from coach.ui.prepare_view import empty_html

HOW_TO_EDIT = (
    "_Double-click a cell, type, and press Enter (Shift+Enter starts a new question); "
    "then **Save**. What is saved is what is shown and exported._"
)


@dataclass(frozen=True)
class Block:
    """The components of one block; the view (with its Edit button) and ``editing`` (the table
    with Save and Cancel) are what is swapped."""

    view: gr.HTML
    table: gr.Dataframe
    editing: gr.Column
    edit: gr.Button
    save: gr.Button
    cancel: gr.Button
    revert: gr.Button
    files: gr.File | None

    @property
    def swapped(self) -> list[gr.components.Component | gr.Column]:
        """What ``showing`` updates: the Edit button, the view, and the editing column."""
        return [self.edit, self.view, self.editing]


def build_block(editor: Editor, label: str, exports: str = "") -> Block:
    """The view with its toolbar (and, with an ``exports`` label, the export files beside
    it: ``agenda-exports``), then the hidden editor; element ids ``edit-<kind>``,
    ``save-<kind>``, ``cancel-<kind>`` and ``revert-<kind>``."""
    key = editor.kind.value
    with gr.Row(equal_height=False, elem_classes="stack"):
        with gr.Column(scale=1, min_width=200) if exports else nullcontext():
            edit = gr.Button(f"Edit {label}", size="sm", scale=0, min_width=160,
                             elem_id=f"edit-{key}")  # fmt: skip
            revert = gr.Button(f"Revert to the model's {key}", size="sm", scale=0,
                               min_width=220, elem_id=f"revert-{key}")  # fmt: skip
        files = None
        if exports:
            files = gr.File(label=exports, file_count="multiple", interactive=False,
                            scale=3, min_width=260, elem_id=f"{key}-exports")  # fmt: skip
    view = gr.HTML(empty_html(), elem_id=f"{key}-view", padding=False)
    with gr.Column(visible=False, elem_id=f"{key}-editing") as editing:
        gr.Markdown(HOW_TO_EDIT)
        table = editor.table(label.capitalize())
        with gr.Row():
            save = gr.Button("Save", variant="primary", size="sm", elem_id=f"save-{key}")
            cancel = gr.Button("Cancel", size="sm", elem_id=f"cancel-{key}")
    return Block(view, table, editing, edit, save, cancel, revert, files)


def showing(editing: bool = False) -> tuple[dict, dict, dict]:
    """What a block shows (see ``Block.swapped``): the view, or (``editing``) the table."""
    viewing = gr.update(visible=not editing)
    return viewing, viewing, gr.update(visible=editing)
