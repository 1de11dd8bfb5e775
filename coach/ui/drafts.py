"""Panels for the artifacts either side drafts for themselves (the follow-up note, for one).

One panel per spec in the registry marked ``drafted_by_either_side``: draft it from the stored
pair (the author's own summary, never the partner's private text), read it, keep it.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from coach.domain.artifact_spec import ArtifactSpec
from coach.domain.registry import SPECS
from coach.services.doors import ParticipantDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.render import md

PROGRESS = gr.Progress()  # Gradio spots the parameter by this default and fills it per call


def drafted(pair_id: str, artifact: Any) -> dict[str, Any]:
    """The panel's state: the draft and the pair it was written for."""
    return {"pair_id": pair_id, "artifact": artifact.model_dump(mode="json")}


def build_draft_panel(services: ParticipantDoor, picker: gr.Dropdown, spec: ArtifactSpec) -> None:
    """Draft, show and keep one kind; it follows ``picker`` (a pair id)."""
    key = spec.kind.value
    gr.Markdown(f"### Draft a {spec.label}\n{spec.help[0].upper()}{spec.help[1:]}.")
    with gr.Row(elem_classes="stack"):
        write = gr.Button(f"Draft {spec.label}", variant="primary", elem_id=f"draft-{key}")
        keep = gr.Button("Keep it with the pair", elem_id=f"keep-{key}")
    shown = gr.Markdown(elem_id=f"{key}-draft")
    status = gr.Markdown(elem_id=f"{key}-status")
    state = gr.State(None)

    @guarded
    def draft(pair_id: str | None, request: gr.Request, progress=PROGRESS):
        """Write the artifact for the picked pair, as the signed-in member."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        progress(0, desc=f"Writing the {spec.label}…")
        artifact = services.preparation.draft(user, pair_id, spec.kind)
        meta = getattr(artifact, "meta", None)
        note = " (built by rules: the model was not available)" if meta and meta.fallback else ""
        return (
            spec.render(artifact, md),
            f"Drafted{note}. Not kept yet.",
            drafted(pair_id, artifact),
        )

    @guarded
    def keep_it(pair_id: str | None, current: dict | None, request: gr.Request) -> str:
        """Store the draft with the pair it was written for."""
        user = signed_in(services, request)
        if not current:
            raise gr.Error(f"Draft a {spec.label} first.", title="Nothing to keep")
        if current["pair_id"] != pair_id:
            raise gr.Error(
                f"This {spec.label} was drafted for another pair: draft one for this pair.",
                title="Another pair",
            )
        artifact = spec.model.model_validate(current["artifact"])
        services.artifacts.save(user, pair_id, spec.kind, artifact)
        return f"Kept with the pair: {md(spec.label)}."

    write.click(draft, picker, [shown, status, state], api_name=f"draft_{key}")
    keep.click(keep_it, [picker, state], status, api_name=f"keep_{key}")
    picker.change(lambda: ("", "", None), None, [shown, status, state], api_visibility="private")


def build_draft_panels(services: ParticipantDoor, picker: gr.Dropdown) -> None:
    """A panel for every kind either side drafts for themselves."""
    for spec in SPECS:
        if spec.drafted_by_either_side:
            build_draft_panel(services, picker, spec)
