"""Chat intents and the agenda edits that code applies itself."""

import pytest

from coach.domain.agenda import Agenda, AgendaItem
from coach.domain.intents import classify, edit_agenda


def agenda():
    items = [AgendaItem(minutes=m, title=t, goal_ids=g) for m, t, g in
             [(10, "Check-in", []), (20, "TikTok", ["g1"]), (15, "Wrap-up", [])]]  # fmt: skip
    return Agenda(title="S2", phase="middle", minutes=45, items=items)


@pytest.mark.parametrize(
    ("message", "has_agenda", "kind"),
    [
        ("Can you draft an agenda for session 3?", False, "agenda"),
        ("Help me prepare session 2", False, "agenda"),
        ("Give me some icebreakers about hierarchy", False, "starters"),
        ("shorten item 2", True, "refine"),
        ("more on power dynamics please", True, "refine"),
        ("shorten item 2", False, "answer"),
        ("How do I push back when my mentee dismisses TikTok?", True, "answer"),
    ],
)
def test_classify(message, has_agenda, kind):
    assert classify(message, has_agenda).kind == kind


def test_shorten_moves_minutes_to_the_other_items_and_keeps_the_total():
    edited = edit_agenda(agenda(), "shorten item 2 by 10 min")
    assert [i.minutes for i in edited.items][1] == 10
    assert sum(i.minutes for i in edited.items) == 45


def test_drop_keeps_the_goal_on_a_neighbour():
    edited = edit_agenda(agenda(), "drop item 2")
    assert [i.title for i in edited.items] == ["Check-in", "Wrap-up"]
    assert edited.items[1].goal_ids == ["g1"]
    assert sum(i.minutes for i in edited.items) == 45


def test_bad_edits_say_what_is_wrong():
    with pytest.raises(ValueError, match="no item 7"):
        edit_agenda(agenda(), "shorten item 7")
    assert edit_agenda(agenda(), "more on power dynamics") is None
