"""The reset pages' pieces: the access log never shows a reset token, and pages escape names."""

from __future__ import annotations

import logging

import pytest

from coach.ui.reset_pages import HideResetTokens, new_password_page

pytestmark = pytest.mark.unit
TOKEN = "s3cr3t-Token_value-1234567890abcdefghijklmnopqrstu"


def test_the_access_log_line_hides_the_token():
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/reset?token={TOKEN}&x=1", "1.1", 200), None,
    )  # fmt: skip
    assert HideResetTokens().filter(record) is True
    line = record.getMessage()
    assert TOKEN not in line and "/reset?token=…&x=1" in line


def test_other_log_lines_pass_unchanged():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", ("/login",), None)
    HideResetTokens().filter(record)
    assert record.getMessage() == "/login"


def test_the_new_password_page_escapes_the_name_and_token():
    page = new_password_page('"><b>x', "<script>alert(1)</script>")
    text = page.body.decode()
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert 'value="&quot;&gt;&lt;b&gt;x"' in text
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"
