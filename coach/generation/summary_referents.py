"""Names what an action's pronoun stands for: "He'll have that" becomes "He'll have the chat
volume on 'where's my refund'". One short model call for each such action; the words are kept
only when they are copied from the notes before it (``coach.domain.referents``), else the
action stays as written."""

from __future__ import annotations

from collections.abc import Callable

from coach.domain.referents import (
    context_before,
    pronoun_of,
    referent_problems,
    with_referent,
)
from coach.domain.summary_draft import SummaryAction
from coach.domain.wording import Sentence, content_words
from coach.generation.prompts import Prompt
from coach.generation.summary_wordings import ReferentWording

Ask = Callable[[str, str], "ReferentWording | None"]


def named_referents(
    actions: list[SummaryAction], reflection: str, found: list[Sentence], private: set[int],
    names: set[str], prompt: Prompt, ask: Ask, fixes: list[str],
) -> list[SummaryAction]:  # fmt: skip
    """``actions``, each one that names its object only by a pronoun given what it stands for
    when the model copies it from the (non-private) notes before it; ``ask`` sends one system
    and user message and returns the reply."""
    spans = [(s.start, s.end) for s in found]
    out = []
    for action in actions:
        pronoun = pronoun_of(action.text, names)
        # the notes before the action's clause: what the clause itself names needs no asking
        context = context_before(reflection, action.span.start, spans, private) if pronoun else ""
        if not context:
            out.append(action)
            continue
        system, user = prompt.render(notes=context, line=action.text, word=pronoun)
        reply = ask(system, user)
        thing = reply.refers_to if reply else ""
        problems = referent_problems(thing, context, names)
        if not problems and content_words(thing) <= content_words(action.text):
            problems = ["already named in the action"]  # "I owe him the checklist, promised it"
        if problems:
            fixes.append(f"action {action.text!r}: {pronoun!r} left as written ({thing!r}: "
                         f"{'; '.join(problems)})")  # fmt: skip
            out.append(action)
            continue
        named = with_referent(action.text, pronoun, thing)
        fixes.append(f"action {action.text!r}: {pronoun!r} named from the notes")
        out.append(action.model_copy(update={"text": named}))
    return out
