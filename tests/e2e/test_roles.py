"""Each role signs in through the real login page and does its main task in chromium.

The fake model answers here; the README's screens of these roles come from the embedded model
(test_role_screens_real.py).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from coach.domain.summaries import ConsentState
from tests.app_support import ADMIN, ANSWER, LEAD, MENTEE, MENTOR, RunningApp
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


def pick(page, label: str, option: str) -> None:
    """Choose ``option`` (a substring) in the Gradio dropdown labelled ``label``."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()


def see(scope, text: str) -> None:
    """Wait until ``text`` shows inside ``scope`` (tables keep hidden copies of their cells)."""
    scope.get_by_text(text).filter(visible=True).first.wait_for()


def fill(page, elem_id: str, text: str) -> None:
    page.locator(f"#{elem_id} textarea, #{elem_id} input").first.fill(text)


def see_pair_health(page, app: RunningApp) -> None:
    """The lead's tab shows every demo pair's health and the program snapshot."""
    assert page.get_by_role("tab").all_inner_texts() == ["Program lead", "My account"]
    table = page.locator("#pair-health")
    see(table, "Aisha Bello & Dr Werner Albrecht")
    names = [
        f"{r.mentor} & {r.mentee}"
        for r in app.services.health.table(app.services.users.signed_in(LEAD))
    ]
    assert len(names) == 6
    for name in names:
        see(table, name)
    see(page.locator("#lead-snapshot"), "pairs are meeting")


def test_the_mentor_picks_the_pair_and_asks_the_coach(signed_in, app: RunningApp):
    page = signed_in(MENTOR)
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["Mentor", "Reflect & summaries", "My account"]
    pick(page, "Pair you mentor", "Harold Brandt")
    overview = page.locator("#mentor-overview")
    overview.get_by_text("Priya Nair (mentor) and Harold Brandt (mentee)").wait_for()
    assert "Open action items" in overview.inner_text()
    before = len(app.model.calls)
    page.locator("#prepare-button").click()
    see(page.locator("#agenda-view"), "minutes")
    see(page.locator("#starters-view"), "Power dynamics")
    # The check-in question about the last session is the only model call: a try and a repair
    # (a reply that is no JSON is not asked again), then our own question. The blocks are our
    # patterns' own text (COACH_AGENDA_ADAPT is off) and the starters library templates, so
    # the fake model's failure makes no rule-built fallback of the agenda.
    see(page.locator("#prepare-status"), "Kept with the pair")
    assert "built by rules" not in page.locator("#prepare-status").inner_text()
    assert len(app.model.calls) - before == 2
    # The overview lists open action items (asserted above), so the agenda reviews them.
    see(page.locator("#agenda-view"), "Review open action items")
    page.locator("#edit-agenda").click()
    see(page.locator("#agenda-editor"), "Review open action items")
    page.locator("#save-agenda").click()
    see(page.locator("#prepare-status"), "Saved (")
    calls = len(app.model.calls)
    box = page.get_by_placeholder("Type a message...")
    box.fill("How do I open our first session with a senior VP?")
    box.press("Enter")
    chat = page.locator("#mentor-chat")
    see(chat, ANSWER.split(" [")[0])
    see(chat, "first-session.md")
    assert len(app.model.calls) == calls + 1
    assert "senior VP" in app.model.calls[-1][-1].content  # the question reached the model


