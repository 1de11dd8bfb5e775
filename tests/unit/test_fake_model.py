import pytest
from langchain_core.messages import HumanMessage


def test_replies_come_in_queue_order_and_calls_are_recorded(fake_model):
    model = fake_model(["one", "two"])
    assert model.invoke([HumanMessage("a")]).content == "one"
    assert "".join(c.content for c in model.stream([HumanMessage("b")])) == "two"
    assert [m[0].content for m in model.calls] == ["a", "b"]


def test_queued_exception_is_raised_and_empty_queue_fails_loudly(fake_model):
    model = fake_model([TimeoutError("slow")])
    with pytest.raises(TimeoutError):
        model.invoke("x")
    with pytest.raises(RuntimeError, match="no reply queued"):
        model.invoke("y")
