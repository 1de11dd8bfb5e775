"""Chat metrics: a looped answer counts as a loop, a long one as over the cap."""

from coach.evals.chat_metrics import chat_figures, loops, p95

LOOPED = ("When attention drifts, you can name it gently [4]. Can we please keep our attention on "
          "the topic at hand? [8] When attention drifts, you can name it gently [4].")  # fmt: skip
GOOD = ('Say: "Shall we both put our phones away for the next hour?" Why: naming it for both of '
        "you keeps it from sounding like a telling-off [2].")  # fmt: skip


def test_a_repeated_sentence_is_a_loop_and_a_varied_answer_is_not():
    assert loops(LOOPED) and not loops(GOOD)


def test_the_figures_of_a_run():
    long = " ".join(["word"] * 200) + "."
    figures = chat_figures([LOOPED, GOOD, long, GOOD])
    assert figures["answers"] == 4 and figures["loops"] == 0.25
    assert figures["over_cap"] == 0.25 and figures["p95_words"] == 200
    assert figures["cited"] == 0.75
    assert chat_figures([])["loops"] is None


def test_p95_is_the_nearest_rank():
    assert p95(list(range(1, 101))) == 95 and p95([7]) == 7 and p95([]) is None
