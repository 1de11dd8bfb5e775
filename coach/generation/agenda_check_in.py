"""The prompt of a middle session's check-in question: the items' own prompt (so the pair's lines
it reads stay cached for them), told what the last session was about in its summary's phrases,
with one example question whose "it" the model names."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from coach.domain.agenda import CHECK_IN
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
# sides); "… what have you done or noticed about it?" 11 (6); "What has changed for you with
# it since session N?" 14 (13), but agenda-21 and agenda-heldout-6 read it put to the wrong
# person ("… for you with the typical 12-hour shifts", the mentor's shifts asked of the senior)
# or about what had not happened ("… with the last town hall rehearsal"): it names what was
# talked about, not what the senior owns.
CHECK_IN_MODEL_EXAMPLE = (
    "What have you tried or noticed since we talked about it in session {number}?"
)
WRITE_IT = "Write its question, like this one:"  # the items' prompt asks the question as written


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