def test_the_mentee_saves_a_reflection_and_shares_a_summary(signed_in, app: RunningApp):
    page = signed_in(MENTEE)
    assert page.get_by_role("tab").all_inner_texts() == ["Reflect & summaries", "My account"]
    page.locator("#reflect-pair").get_by_label("Pair").wait_for()
    see(page.locator("#my-reflections"), "I expected a tutorial")
    fill(page, "reflect-learned", "Priya reads the depot data faster than my analysts.")
    fill(page, "reflect-dynamic", "Easier than last time; I asked more than I told.")
    page.locator("#save-reflection").click()
    see(page.locator("#reflection-saved"), "Only you can read it")
    see(page.locator("#my-reflections"), "Priya reads the depot data")
    me = app.services.users.signed_in(MENTEE)
    assert "depot data faster" in app.services.reflections.mine(me)[-1].text
    assert page.locator("#reflect-learned textarea").input_value() == ""
    cell = page.locator("#my-reflections").get_by_text("Priya reads the depot data")
    cell.filter(visible=True).first.click()  # a row click opens the full text
    full = page.get_by_label("Full text")
    page.wait_for_function(
        "el => el.value.includes('How the dynamic felt')", arg=full.element_handle()
    )

    text = "Session seven: I will let Priya run Monday's dashboard review herself."
    fill(page, "summary-text", text)
    page.get_by_role("button", name="Save as a new draft").click()
    see(page.locator("#summary-status"), "Saved as a new draft")
    pick(page, "Summary", "Session seven")
    see(page.locator("#summary-state"), "draft")
    page.locator("#approve_summary").click()
    see(page.locator("#summary-state"), "approved")
    page.locator("#share_summary_with_partner").click()
    see(page.locator("#summary-state"), "shared with your partner")
    pair = app.services.pairs.list(me)[0].pair.id
    [view] = [v for v in app.services.summaries.for_pair(me, pair) if v.text == text]
    assert view.summary.state is ConsentState.SHARED_PARTNER


def test_the_lead_sees_the_pairs_and_exports_csv(signed_in, app: RunningApp, tmp_path: Path):
    page = signed_in(LEAD)
    see_pair_health(page, app)
    page.locator("#export-csv").click()
    link = page.locator("#csv-file a").first
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert (
        len(rows) == 6 and "stalled" in rows[0] and "Harold Brandt" in {r["mentee"] for r in rows}
    )


def test_the_admin_adds_a_user_and_uploads_a_guide(signed_in, app: RunningApp, tmp_path: Path):
    page = signed_in(ADMIN)
    assert page.get_by_role("tab").all_inner_texts()[:1] == ["Admin"]
    see(page.locator("#users-table"), "morgan.ellis")
    fill(page, "new-username", "nadia.haddad")
    fill(page, "new-name", "Nadia Haddad")
    page.locator("#add-user").click()
    see(page.locator("#user-status"), "Password, shown once")
    see(page.locator("#users-table"), "nadia.haddad")
    assert app.services.users.signed_in("nadia.haddad").display_name == "Nadia Haddad"

    guide = tmp_path / "induction-notes.md"
    guide.write_text("# Induction notes\n\n## Pairing\n\nMeet your partner within a week.\n")
    page.get_by_role("tab", name="Guides").click()
    page.locator("#guide-files input[type=file]").set_input_files(str(guide))
    see(page.locator("#guide-files"), "induction-notes.md")
    page.locator("#upload").click()
    results = page.locator("#ingest-results")
    see(results, "added")
    assert "induction-notes.md" in results.inner_text()
    sources = [
        e.source for e in app.services.catalogue.entries(app.services.users.signed_in(ADMIN))
    ]
    assert "induction-notes.md" in sources


def test_errors_reach_the_user_as_readable_messages(signed_in, app: RunningApp):
    """A move the services refuse (sharing a draft straight with the program) comes back as
    one readable sentence: no traceback, and none of the summary's private text."""
    harold = app.services.users.signed_in(MENTEE)
    pair = app.services.pairs.list(harold)[0].pair.id
    secret = "Draft only: I still doubt the depot managers trust the dashboard numbers."
    app.services.summaries.draft(harold, pair, secret)
    page = signed_in(MENTEE)
    row = page.locator("#my-summaries").get_by_text("Draft only").filter(visible=True).first
    row.click()  # a row click picks the summary
    see(page.locator("#summary-state"), "draft")
    page.locator("#share_summary_with_program").click()
    toast = page.locator(".toast-body").first
    see(toast, "only to the next state")
    assert secret not in toast.inner_text() and secret[12:40] not in toast.inner_text()
    assert "Traceback" not in toast.inner_text()


@pytest.mark.parametrize(
    ("username", "main"),
    [(MENTOR, "#mentor-chat"), (MENTEE, "#save-reflection"), (LEAD, "#pair-health")],
)
def test_phone_width_has_no_sideways_scrolling(signed_in, username, main):
    page = signed_in(username, viewport=PHONE)
    target = page.locator(main)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{username}: the page is {width}px wide on a phone"
