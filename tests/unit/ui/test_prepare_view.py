"""The Prepare panel's HTML: the agenda once, starters as cards, and no model text as markup."""

from __future__ import annotations

import re

import pytest

from coach.domain.agenda import Agenda, AgendaItem
from coach.domain.starters import Starter, StarterSet
from coach.ui.prepare_view import (
    EDITED,
    agenda_html,
    esc,
    partial_agenda_html,
    starter_card,
    starters_html,
)

HOSTILE = (
    '<img src=x onerror="alert(1)"> <script>alert(2)</script> '
    "[link](javascript:alert(3)) ${alert(4)} {{constructor}} & \"quoted\" 'single'"
)


def agenda(title: str = "Session 2: dashboards", text: str = "Walk the dashboard") -> Agenda:
    items = [
        AgendaItem(minutes=10, title="Check-in", purpose="How was the week?",
                   prompts=["What changed?"]),
        AgendaItem(minutes=35, title=text, purpose=text, prompts=[text, "  "]),
    ]  # fmt: skip
    return Agenda(title=title, phase="middle", phase_reason=text, minutes=45, items=items,
                  objectives=[text], next_steps=[text])  # fmt: skip


def starter(text: str = "What would you change first?", **extra) -> Starter:
    fields = {"category": "power_dynamics", "asked_by": "mentee", "depth": "brave",
              "rationale": "Makes the hierarchy discussable."} | extra  # fmt: skip
    return Starter(text=text, **fields)


def tags(html_text: str) -> list[str]:
    """Every tag name in ``html_text``."""
    return re.findall(r"<\s*([a-zA-Z0-9]+)", html_text)


def test_the_agenda_shows_each_item_once_on_the_clock_with_its_questions():
    shown = agenda_html(agenda(), EDITED)
    assert shown.count("Walk the dashboard</h4>") == 1
    assert "0–10" in shown and "10–45" in shown and "45 minutes" in shown
    assert "What changed?" in shown and "<li>  </li>" not in shown, "blank questions are dropped"
    assert esc(EDITED) in shown


def test_a_starter_card_says_who_asks_how_deep_and_what_about():
    card = starter_card(starter())
    assert "Mentee asks" in card and "Brave" in card and "Power dynamics" in card
    assert "What would you change first?" in card and "Why: Makes the hierarchy" in card
    assert card.startswith('<article class="flip-card flip-depth-brave">')
    cards = starters_html(StarterSet(starters=[starter(), starter("Second?", depth="deeper")]))
    assert cards.count('class="flip-card ') == 2 and "Deeper" in cards


@pytest.mark.parametrize("render", [
    lambda t: agenda_html(agenda(t, t)),
    lambda t: partial_agenda_html(agenda(t, t).items),
    lambda t: starters_html([starter(t, rationale=t)]),
])  # fmt: skip
def test_model_text_never_becomes_markup(render):
    shown = render(HOSTILE)
    assert set(tags(shown)) <= {"div", "header", "p", "h3", "h4", "ol", "ul", "li", "span",
                                "br", "small", "aside", "section", "article"}  # fmt: skip
    assert "<script" not in shown and "<img" not in shown and 'onerror="' not in shown
    assert "&lt;script&gt;" in shown and "&quot;quoted&quot;" in shown and "&#x27;" in shown


def test_a_partial_agenda_shows_the_items_so_far_and_says_it_is_not_done():
    items = agenda().items
    writing = partial_agenda_html(items[:1])
    assert "Writing the agenda… 1 item so far" in writing and "Check-in" in writing
    assert "Walk the dashboard" not in writing
    done = partial_agenda_html(items, done=True)
    assert "2 items written" in done and done.count("</h4>") == 2
    assert "Writing" not in done
