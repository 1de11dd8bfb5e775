"""The systems the evals and the bench compare, behind one call: ``write(system, kind, request)``.

The generation service has ``generate(kind, request)`` for every kind in the registry. The
naive baseline (and the test fakes) predate it and have one method per kind they know; a kind
such a system has no method for is simply not compared.
"""

from __future__ import annotations

import inspect
from typing import Any

from pydantic import BaseModel

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRequest

# The one-shot recipes the narrow, library-based ones replaced: kept as a named baseline, outside
# the product path, so the evals and the bench measure before and after in one run.
ONESHOT: dict[ArtifactKind, str] = {
    ArtifactKind.AGENDA: "coach.generation.agenda:AgendaRecipe",
    ArtifactKind.STARTERS: "coach.generation.starters:StartersRecipe",
    ArtifactKind.SUMMARY: "coach.generation.summary:SummaryRecipe",
}

METHODS = {
    ArtifactKind.AGENDA: "agenda",
    ArtifactKind.STARTERS: "starters",
    ArtifactKind.SUMMARY: "summarize",
}


def supports(system: Any, kind: ArtifactKind) -> bool:
    """Whether ``system`` can write ``kind``."""
    return hasattr(system, "generate") or hasattr(system, METHODS.get(kind, "-"))


def write(system: Any, kind: ArtifactKind, request: ArtifactRequest) -> BaseModel:
    """The artifact ``system`` writes for ``request``."""
    if hasattr(system, "generate"):
        return system.generate(kind, request)
    method = getattr(system, METHODS[kind])
    if not request.text:
        return method(request.profile)
    if "author" in inspect.signature(method).parameters:  # the brief's API had no author
        return method(request.profile, request.text, author=request.author.value)
    return method(request.profile, request.text)
