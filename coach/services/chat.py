"""The mentor chat use-case: validate the question, stream a grounded answer."""

from __future__ import annotations

from collections.abc import Iterator

from coach.domain.agenda import Agenda, enforce
from coach.domain.intents import classify, edit_agenda
from coach.domain.markdown import agenda_markdown, starters_markdown
from coach.domain.pair_profile import PairProfile
from coach.generation.chat import ChatAnswerer, ChatEvent
from coach.generation.chat_library import LibraryChatAnswerer
from coach.llm.errors import classify_model_error
from coach.services.errors import UserError, check_unicode
from coach.services.generation import GenerationService
from coach.services.interactive import InteractiveGate

MAX_QUESTION_CHARS = 2000


# What the chat says for each kind of model failure (coach.llm.errors classifies them).
CHAT_MESSAGES = {
    "timeout": "The model took too long to answer. Try again, or raise COACH_LLM_TIMEOUT.",
    "unreachable": "The model server is not reachable. Run `coach doctor` to see what is wrong.",
    "status": "{reason}. Run `coach doctor`.",
    "filtered": "{reason}. Try asking in other words.",
    "unreadable": "The model server sent a reply that could not be read. Try again, or run "
    "`coach doctor`.",
}


class ChatService:
    """Answers mentors' questions from the guides, with sources."""

    def __init__(
        self,
        answerer: ChatAnswerer | LibraryChatAnswerer,
        generation: GenerationService | None = None,
        gate: InteractiveGate | None = None,
    ) -> None:
        self.answerer = answerer
        self.generation = generation
        self.gate = gate or InteractiveGate()  # held while answering: background work yields

    def ask(
        self,
        question: str,
        pair: PairProfile | None = None,
        agenda: Agenda | None = None,
        audience: str = "mentor",
    ) -> Iterator[ChatEvent]:
        """Stream an answer, or make or refine an agenda or starters when asked to.

        ``pair`` is the pair being prepared; ``agenda`` the one on screen, for refinements
        such as "shorten item 2" or "more on power dynamics"; ``audience`` who asks (mentor,
        mentee or lead). Raises ``UserError`` for bad input or an unreachable model.
        """
        question = (question or "").strip()
        if not question:
            raise UserError("Type a question first, for example: how do I open our first session?")
        if len(question) > MAX_QUESTION_CHARS:
            raise UserError(
                f"That question is {len(question):,} characters; keep it under "
                f"{MAX_QUESTION_CHARS:,} and paste long notes as a reflection instead."
            )
        check_unicode(question, "The question")
        intent = classify(question, agenda is not None)
        if intent.kind != "answer" and self.generation is not None:
            if pair is None:
                raise UserError("Pick a pair first, so the agenda and starters fit its goals.")
            yield from self._artifact(intent.kind, question, pair, agenda)
            return
        try:
            with self.gate.interactive():
                yield from self.answerer.stream(question, audience)
        except Exception as error:
            failure = classify_model_error(error)
            if failure is None:
                raise
            reason = failure.reason[:1].upper() + failure.reason[1:]
            raise UserError(CHAT_MESSAGES[failure.kind].format(reason=reason)) from None

    def _artifact(
        self, kind: str, message: str, pair: PairProfile, agenda: Agenda | None
    ) -> Iterator[ChatEvent]:
        """Make or refine an artifact and send it as one Markdown message."""
        assert self.generation is not None
        if kind == "refine" and agenda is not None:
            try:
                edited = edit_agenda(agenda, message)
            except ValueError as error:
                raise UserError(f"Cannot change the agenda: {error}.") from None
            if edited is None:
                focus = f"{pair.session.focus} {message}".strip()
                session = pair.session.model_copy(update={"focus": focus})
                edited = self.generation.agenda(pair.model_copy(update={"session": session}))
            else:
                allowed = {c.id: c.text for c in (agenda.meta.citations if agenda.meta else [])}
                edited, _fixes = enforce(edited, pair, allowed)
            artifact, text = edited, agenda_markdown(edited)
        elif kind == "starters":
            artifact = self.generation.starters(pair)
            text = starters_markdown(artifact)
        else:
            artifact = self.generation.agenda(pair)
            text = agenda_markdown(artifact)
        yield ChatEvent("delta", text=text)
        yield ChatEvent("done", text=text, artifact=artifact, stats={"intent": kind})
