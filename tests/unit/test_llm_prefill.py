"""Reading a prompt in steps: where the steps fall, how they adapt, and that a stop stops them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from langchain_core.messages import HumanMessage

from coach.llm.local_chat import SteppedChatOpenAI
from coach.llm.prefill import SlotChoice, SteppedPrefill, common_prefix

pytestmark = pytest.mark.unit


class FakeServer:
    """llama.cpp's template, tokenizer and completion endpoints: one token per word, reading
    ``rate`` tokens per second by its own timings; and a streamed chat answer."""

    def __init__(self, rate: float = 50.0, fail: str = "") -> None:
        self.rate = rate
        self.fail = fail
        self.completions: list[int] = []
        self.chats = 0
        self.slots: list[int | None] = []  # the id_slot of each step and request
        self.working: set[int] = set()  # slots another client is using, as /slots says
        self.bodies: list[dict] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == self.fail:
            return httpx.Response(500, json={"error": "broken"})
        if path == "/slots":
            return httpx.Response(200, json=[{"id": i, "is_processing": i in self.working}
                                             for i in range(4)])  # fmt: skip
        body = json.loads(request.content)
        if path in ("/completion", "/v1/chat/completions"):
            self.slots.append(body.get("id_slot"))
            self.bodies.append(body)
        if path == "/apply-template":
            return httpx.Response(200, json={"prompt": body["messages"][-1]["content"]})
        if path == "/tokenize":
            tokens = [int(w[1:]) for w in body["content"].split()]
            return httpx.Response(200, json={"tokens": tokens})
        if path == "/completion":
            new = len(body["prompt"]) - (self.completions[-1] if self.completions else 0)
            self.completions.append(len(body["prompt"]))
            timings = {"prompt_n": new, "prompt_ms": 1000 * new / self.rate}
            return httpx.Response(200, json={"content": "", "timings": timings})
        if path == "/v1/chat/completions":
            self.chats += 1
            choice = {"index": 0, "delta": {"content": "Hello."}, "finish_reason": "stop"}
            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
                     "choices": [choice]}  # fmt: skip
            return httpx.Response(200, text=f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n",
                                  headers={"content-type": "text/event-stream"})  # fmt: skip
        return httpx.Response(404)


def steps(stepper: SteppedPrefill, messages: list[dict]) -> Iterator[int]:
    """Read ``messages`` in steps into the slot chosen for them, as the chat model does."""
    with stepper.slot_for(messages) as reading:
        yield from stepper.read(reading)


def words(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


def prefill(server: FakeServer, seconds: float = 1.0) -> SteppedPrefill:
    client = httpx.Client(transport=httpx.MockTransport(server))
    return SteppedPrefill("http://llm/v1", seconds, client=client)


def test_common_prefix():
    assert common_prefix([1, 2, 3], [1, 2, 4]) == 2
    assert common_prefix([], [1]) == 0
    assert common_prefix([1, 2], [1, 2, 3]) == 2


def test_a_long_prompt_is_read_in_steps_sized_by_the_measured_speed():
    server = FakeServer(rate=100.0)
    stepper = prefill(server, seconds=2.0)
    ends = list(steps(stepper, [{"role": "user", "content": words(1000)}]))
    # the first step assumes 50 tokens/s; once the server reports 100, steps are 200 tokens
    assert ends[:3] == [100, 300, 500]
    assert server.completions == ends
    assert 1000 - ends[-1] <= stepper.step  # the real request reads at most one step
    assert stepper.tokens_per_second == pytest.approx(100.0)


def test_steps_start_after_the_prompt_read_last_time():
    server = FakeServer(rate=50.0)
    stepper = prefill(server)
    list(steps(stepper, [{"role": "user", "content": words(200)}]))
    server.completions.clear()
    ends = list(steps(stepper, [{"role": "user", "content": words(400)}]))
    assert ends and ends[0] == 264  # 200 shared tokens are not stepped through again


def test_with_two_slots_a_prompt_read_before_another_still_counts_as_cached():
    server = FakeServer(rate=50.0)
    client = httpx.Client(transport=httpx.MockTransport(server))
    stepper = SteppedPrefill("http://llm/v1", 1.0, client=client, slots=2)
    agenda = [f"w{i}" for i in range(300)]
    list(steps(stepper, [{"role": "user", "content": " ".join(agenda)}]))
    chat = " ".join(f"w{i}" for i in range(1000, 1300))  # shares nothing: the other slot
    list(steps(stepper, [{"role": "user", "content": chat}]))
    server.completions.clear()
    ends = list(steps(stepper, [{"role": "user", "content": " ".join([*agenda, words(200)])}]))
    assert ends and ends[0] == 364  # the first 300 tokens are still in the first slot


def test_with_one_slot_another_prompt_pushes_the_first_out():
    server = FakeServer(rate=50.0)
    stepper = prefill(server)
    agenda = words(300)
    list(steps(stepper, [{"role": "user", "content": agenda}]))
    other = " ".join(f"w{i}" for i in range(1000, 1300))
    list(steps(stepper, [{"role": "user", "content": other}]))
    ends = list(steps(stepper, [{"role": "user", "content": f"{agenda} {words(50)}"}]))
    assert ends[0] == 64  # read from the start again, in short steps


def test_short_steps_do_not_shrink_the_next_ones():
    server = FakeServer(rate=100.0)
    stepper = prefill(server, seconds=1.0)
    list(steps(stepper, [{"role": "user", "content": words(600)}]))
    server.rate = 40.0  # one slow step (a busy machine, a long context)
    list(steps(stepper, [{"role": "user", "content": words(700)}]))
    assert stepper.step == 100  # the fastest recent speed still sizes the steps


def test_a_short_prompt_needs_no_step():
    server = FakeServer()
    assert list(steps(prefill(server), [{"role": "user", "content": words(40)}])) == []


def test_closing_the_steps_stops_reading():
    server = FakeServer(rate=50.0)
    reading = steps(prefill(server), [{"role": "user", "content": words(1000)}])
    next(reading)
    reading.close()
    assert server.completions == [64]


def test_seconds_zero_reads_in_one_go():
    server = FakeServer()
    assert list(steps(prefill(server, seconds=0), [{"role": "user", "content": words(900)}])) == []
    assert server.completions == []


def model(server: FakeServer, slots: int = 1, **extra) -> SteppedChatOpenAI:
    client = httpx.Client(transport=httpx.MockTransport(server))
    return SteppedChatOpenAI(
        model="m", base_url="http://llm/v1", api_key="local", http_client=client,
        prefill=SteppedPrefill("http://llm/v1", 1.0, client=client, slots=slots), **extra,
    )  # fmt: skip


def test_the_chat_model_yields_an_empty_chunk_per_step_then_the_answer():
    server = FakeServer(rate=50.0)
    chunks = [c.content for c in model(server).stream([HumanMessage(words(250))])]
    assert chunks[: len(server.completions)] == [""] * len(server.completions)
    assert len(server.completions) == 3
    assert "".join(chunks) == "Hello."


def test_a_reader_who_stops_during_the_steps_never_sends_the_request():
    server = FakeServer(rate=50.0)
    stream = model(server).stream([HumanMessage(words(1000))])
    assert next(stream).content == ""
    stream.close()
    assert server.chats == 0 and len(server.completions) == 1


def test_failing_steps_leave_the_request_to_read_the_prompt_whole():
    server = FakeServer(fail="/completion")
    chunks = [c.content for c in model(server).stream([HumanMessage(words(500))])]
    assert "".join(chunks) == "Hello." and server.chats == 1


def test_a_stop_during_the_steps_ends_a_structured_call_before_its_request():
    from pathlib import Path

    from pydantic import BaseModel

    from coach.generation.prompts import load_prompt
    from coach.generation.structured import StructuredCall
    from coach.ui.cancellable import Stopped

    class Reply(BaseModel):
        text: str = ""

    def stop(_tokens: int) -> None:
        raise Stopped

    server = FakeServer(rate=50.0)
    call = StructuredCall(model(server), Reply, load_prompt(Path("prompts"), "repair"))
    with pytest.raises(Stopped):
        call([HumanMessage(words(1000))], on_token=stop)
    assert server.chats == 0 and len(server.completions) == 1


def tokens(start: int, n: int) -> list[int]:
    return list(range(start, start + n))


def test_a_prompt_goes_to_the_slot_holding_most_of_it_else_to_an_empty_one():
    choice = SlotChoice(2)
    agenda = tokens(0, 300)
    slot, held = choice.take(agenda)
    choice.hold(slot, agenda)
    choice.free(slot)
    assert choice.take(tokens(1000, 300)) == (1 - slot, 0)
    choice.free(1 - slot)
    assert choice.take([*agenda, *tokens(5000, 50)]) == (slot, 300)


def test_a_prompt_that_comes_back_keeps_its_slot_against_one_off_prompts():
    """Least recently used alone would give the agenda's slot to the third one-off prompt."""
    choice = SlotChoice(3)
    system = tokens(0, 200)

    def ask(prompt: list[int]) -> int:
        slot, _ = choice.take(prompt)
        assert slot is not None
        choice.hold(slot, prompt)
        choice.free(slot)
        return slot

    agenda = {ask([*system, *tokens(10_000 + 100 * i, 60)]) for i in range(3)}  # three items
    assert len(agenda) == 1
    others = [ask(tokens(20_000 + 1000 * i, 300)) for i in range(4)]  # one-off prompts
    assert agenda.isdisjoint(others)
    assert ask([*system, *tokens(30_000, 60)]) in agenda


