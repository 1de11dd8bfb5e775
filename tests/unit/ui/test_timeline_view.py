"""The timeline on screen: every text escaped, every paragraph sentence linked to its entry."""

from __future__ import annotations

import re

import pytest

from coach.domain.timeline import Paragraph, TimelineSentence, build
from coach.ui.timeline import EMPTY, paragraph_html, timeline_html
from tests.unit.domain.test_timeline import ENTRIES, ME, SESSIONS, action, goal, summary

pytestmark = pytest.mark.unit
HOSTILE = "<img src=x onerror=alert(1)> [link](https://evil.example)"


def test_each_entry_has_its_anchor_and_escaped_text():
    entries = build(ME, [(summary("s1", 1), HOSTILE)], SESSIONS, [goal(moved_day=3)],
                    [action(closed_day=2, text="<b>bold</b>")])  # fmt: skip
    page = timeline_html(entries)
    assert 'id="timeline-s1"' in page and "Session 1" in page
    assert "<img" not in page and "&lt;img" in page and "&lt;b&gt;bold" in page
    assert "Read the dashboard (50%)" in page and "Actions I closed" in page
    assert timeline_html([]) == EMPTY


def test_every_sentence_of_the_paragraph_links_to_an_entry_on_the_page():
    paragraph = Paragraph((TimelineSentence("I wanted <script>printouts</script>.", (1,)),
                           TimelineSentence("Now I ask.", (1, 3))), fallback=False)  # fmt: skip
    text = paragraph_html(paragraph)
    sentences = re.findall(r'<span class="timeline-sentence">(.*?)</span>', text)
    assert len(sentences) == 2 and "<script>" not in text
    anchors = set(re.findall(r'id="(timeline-s\d+)"', timeline_html(ENTRIES)))
    for sentence in sentences:
        links = re.findall(r'href="#(timeline-s\d+)"', sentence)
        assert links and set(links) <= anchors
    assert "Written by rules" in paragraph_html(Paragraph(paragraph.sentences, fallback=True))
