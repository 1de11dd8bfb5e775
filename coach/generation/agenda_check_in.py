"""The prompt of a middle session's check-in question: the items' own prompt (so the pair's lines
it reads stay cached for them), told what the last session was about in its summary's phrases,
with one example question whose "it" the model names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from coach.domain.agenda import CHECK_IN
from coach.domain.check_in import CHECK_IN_ABOUT
from coach.domain.pair_profile import PairProfile
from coach.domain.recap_phrases import recap_words
from coach.generation.prompts import Prompt
from coach.generation.starter_library import pair_lines

CHECK_IN_PURPOSE = (
    "The mentee says what they tried, saw or changed since the last session, and the mentor "
    "asks one follow-up about it."
)
# The check-in's steps, told the last session's own phrases (``recap_words``): told them
# only in a correction, the model's first question missed the last session 6 times in 15.
CHECK_IN_STEPS = "recall one thing from the last session ({words}); say what happened since"
# The question the model adapts: "it" is for the model to name, from the phrases it is told.
# On the 15 middle pairs (probe, temperature 0): "… what have you seen or tried that connects to
# it?" passed 12 (11 at the first try) but read "… tried to connect to X" (a reviewer: 10 clumsy
# sides); "… what have you done or noticed about it?" 11 (6); this one 14 (13). Asking the
# model for "What have you tried or noticed since we talked about it …" instead made it name the
# person and be asked again (attempts per agenda 0.44 -> 0.72, fddc2fd), so the model keeps
# this form and code asks it the way readers preferred (``as_talked_about``).
CHECK_IN_MODEL_EXAMPLE = "What has changed for you with it since session {number}?"
WRITE_IT = "Write its question, like this one:"  # the items' prompt asks the question as written


# The model's question in its example's form, which agenda-21 and agenda-heldout-6 read put to
# the wrong person ("What has changed for you with the typical 12-hour shifts", the mentor's
# shifts, asked of the senior); the model chose the subject, code asks about it as talked about.
CHANGED_FOR_YOU = re.compile(
    r"^What has changed for you (?:with|regarding|about|in) (?P<subject>[^?]{3,80}?) since "
    r"(?:session \d+|(?:our |the )?last session)\?$",
    re.I,
)


def as_talked_about(question: str, number: int) -> str:
    """``question`` asked about what was talked about in session ``number`` when it is in the
    example's form ("What has changed for you with X since session 1?" -> "What have you tried
    or noticed since we talked about X in session 1?"); any other question as it is."""
    found = CHANGED_FOR_YOU.match(question.strip())
    if found is None:
        return question
    return CHECK_IN_ABOUT.format(phrase=found.group("subject"), number=number)


@dataclass(frozen=True)
class CheckInPrompt:
    """The conversation the question is asked in, its system text, the pattern its checks read
    it against, and the summary's phrases it was told (a correction tells them again)."""

    messages: list[BaseMessage]
    system: str
    pattern: str
    told: list[str]


def check_in_prompt(prompt: Prompt, profile: PairProfile, number: int, recap: str) -> CheckInPrompt:
    """The check-in prompt for ``profile`` picking up session ``number``, summarised ``recap``."""
    told = recap_words(recap, profile)
    steps = CHECK_IN_STEPS.format(words=", ".join(told))
    example = CHECK_IN_MODEL_EXAMPLE.format(number=number)
    system, user = prompt.render(
        pair=pair_lines(profile), serves=f"picking up from session {number}: {recap}",
        name=CHECK_IN, purpose=CHECK_IN_PURPOSE, steps=steps, question=f"{WRITE_IT} {example}",
    )  # fmt: skip
    pattern = f"{CHECK_IN} {CHECK_IN_PURPOSE} {steps} {example}"
    return CheckInPrompt([SystemMessage(system), HumanMessage(user)], system, pattern, told)
