"""The prepare keys add agenda and starters of the same pair; the first-item keys read meta."""

from coach.benchmarks.artifacts import Timing
from coach.benchmarks.report import artifact_keys


def rows(flipside, oneshot, naive=()):
    def timings(pairs):
        return [Timing(seconds=a, first_item_seconds=f) for a, f in pairs]

    return {
        "agenda": {"flipside": timings([(a, f) for a, _s, f in flipside]),
                   "oneshot": timings([(a, None) for a, _s in oneshot]),
                   "naive": timings([(a, None) for a, _s in naive])},
        "starters": {"flipside": timings([(s, None) for _a, s, _f in flipside]),
                     "oneshot": timings([(s, None) for _a, s in oneshot]),
                     "naive": timings([(s, None) for _a, s in naive])},
    }  # fmt: skip


def test_prepare_is_agenda_plus_starters_of_each_pair_and_the_ratio_is_theirs():
    keys = artifact_keys(rows([(10, 1, 3), (20, 1, 5), (30, 2, 6)], [(40, 20), (50, 30), (90, 30)]))
    assert keys["prepare_on_demand_seconds"] == 21  # median of 11, 21, 32
    assert keys["prepare_oneshot_seconds"] == 80  # median of 60, 80, 120
    assert keys["prepare_oneshot_vs_on_demand_ratio"] == round(80 / 21, 3)
    assert (
        keys["prepare_naive_seconds"] is None and keys["prepare_naive_vs_on_demand_ratio"] is None
    )
    assert keys["agenda_first_item_seconds"] == 5
    assert keys["agenda_first_item_ratio"] == 0.25  # median of 0.3, 0.25, 0.2


def test_agendas_without_a_model_item_do_not_count_for_the_first_item():
    keys = artifact_keys(rows([(1, 1, None), (20, 1, 8)], []))
    assert keys["agenda_first_item_seconds"] == 8 and keys["agenda_first_item_ratio"] == 0.4
    assert keys["agenda_first_item_each"] == [[None, 1], [8, 20]]  # each pair, as measured