def test_a_busy_slot_is_never_chosen_and_none_when_all_are_busy():
    choice = SlotChoice(2)
    prompt = tokens(0, 100)
    first, _ = choice.take(prompt)
    choice.hold(first, prompt)
    second, held = choice.take(prompt)  # same prompt, but its slot is busy
    assert second == 1 - first and held == 0
    assert choice.take(prompt) == (None, 0)
    choice.free(first)
    assert choice.take(prompt) == (first, 100)


def test_the_steps_and_the_request_name_the_same_slot():
    server = FakeServer(rate=50.0)
    chat = model(server, slots=2)
    assert "".join(c.content for c in chat.stream([HumanMessage(words(250))])) == "Hello."
    assert len(server.slots) == 4 and set(server.slots) == {0}
    server.slots.clear()
    other = " ".join(f"w{i}" for i in range(1000, 1250))  # shares nothing: the other slot
    list(chat.stream([HumanMessage(other)]))
    assert len(server.slots) == 4 and set(server.slots) == {1}


def test_a_slot_another_client_is_using_is_not_chosen():
    server = FakeServer(rate=50.0)
    server.working = {0}  # another process sharing the server
    list(model(server, slots=2).stream([HumanMessage(words(100))]))
    assert set(server.slots) == {1}
    server.working = {0, 1}
    server.slots.clear()
    list(model(server, slots=2).stream([HumanMessage(words(100))]))
    assert set(server.slots) == {None}  # every slot busy: the server queues it itself


