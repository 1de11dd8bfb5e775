"""Assemble the Gradio app from role modules."""

from __future__ import annotations

import gradio as gr

from coach.services.container import Services
from coach.ui.mentor import build_mentor_chat


def build_app(services: Services) -> gr.Blocks:
    """The whole UI. Each tab calls services only."""
    with gr.Blocks(title="Flipside: reverse mentoring coach") as app:
        gr.Markdown("## Flipside · reverse mentoring coach")
        with gr.Tab("Mentor: prepare"):
            build_mentor_chat(services)
    return app
