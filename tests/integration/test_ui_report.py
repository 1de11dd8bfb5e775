"""The lead's "Program report" download and the themes on the lead's tab, through the web app
(demo program, real store and sign-in, fake model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from pypdf import PdfReader

from tests.app_support import LEAD, MENTOR, PASSWORD, running_app

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("ui-report")) as running:
        yield running


def test_the_lead_downloads_an_html_and_a_pdf_report_without_private_text(app):
    lead = Client(app.url, auth=(LEAD, PASSWORD), verbose=False)
    files = [Path(f) for f in lead.predict(api_name="/program_report")]
    assert sorted(f.suffix for f in files) == [".html", ".pdf"]
    html = next(f for f in files if f.suffix == ".html").read_text(encoding="utf-8")
    pdf = next(f for f in files if f.suffix == ".pdf")
    assert "<svg" in html and "Participation" in html
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    mentor = app.services.users.signed_in(MENTOR)
    for reflection in app.services.reflections.mine(mentor):
        words = reflection.text.split()
        run = " ".join(words[:6])  # a run of six words from a private reflection
        assert run not in html and run not in text


def test_only_the_lead_may_download_it_and_the_snapshot_names_themes(app):
    mentor = Client(app.url, auth=(MENTOR, PASSWORD), verbose=False)
    with pytest.raises(AppError):
        mentor.predict(api_name="/program_report")
    lead = Client(app.url, auth=(LEAD, PASSWORD), verbose=False)
    snapshot = lead.predict(api_name="/program_snapshot")
    assert "Themes in" in snapshot and "(" in snapshot.split("Themes in")[1]
