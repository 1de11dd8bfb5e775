"""Gradio UI: one module per role; callbacks are thin and call services only."""
