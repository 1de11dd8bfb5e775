"""The lead, in chromium: the themes on the tab are cluster labels with counts, and the program
report downloads with its participation, safety and outcome sections and a chart."""

from __future__ import annotations

import re
from pathlib import Path

from tests.app_support import LEAD, RunningApp
from tests.e2e.test_roles import see


def test_the_lead_sees_theme_clusters_and_downloads_the_report(
    signed_in, app: RunningApp, shots: Path, tmp_path: Path
):
    page = signed_in(LEAD)
    snapshot = page.locator("#lead-snapshot")
    see(snapshot, "Themes in")
    lead = app.services.users.signed_in(LEAD)
    themes = app.services.themes.themes(lead)
    assert themes, "the demo shares summaries with the program"
    shown = snapshot.inner_text()
    for theme in themes:  # each cluster's label with the number of summaries in it
        assert f"{theme.label} ({theme.count})" in shown
    listed = re.findall(r"\((\d+)\)", shown.split("Themes in")[1])
    assert len(listed) == len(themes)  # no word-count list beside the clusters

    page.locator("#program-report").click()
    links = page.locator("#report-files a")
    links.first.wait_for()
    listed = page.locator("#report-files").inner_text().replace("\n", "")
    assert "report.html" in listed and "report.pdf" in listed, listed
    html_link = page.locator('#report-files a[href$=".html"]').first
    with page.expect_download() as download:
        html_link.click()
    saved = tmp_path / "report.html"
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    for section in ("participation", "safety", "outcomes"):
        assert f'id="{section}"' in html, section
    assert "<svg" in html  # charts are inline, the file stands alone
    page.screenshot(path=shots / "lead-report.png")
