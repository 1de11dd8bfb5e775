"""Agenda exports: Markdown that escapes model text when asked, and a valid .ics event."""

from datetime import UTC, datetime

from coach.domain.agenda import Agenda, AgendaItem
from coach.domain.calendar import agenda_ics
from coach.domain.markdown import agenda_markdown, readable
from coach.domain.provenance import CitationRef, Provenance


def agenda(title="Session 2: dashboards, not printouts"):
    items = [AgendaItem(minutes=15, title="Check-in", prompts=["What changed; why?"]),
             AgendaItem(minutes=30, title="Build a chart " + "x" * 80)]  # fmt: skip
    return Agenda(title=title, phase="middle", minutes=45, items=items)


def test_markdown_has_a_time_table_and_escapes_model_text_when_asked():
    plain = agenda_markdown(agenda())
    assert "| 0–15 | Check-in |" in plain and "| 15–45 |" in plain
    hostile = agenda("![x](http://evil.example/a.png) <script>")
    shown = agenda_markdown(hostile, esc=lambda t: t.replace("!", "\\!").replace("<", "&lt;"))
    assert "# \\![x]" in shown and "<script>" not in shown


def test_ics_is_one_event_with_the_session_length_and_folded_lines():
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    start = datetime(2026, 11, 24, 10, tzinfo=UTC)
    text = agenda_ics(agenda(), start, "uid-1@flipside", now)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261124T100000Z" in lines and "DTEND:20261124T104500Z" in lines
    assert "SUMMARY:Session 2: dashboards\\, not printouts" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "What changed\\; why?" in unfolded


def test_an_item_names_its_goals_by_their_number_among_the_objectives():
    items = [AgendaItem(minutes=20, title="Rewrite an ad", goal_ids=["g2"]),
             AgendaItem(minutes=20, title="Both", goal_ids=["g1", "g2"]),
             AgendaItem(minutes=5, title="Other", goal_ids=["hiring"])]  # fmt: skip
    goals = ["Fairer ads", "Fewer drop-outs"]
    shown = agenda_markdown(
        Agenda(title="Session 3: hiring", phase="middle", minutes=45, objectives=goals, items=items)
    )
    assert "1. Fairer ads\n2. Fewer drop-outs" in shown
    assert "**1. Rewrite an ad** (20 min) — for goal 2" in shown
    assert "**2. Both** (20 min) — for goals 1, 2" in shown
    assert "— goals hiring" in shown


UNLISTED = ["first-session.md#leaving-with-a-next-date-0", "pair:pair-x#goals-0"]


def test_an_item_cites_its_source_by_number_and_the_sources_list_names_the_guide_section():
    meta = Provenance(prompt_id="agenda_item", prompt_version="4", model="m", citations=[
        CitationRef(id="closing-session.md#after-0", source="closing-session.md",
                    title="The closing session", section="Deciding what happens after"),
        CitationRef(id="setting-expectations.md#rhythm-0", source="setting-expectations.md",
                    title="Setting expectations", section="Rhythm"),
    ])  # fmt: skip
    items = [AgendaItem(minutes=20, title="What comes next",
                        citations=["setting-expectations.md#rhythm-0"]),
             AgendaItem(minutes=25, title="Both", citations=[
                 "closing-session.md#after-0", "setting-expectations.md#rhythm-0"]),
             AgendaItem(minutes=5, title="Unlisted", citations=UNLISTED)]  # fmt: skip
    shown = agenda_markdown(Agenda(title="T", phase="closing", minutes=50, items=items, meta=meta))
    assert "**1. What comes next** (20 min) — see source 2" in shown
    assert "**2. Both** (25 min) — see sources 1, 2" in shown
    # not in the list (an artifact shown without its sources): in words, not the raw id
    assert "— see *First session: leaving with a next date*, *your pair file: goals*" in shown
    assert "1. The closing session, Deciding what happens after\n2. Setting expectations" in shown
    assert "`closing-session.md#after-0`" not in shown


def test_a_passage_id_in_words_keeps_its_apostrophes_and_says_the_guide_once():
    assert readable("middle-sessions.md#middle-sessions-do-and-don-t-0") == (
        "Middle sessions: do and don't")  # fmt: skip
    assert readable("first-session.md#leaving-with-a-next-date-0") == (
        "First session: leaving with a next date")  # fmt: skip
