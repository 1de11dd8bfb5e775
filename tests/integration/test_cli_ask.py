"""`coach ask`: the chat from the command line, with citations, over the real index and store
(the fake model answers)."""

import json

import pytest

from coach.cli import main
from tests.app_support import ANSWER, MENTOR, OUTSIDER, demo_services


@pytest.fixture
def services(tmp_path, monkeypatch):
    services, model, _report = demo_services(tmp_path)
    monkeypatch.setattr("coach.cli_ask.cli_services", lambda: services)
    return services


def test_json_prints_the_answer_its_citations_and_meta(services, capsys):
    assert main(["ask", "How do I open our first session?", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["answer"] == ANSWER
    assert printed["citations"] and set(printed["citations"][0]) == {
        "n", "id", "source", "title", "section"
    }  # fmt: skip
    assert printed["meta"]["prompt_id"] == "chat_answer" and "seconds" in printed["meta"]


def test_a_pair_is_read_as_one_of_its_members_only(services, capsys):
    mentor = services.users.signed_in(MENTOR)
    pair = services.pairs.list(mentor)[0].pair.id
    assert main(["ask", "draft an agenda", "--pair", pair]) == 2
    assert "--pair needs --as USERNAME" in capsys.readouterr().err
    assert main(["ask", "draft an agenda", "--pair", pair, "--as", OUTSIDER]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["ask", "draft an agenda", "--pair", pair, "--as", MENTOR, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["artifact"]["items"] and printed["meta"]["intent"] == "agenda"


def test_the_plain_answer_lists_its_sources(services, capsys):
    assert main(["ask", "How do I open our first session?"]) == 0
    out, err = capsys.readouterr()
    assert ANSWER in out and "[1] " in err


def test_a_question_the_library_answers_is_answered_without_the_model(
    tmp_path, monkeypatch, capsys
):
    from tests.app_support import fake_services, load_demo

    services, model = fake_services(tmp_path, chat_library=True)
    load_demo(services)
    monkeypatch.setattr("coach.cli_ask.cli_services", lambda: services)
    question = "My VP keeps checking his phone while I'm talking in our sessions"
    assert main(["ask", question, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["answer"].startswith('**Try saying:** "') and "**Next:**" in printed["answer"]
    assert printed["meta"]["answer_id"] and printed["meta"]["audience"] == "mentor"
    assert model.calls == []
    assert main(["ask", question, "--audience", "lead", "--json"]) == 0
    lead = json.loads(capsys.readouterr().out)
    assert lead["meta"].get("answer_id") != printed["meta"]["answer_id"]
