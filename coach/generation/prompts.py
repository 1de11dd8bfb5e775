"""Prompt files: YAML front matter (id, version, variables) plus system and user templates.

The body holds a ``=== system ===`` block and a ``=== user ===`` block; ``{{ name }}`` marks a
variable. Prompts are read once per process and rendered with every declared variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coach.knowledge.loaders import split_front_matter

VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
BLOCK = re.compile(r"^=== (system|user) ===\s*$", flags=re.MULTILINE)


class PromptError(ValueError):
    """A prompt file is malformed or was rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    """A versioned prompt template."""

    id: str
    version: str
    variables: tuple[str, ...]
    system: str
    user: str

    def render(self, **values: str) -> tuple[str, str]:
        """(system, user) with every variable filled; extra or missing ones are errors."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise PromptError(f"{self.id}: missing {sorted(missing)}, unexpected {sorted(extra)}")

        def fill(template: str) -> str:
            return VARIABLE.sub(lambda m: str(values[m.group(1)]), template)

        return fill(self.system), fill(self.user)


def parse_prompt(text: str, origin: str = "<prompt>") -> Prompt:
    """Parse a prompt file's text."""
    meta, body = split_front_matter(text)
    for key in ("id", "version"):
        if key not in meta:
            raise PromptError(f"{origin}: front matter needs `{key}`")
    parts = BLOCK.split(body)
    blocks = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
    if "user" not in blocks:
        raise PromptError(f"{origin}: needs a `=== user ===` block")
    variables = tuple(meta.get("variables") or ())
    used = set(VARIABLE.findall(body))
    if used != set(variables):
        raise PromptError(f"{origin}: declared {sorted(variables)} but uses {sorted(used)}")
    return Prompt(
        id=str(meta["id"]),
        version=str(meta["version"]),
        variables=variables,
        system=blocks.get("system", ""),
        user=blocks["user"],
    )


@lru_cache(maxsize=64)
def load_prompt(folder: Path, prompt_id: str) -> Prompt:
    """Load ``<folder>/<prompt_id>.md`` once per process."""
    path = folder / f"{prompt_id}.md"
    if not path.is_file():
        raise PromptError(f"prompt file {path} not found")
    return parse_prompt(path.read_text(encoding="utf-8"), str(path))
