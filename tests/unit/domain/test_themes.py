"""Naming and counting themes: distinctive words, no names, the minimum group, short labels."""

import pytest

from coach.domain.themes import (
    MAX_LABEL_WORDS,
    OTHER,
    Group,
    KeywordLabeler,
    Theme,
    clean_label,
    name_themes,
)

pytestmark = pytest.mark.unit

SHIFTS = (
    "Young nurses hear about rota changes too late and want a say in shift swaps.",
    "Drivers want shift changes announced on their phones, not on paper.",
    "Shift swaps and rota notices came up again; staff want changes announced earlier.",
)
DASHBOARDS = (
    "Harold filtered late deliveries on the dashboard by depot himself.",
    "Margaret read the sales dashboard alone and asked which filters matter.",
    "We worked through the dashboard filters and a weekly view of late orders.",
)


def group(texts, pairs=None) -> Group:
    return Group(tuple(texts), tuple(pairs or (f"pair{i}" for i in range(len(texts)))))


class Echo:
    """A labeler that returns whatever it was told to, to test the guards around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0

    def label(self, group, rest) -> str:
        self.calls += 1
        return self.text


def test_the_keyword_label_is_the_words_particular_to_the_group():
    label = KeywordLabeler().label(SHIFTS, DASHBOARDS)
    assert label == "shift changes announced"
    assert KeywordLabeler().label(DASHBOARDS, SHIFTS).startswith("dashboard")


def test_a_label_never_uses_a_name_or_a_proper_noun():
    texts = [f"Harold and Priya looked at the dashboard for {d}." for d in ("sales", "depots")]
    texts.append("Harold asked about the dashboard filters")
    label = KeywordLabeler(exclude={"Priya Nair"}).label(texts, SHIFTS)
    assert "harold" not in label.lower() and "priya" not in label.lower()
    assert "dashboard" in label


def test_a_label_word_comes_from_two_summaries_of_the_group_when_it_can():
    texts = ("The dashboard helps. Zeppelin.", "The dashboard filters.", "A dashboard again.")
    assert "zeppelin" not in KeywordLabeler().label(texts, SHIFTS)


def test_labels_are_cut_to_a_few_words_so_no_sentence_fits_in_one():
    assert clean_label("one two three four five six seven") == "one two three four"
    assert len(clean_label("a b c d e f").split()) == MAX_LABEL_WORDS
    assert clean_label("  ") == "unnamed theme"


def test_small_groups_are_counted_as_other_and_never_labelled():
    labeler = Echo("must not be asked")
    themes = name_themes([group(SHIFTS[:2]), group(DASHBOARDS[:1])], labeler, min_group=3)
    assert themes == (Theme(OTHER, 3, other=True),)
    assert labeler.calls == 0


def test_a_group_from_fewer_pairs_than_the_minimum_is_other_too():
    one_pair = group(SHIFTS, pairs=("p1", "p1", "p2"))
    themes = name_themes([one_pair, group(DASHBOARDS)], KeywordLabeler(), min_group=3)
    assert [t.label.split()[0] for t in themes if not t.other] == ["dashboard"]
    assert themes[-1] == Theme(OTHER, 3, other=True)


def test_themes_are_largest_first_and_the_same_label_counts_once():
    themes = name_themes(
        [group(SHIFTS), group(DASHBOARDS + DASHBOARDS[:1]), group(SHIFTS[::-1])],
        Echo("same label"), min_group=3,
    )  # fmt: skip
    assert themes == (Theme("same label", 10, 4),)
    counted = name_themes([group(SHIFTS), group(DASHBOARDS + SHIFTS[:1])], KeywordLabeler())
    assert [t.count for t in counted] == [4, 3]


def test_a_model_label_that_quotes_a_summary_is_cut_short():
    themes = name_themes([group(SHIFTS)], Echo(SHIFTS[0]), min_group=3)
    assert themes[0].label == "Young nurses hear about"


def test_words_written_side_by_side_stay_together():
    rules = (
        "We agreed ground rules for honest feedback and kept our conversations confidential.",
        "Ground rules first: honest feedback both ways, and what we say stays confidential.",
        "We set ground rules on confidentiality and on giving each other honest feedback.",
    )
    assert KeywordLabeler().label(rules, SHIFTS) == "ground rules, honest feedback"
