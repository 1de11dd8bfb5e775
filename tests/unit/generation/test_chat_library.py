"""Chat answers from the library: a question an answer fits gets it; any other, the model."""

import pytest

from coach.domain.knowledge import Passage
from coach.domain.library import AnswerPattern, Library
from coach.generation.chat import ChatAnswerer
from coach.generation.chat_library import LibraryChatAnswerer
from coach.generation.prompts import load_prompt
from tests.conftest import REPO
from tests.fake_tools import embed

pytestmark = pytest.mark.unit

PHONES = AnswerPattern(
    id="ans-phones", audience=["mentor"], topics=["attention"],
    asks=["my VP keeps checking his phone in our sessions",
          "how do I ask a senior leader to put the phone away"],
    say="Could we both put our phones face down for the next half hour?",
    why="Making it mutual keeps it from sounding like a correction.",
    next_step="Ask in the first two minutes of the next session.",
    cites=["power-dynamics.md#ground-rules"],
)  # fmt: skip
GUIDE = Passage("power-dynamics.md#ground-rules-0", "power-dynamics.md", "Power",
                "Ground rules", "Agree together to put phones away: a mutual ground rule "
                "keeps attention without anyone correcting anyone.", 1.0)  # fmt: skip


def answerer(model, fetch=lambda ids: [GUIDE]):
    fallback = ChatAnswerer(search=lambda q, k: [GUIDE], model=lambda: model,
                            prompt=load_prompt(REPO / "prompts", "chat_answer"))  # fmt: skip
    return LibraryChatAnswerer(lambda: Library(answers=[PHONES]), embed, fetch, fallback)


def test_a_question_an_answer_fits_gets_that_answer_and_its_guide_without_the_model(fake_model):
    model = fake_model([])
    events = list(answerer(model).stream("My VP keeps checking his phone in our sessions"))
    assert [e.kind for e in events] == ["delta", "done"]
    done = events[-1]
    assert done.text.startswith('**Try saying:** "Could we both put our phones face down')
    assert PHONES.why in done.text and PHONES.next_step in done.text and "[1]" in done.text
    assert [p.id for p in done.sources] == [GUIDE.id] and done.cited == [1]
    assert done.stats["answer_id"] == "ans-phones" and done.stats["match"] >= 0.6
    assert model.calls == []


def test_a_question_no_answer_fits_is_answered_by_the_model_from_the_guides(fake_model):
    model = fake_model(["Plan the budget with the sponsor first [1]."])
    events = list(answerer(model).stream("How should we budget for catering at the kickoff?"))
    done = events[-1]
    assert done.text == "Plan the budget with the sponsor first [1]."
    assert done.stats["prompt_id"] == "chat_answer" and len(model.calls) == 1


def test_an_answer_whose_guide_is_about_something_else_cites_nothing(fake_model):
    unrelated = Passage("x.md#s-0", "x.md", "X", "S", "zebra migration on the Serengeti", 1.0)
    events = list(answerer(fake_model([]), fetch=lambda ids: [unrelated]).stream(
        "how do I ask a senior leader to put the phone away"))  # fmt: skip
    done = events[-1]
    assert done.sources == [] and done.cited == [] and "[1]" not in done.text


def test_an_answer_for_later_sessions_never_answers_a_first_session_question():
    from coach.generation.chat_library import fits_phase

    opener = PHONES.model_copy(update={
        "topics": ["session_openers", "middle_sessions"],
        "say": "Since we last met, what's one thing that didn't go the way you expected?",
    })  # fmt: skip
    assert not fits_phase(opener, "How do I open our first session with a senior VP?")
    assert fits_phase(opener, "I need an opening line for my session in a few minutes")
    assert fits_phase(PHONES, "He checked his phone all through our first meeting")


def test_a_question_about_what_the_guides_say_goes_to_the_guides():
    from coach.generation.chat_library import about_the_guides

    assert about_the_guides("Can you summarise what the guides say about confidentiality?")
    assert about_the_guides("What does the guide say about how long each session should last?")
    assert not about_the_guides("My VP keeps checking his phone in our sessions")
    assert not about_the_guides("How do I guide a senior through our app without patronising?")
