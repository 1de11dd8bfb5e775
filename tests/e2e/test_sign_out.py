"""Signing out leaves no private text in the browser: chromium, the real app and login page."""

from __future__ import annotations

import uuid

import pytest

from tests.app_support import MENTEE
from tests.e2e.test_roles import fill, see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
STORAGE = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"


def test_no_reflection_text_stays_in_browser_storage_after_sign_out(signed_in):
    canary = f"Canary {uuid.uuid4().hex[:10]}: I was nervous about the dashboards."
    page = signed_in(MENTEE)
    page.locator("#reflect-pair").get_by_label("Pair").wait_for()
    fill(page, "reflect-learned", canary)
    page.locator("#save-reflection").click()
    see(page.locator("#reflection-saved"), "Only you can read it")
    see(page.locator("#my-reflections"), canary[:20])
    # Plant the kind of residue Gradio's run history used to leave, to prove it is cleared.
    page.evaluate("text => localStorage.setItem('planted-run', text)", canary)
    assert canary in page.evaluate(STORAGE)
    page.locator("#sign-out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    assert page.url.endswith("/login")
    stored = page.evaluate(STORAGE)
    assert canary not in stored and canary[:20] not in stored, stored[:500]
    cookies = page.context.cookies()
    assert not [c for c in cookies if c["name"] == "flipside_session"]
