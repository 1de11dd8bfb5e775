"""The README's four role screens, taken with the embedded model in chromium.

Each role signs in and does what its screen shows, answered by the real local model
(temperature 0, seed 7): the mentor asks the coach (a first-session question, answered from the
coaching library as shipped, then one only the model can answer), the mentee has a reflection
summarised,
the lead reads the program's figures, the admin measures the model on the Stack tab. Screens
are saved as <role>.png (docs/screenshots with `make screenshots`).

It asserts what code guarantees (an answer or summary arrived, written by the model and not
by the rules, and no error shows), never the model's wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.domain.summaries import ConsentState
from tests.app_support import ADMIN, LEAD, MENTEE, MENTOR, RunningApp, real_running_app
from tests.e2e.test_roles import fill, pick, see, see_pair_health

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]
WAIT = 240_000  # ms: an answer or a summary takes 10-40 s on 2 idle cores, longer on busy ones
QUESTION = "How do I open our first session with a senior VP without freezing?"
MODEL_QUESTION = "Which dashboards should I show Harold about depot performance?"  # none of ours


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    with real_running_app(tmp_path_factory.mktemp("e2e-real-roles")) as running:
        yield running


def settled(page) -> None:
    """Wait until no component shows Gradio's progress ("processing | 3.2s")."""
    page.locator(".progress-text").filter(visible=True).first.wait_for(state="hidden")


def test_the_mentor_asks_the_coach_and_the_model_answers(signed_in, shots: Path):
    page = signed_in(MENTOR)
    page.set_default_timeout(WAIT)
    pick(page, "Pair you mentor", "Harold Brandt")
    see(page.locator("#mentor-overview"), "Priya Nair (mentor) and Harold Brandt (mentee)")
    # The chat's box by node: its placeholder goes once the chat holds a message.
    box = page.get_by_placeholder("Type a message...").element_handle()
    chat = page.locator("#mentor-chat")
    box.fill(QUESTION)
    box.press("Enter")
    see(chat, "Try saying")  # the library's answer comes whole, at once
    settled(page)
    sources = chat.locator("details").count()
    box.fill(MODEL_QUESTION)
    box.press("Enter")
    # The passages come with the model's finished answer, as markup its text cannot make.
    page.wait_for_function(
        f"() => document.querySelectorAll('#mentor-chat details').length > {sources}",
        timeout=WAIT,
    )
    settled(page)
    shown = chat.inner_text()
    library, model = shown.split(QUESTION)[-1].split(MODEL_QUESTION)
    assert "Try saying" in library  # the coaching library's answer to a question it knows
    assert model.split("Sources")[0].strip(), "the model wrote an answer"
    assert "Try saying" not in model and "⚠️" not in shown
    # The question and the start of its answer, at the top of the screen.
    chat.evaluate(
        """chat => {
            chat.scrollIntoView();
            window.scrollBy(0, -60);
            for (const el of chat.querySelectorAll("*")) el.scrollTop = 0;
        }"""
    )
    settled(page)
    page.screenshot(path=shots / "mentor.png")


def test_the_mentee_reflects_and_the_model_summarises_it(signed_in, app: RunningApp, shots: Path):
    page = signed_in(MENTEE)
    page.set_default_timeout(WAIT)
    page.locator("#reflect-pair").get_by_label("Pair").wait_for()
    see(page.locator("#my-reflections"), "I expected a tutorial")
    fill(page, "reflect-learned", "Priya reads the depot data faster than my analysts.")
    fill(page, "reflect-try", "Open Monday's dashboard myself before asking for a printout.")
    fill(page, "reflect-dynamic", "Easier than last time; I asked more than I told.")
    page.locator("#save-reflection").click()
    see(page.locator("#reflection-saved"), "Only you can read it")
    page.locator("#draft-summary").click()
    status = page.locator("#summary-status")
    see(status, "Drafted from your reflection")
    assert "built by rules" not in status.inner_text(), "the model wrote the summary"
    see(page.locator("#summary-coaching"), "Reflection summary")
    see(page.locator("#summary-evidence"), "Priya reads the depot data")  # the reflection, marked
    me = app.services.users.signed_in(MENTEE)
    pair = app.services.pairs.list(me)[0].pair.id
    drafted = max(app.services.summaries.for_pair(me, pair), key=lambda v: v.summary.updated_at)
    assert drafted.summary.state is ConsentState.DRAFT
    pick(page, "Summary", "· draft ·")  # the new draft, open to correct
    see(page.locator("#summary-state"), "draft")
    text = page.locator("#summary-text textarea")
    page.wait_for_function("box => box.value.length > 0", arg=text.element_handle())
    assert text.input_value() == drafted.text
    settled(page)
    page.get_by_role("heading", name="Summaries", exact=True).evaluate("h => h.scrollIntoView()")
    page.screenshot(path=shots / "mentee.png")


def test_the_lead_sees_the_pairs_and_the_themes(signed_in, app: RunningApp, shots: Path):
    page = signed_in(LEAD)
    page.set_default_timeout(WAIT)
    see_pair_health(page, app)
    # The demo shares summaries with the program: the snapshot names their themes.
    snapshot = page.locator("#lead-snapshot").inner_text()
    assert "Themes in" in snapshot and "nothing shared" not in snapshot
    settled(page)
    page.screenshot(path=shots / "lead.png")


def test_the_admin_measures_the_model(signed_in, shots: Path):
    page = signed_in(ADMIN)
    page.set_default_timeout(WAIT)
    page.get_by_role("tab", name="Stack").click()
    page.get_by_label("Also start and measure the model").check()
    page.get_by_role("button", name="Check the stack").click()
    # Written only when the model answered the timed request.
    measured = page.get_by_text("tokens/s generation").filter(visible=True).first
    measured.wait_for()
    settled(page)
    measured.scroll_into_view_if_needed()
    page.screenshot(path=shots / "admin.png")
