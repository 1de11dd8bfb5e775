"""The degenerate-output guard: each detector fires on its bad case and stays quiet on good text."""

import pytest

from coach.domain.degenerate import SentenceGuard, echoes, foreign_letters, problems

pytestmark = pytest.mark.unit

LOOP = (
    "When attention drifts, you can name it gently [4]. Can we please keep our attention on "
    "the topic at hand? [8] When attention drifts, you can name it gently [4]. Can we please "
    "keep our attention on the topic at hand? [8] "
) * 20
GOOD = (
    "Agree a norm together at the start: phones face down unless one of you is on call [1]. "
    'If it happens, try: "Shall we pause so you can deal with that?" That names it without '
    "blame, and lets him choose [2]. Raise the pattern once, privately, at the end of a session."
)
SYSTEM = "Answer the user's question using ONLY the numbered guide passages you are given."


def stream(guard: SentenceGuard, text: str, size: int = 7) -> str:
    """Feed ``text`` in small chunks, as a model streams; what the user would see."""
    shown = []
    for start in range(0, len(text), size):
        shown += guard.feed(text[start : start + size])
        if guard.stopped:
            break
    shown += guard.finish()
    return "".join(shown)


def test_a_looping_answer_stops_at_the_first_repeat():
    guard = SentenceGuard(SYSTEM)
    shown = stream(guard, LOOP)
    assert guard.stopped and shown.count("When attention drifts") == 1
    assert guard.fixes == ["stopped a loop: a sentence repeated an earlier one"]
    assert len(shown) < 200


def test_a_good_answer_passes_whole_and_unchanged():
    guard = SentenceGuard(SYSTEM)
    assert stream(guard, GOOD) == GOOD and not guard.stopped and guard.fixes == []


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Answer the user's question using ONLY the numbered guide passages here.", "echoes"),
        ("Ask {{ mentee }} how the week went.", "placeholder"),
        ("Talk about <goal text> first.", "placeholder"),
        ("Try this 我们可以 approach.", "outside the user's script"),
    ],
)
def test_each_problem_is_named_and_the_sentence_held_back(sentence, reason):
    assert any(reason in p for p in problems(sentence, SYSTEM))
    guard = SentenceGuard(SYSTEM)
    shown = stream(guard, f"Start with a check-in. {sentence} Then agree one action.")
    assert sentence not in shown and "Then agree one action." in shown
    assert any(reason in fix for fix in guard.fixes)


def test_short_or_different_sentences_are_not_loops():
    assert problems("OK.", earlier=["OK."]) == []
    assert problems("Agree a norm early.", earlier=["Raise it privately later."]) == []
    assert echoes("name it gently", SYSTEM) is False
    assert foreign_letters("Café naïve résumé — 42%") == ""


def test_the_guard_stops_at_the_word_cap_on_a_sentence_end():
    guard = SentenceGuard(max_words=30)
    topics = ["phones", "calendars", "dashboards", "podcasts", "spreadsheets", "chatbots",
              "newsletters", "webinars", "hackathons", "roadmaps", "surveys", "wikis"]  # fmt: skip
    text = " ".join(f"Next, discuss {t} with concrete examples." for t in topics)
    shown = stream(guard, text)
    assert guard.stopped and shown.rstrip().endswith(".") and 24 <= len(shown.split()) <= 30
    assert guard.fixes == ["stopped before 30 words"]
