"""HTML and script in model output or in what people type is shown as text, never run."""

from __future__ import annotations

import pytest

from tests.app_support import MENTEE, MENTOR, RunningApp
from tests.e2e.test_roles import fill, pick, see

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")

PAYLOADS = (
    '<img src=x onerror="window.__xss = (window.__xss || 0) + 1">',
    "<script>window.__xss = (window.__xss || 0) + 1</script>",
    '<svg onload="window.__xss = (window.__xss || 0) + 1"></svg>',
    "[open the guide](javascript:window.__xss=(window.__xss||0)+1)",
)
HOSTILE = "Hostile answer, rules first [1]. " + " ".join(PAYLOADS)


def watch(page) -> list[str]:
    """Collect every alert/confirm the page opens; there must be none."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def nothing_ran(page, scope, dialogs: list[str]) -> None:
    assert page.evaluate("window.__xss") is None, "a payload ran in the browser"
    assert dialogs == []
    assert scope.locator("script, svg[onload], img[onerror]").count() == 0
    assert scope.locator("a[href^='javascript:']").count() == 0


def test_html_and_script_in_a_model_answer_are_not_run(signed_in, app: RunningApp):
    page = signed_in(MENTOR)
    dialogs = watch(page)
    pick(page, "Pair you mentor", "Harold Brandt")
    app.model.replies.appendleft(HOSTILE)
    calls = len(app.model.calls)
    box = page.get_by_placeholder("Type a message...")
    box.fill("How do I open our first session?")
    box.press("Enter")
    chat = page.locator("#mentor-chat")
    see(chat, "Hostile answer, rules first")
    assert len(app.model.calls) == calls + 1, "one model call, answered with the hostile reply"
    page.wait_for_timeout(500)  # give an onerror/onload handler the chance to fire
    nothing_ran(page, chat, dialogs)


def test_html_typed_into_a_reflection_is_shown_as_text(signed_in):
    page = signed_in(MENTEE)
    dialogs = watch(page)
    page.locator("#reflect-pair").get_by_label("Pair").wait_for()
    fill(page, "reflect-learned", "Hostile test " + " ".join(PAYLOADS))
    page.locator("#save-reflection").click()
    see(page.locator("#reflection-saved"), "Only you can read it")
    table = page.locator("#my-reflections")
    see(table, "Hostile test")
    page.wait_for_timeout(500)
    nothing_ran(page, table, dialogs)


def test_html_and_script_in_a_guide_are_not_run_where_sources_show(
    signed_in, app: RunningApp, tmp_path
):
    guide = tmp_path / "zz-hostile-guide.md"
    guide.write_text(
        "---\ntitle: Quokka onboarding ritual\ntopics: [onboarding]\naudience: mentor\n"
        "phase: any\n---\n# Quokka onboarding ritual\n\nThe quokka onboarding ritual starts "
        "every pairing with a shared breakfast. " + " ".join(PAYLOADS) + "\n",
        encoding="utf-8",
    )
    report = app.services.ingest.ingest([guide])
    assert report.counts().get("added") == 1
    try:
        page = signed_in(MENTOR)
        dialogs = watch(page)
        pick(page, "Pair you mentor", "Harold Brandt")
        box = page.get_by_placeholder("Type a message...")
        box.fill("What is the quokka onboarding ritual?")
        box.press("Enter")
        chat = page.locator("#mentor-chat")
        see(chat, "zz-hostile-guide.md")
        for details in chat.locator("details").all():
            details.evaluate("d => d.open = true")  # show the passage text itself
        see(chat, "shared breakfast")  # the hostile passage is on the page
        page.wait_for_timeout(500)
        nothing_ran(page, chat, dialogs)
    finally:
        app.services.index.delete_source(guide.name)