@pytest.mark.parametrize("status, asked_again", [(500, True), (404, False)])
def test_a_failed_slots_answer_is_asked_again_unless_the_server_has_none(status, asked_again):
    server = FakeServer(rate=50.0)
    answers = iter([httpx.Response(status), None])  # then the server's own answer

    def transport(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/slots":
            first = next(answers, None)
            if first is not None:
                return first
        return server(request)

    client = httpx.Client(transport=httpx.MockTransport(transport))
    stepper = SteppedPrefill("http://llm/v1", 1.0, client=client)
    assert stepper.working() == frozenset()
    server.working = {2}
    assert stepper.working() == (frozenset({2}) if asked_again else frozenset())


def test_the_slot_joins_a_grammar_and_the_models_own_extra_fields():
    from langchain_core.messages import AIMessageChunk

    server = FakeServer(rate=50.0)
    chat = model(server, extra_body={"cache_prompt": True}).bind(extra_body={"grammar": "g"})
    chunks = list(chat.stream([HumanMessage(words(30))]))
    assert isinstance(chunks[-1], AIMessageChunk)
    sent = server.bodies[-1]
    assert (sent["grammar"], sent["cache_prompt"], sent["id_slot"]) == ("g", True, 0)


def test_the_slot_is_free_again_after_a_stop_during_the_steps():
    server = FakeServer(rate=50.0)
    chat = model(server)
    stream = chat.stream([HumanMessage(words(1000))])
    next(stream)
    stream.close()
    assert chat.prefill is not None
    with chat.prefill.slot_for([{"role": "user", "content": words(10)}]) as reading:
        assert reading.slot == 0  # the only slot, free again
