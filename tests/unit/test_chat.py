import httpx
import openai
import pytest

from coach.domain.knowledge import Passage
from coach.generation.chat import ChatAnswerer, cited_numbers
from coach.generation.prompts import load_prompt
from coach.services.chat import ChatService
from coach.services.errors import UserError
from tests.conftest import REPO

PASSAGES = [
    Passage("a.md#rules-0", "a.md", "Ground rules", "Phones", "Agree to put phones away.", 0.9),
    Passage("b.md#trust-0", "b.md", "Trust", "Openers", "Share a mistake of your own.", 0.8),
]


def answerer(model, passages=PASSAGES, budget=900):
    return ChatAnswerer(
        search=lambda q, k: passages[:k],
        model=lambda: model,
        prompt=load_prompt(REPO / "prompts", "chat_answer"),
        k=4,
        budget=budget,
    )


def test_stream_yields_a_delta_per_sentence_then_sources(fake_model):
    reply = "Ask to put phones away [1]. Agree it as a shared rule at the start."
    model = fake_model([reply])
    events = list(answerer(model).stream("phones?"))
    deltas = [e.text for e in events if e.kind == "delta"]
    assert deltas == ["Ask to put phones away [1]. ", "Agree it as a shared rule at the start."]
    done = events[-1]
    assert done.kind == "done" and [p.id for p in done.sources] == ["a.md#rules-0", "b.md#trust-0"]
    assert done.cited == [1]
    assert done.stats["prompt_id"] == "chat_answer"


def test_a_looping_answer_is_cut_at_its_first_repeat_and_never_shown_twice(fake_model):
    line = "When attention drifts, you can name it gently [1]. Keep the focus on the topic [2]. "
    events = list(answerer(fake_model([line * 30])).stream("phones?"))
    shown = "".join(e.text for e in events if e.kind == "delta")
    done = events[-1]
    assert shown.count("name it gently") == 1 and done.text == shown.strip()
    assert "stopped a loop" in done.stats["fixes"]


def test_prompt_puts_static_instructions_first_and_passages_in_user_turn(fake_model):
    model = fake_model(["ok"])
    list(answerer(model).stream("How do I start?"))
    system, user = model.calls[0]
    assert "reverse mentoring" in system.content and "Ground rules" not in system.content
    assert "[1] Ground rules — Phones" in user.content and "How do I start?" in user.content


def test_budget_drops_passages_that_do_not_fit(fake_model):
    long = Passage("c.md#x-0", "c.md", "Long", "", "word " * 2000, 0.7)
    model = fake_model(["ok"])
    done = list(answerer(model, [PASSAGES[0], long], budget=200).stream("q"))[-1]
    assert [p.id for p in done.sources] == ["a.md#rules-0"]


def test_cited_numbers_ignores_out_of_range_and_repeats():
    assert cited_numbers("see [2] and [1] and [2] and [9]", 2) == [2, 1]


@pytest.mark.parametrize("question", ["", "   \n"])
def test_empty_question_is_a_user_error(fake_model, question):
    with pytest.raises(UserError, match="Type a question"):
        list(ChatService(answerer(fake_model([]))).ask(question))


def test_huge_question_is_a_user_error(fake_model):
    with pytest.raises(UserError, match="under"):
        list(ChatService(answerer(fake_model([]))).ask("x" * 5000))


def test_unreachable_model_becomes_a_readable_error(fake_model):
    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    model = fake_model([openai.APIConnectionError(request=request)])
    with pytest.raises(UserError, match="coach doctor"):
        list(ChatService(answerer(model)).ask("hello"))


def test_timeout_becomes_a_readable_error(fake_model):
    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    model = fake_model([openai.APITimeoutError(request=request)])
    with pytest.raises(UserError, match="too long"):
        list(ChatService(answerer(model)).ask("hello"))


def test_prime_sends_the_same_system_prompt_a_question_starts_with(fake_model):
    model = fake_model(["OK", "Ask to put phones away [1]."])
    chat = answerer(model)
    chat.prime()
    list(chat.stream("phones?"))
    primed, asked = model.calls
    assert primed[0].content == asked[0].content  # the cached prefix is the one questions use
    assert "Ground rules" not in primed[1].content  # no passages are read while priming


def test_first_token_time_waits_for_text_not_an_empty_chunk(monkeypatch):
    from langchain_core.messages import AIMessageChunk

    import coach.generation.chat as chat_module

    now = [0.0]
    monkeypatch.setattr(chat_module.time, "monotonic", lambda: now[0])

    class SlowStart:
        """Sends an empty role chunk at once and its first word 2 s later."""

        def stream(self, messages):
            now[0] = 0.5
            yield AIMessageChunk(content="")
            now[0] = 2.5
            yield AIMessageChunk(content="Hello")
            now[0] = 3.0

    done = list(answerer(SlowStart()).stream("phones?"))[-1]
    assert done.stats["first_token_seconds"] == 2.5


def test_while_the_prompt_is_read_the_answer_yields_waits_a_reader_can_stop_at():
    from langchain_core.messages import AIMessageChunk

    class Steps:
        """Two empty chunks (prompt-reading steps), then the answer."""

        def stream(self, messages):
            yield AIMessageChunk(content="")
            yield AIMessageChunk(content="")
            yield AIMessageChunk(content="Ask what matters to her. ")

    events = answerer(Steps()).stream("phones?")
    assert [next(events).kind, next(events).kind] == ["wait", "wait"]
    events.close()  # the reader left before any word: nothing more is asked of the model
    kinds = [e.kind for e in answerer(Steps()).stream("phones?")]
    assert kinds[-2:] == ["delta", "done"] and "wait" not in kinds[kinds.index("delta") :]
