"""ReportService and ThemeService on the in-memory store: who may build the report, what the
files hold, and that future pulse and outcome figures render under the minimum group."""

import io
import re

import pytest
from pypdf import PdfReader

from coach.domain.audit import AuditEntry
from coach.domain.report import OutcomeChange, OutcomeSummary, PulseFigure, PulseSummary
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from coach.services.report import ReportService
from coach.services.themes import ThemeService, cluster
from tests.unit.evals.helpers import FakeEmbedder
from tests.unit.services.conftest import SECRETS, World

pytestmark = pytest.mark.unit

PULSE = PulseSummary((
    PulseFigure("2026-03", "mentor", "I could disagree openly", 3.8, 4),
    PulseFigure("2026-04", "mentor", "I could disagree openly", 2.6, 3),
    PulseFigure("2026-04", "mentee", "I was comfortable not knowing", 4.1, 2),
))  # fmt: skip
OUTCOMES = OutcomeSummary(
    (OutcomeChange("mentor", "overall", 23.0, 29.0, 6.0, 3.1, 8.9, 4),), "start to mid-point"
)


def services(world: World, **kw) -> tuple[ReportService, ThemeService]:
    themes = ThemeService(world.store, FakeEmbedder)
    return ReportService(world.store, themes, world.clock, **kw), themes


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_lead_and_an_admin_build_the_report_and_nobody_else(world: World):
    report, themes = services(world)
    for actor in (world.people["lead"], world.people["admin"], OPERATOR):
        assert report.build(actor, world.ids["program"]).participation.pairs == 2
        assert themes.themes(actor) == themes.themes(actor, world.ids["program"])
    for name in ("mentor", "mentee", "outsider", "former"):  # "former" is a deactivated lead
        with pytest.raises(PermissionDenied):
            report.build(world.people[name], world.ids["program"])
        with pytest.raises(PermissionDenied):
            themes.themes(world.people[name])


def test_building_the_report_is_audited_by_program_not_by_content(world: World):
    report, _ = services(world)
    report.build(world.people["lead"])  # the only program is the default
    with world.store.transaction(write=False) as tx:
        entries = [e for e in tx.find(AuditEntry) if e.resource == "program_report"]
    assert [(e.actor_id, e.resource_id) for e in entries] == [
        (world.people["lead"].id, world.ids["program"])
    ]


def test_an_unknown_program_is_a_clear_error(world: World):
    report, _ = services(world)
    with pytest.raises(UserError, match="no program"):
        report.build(world.people["lead"], "prg_missing")


def test_the_files_are_a_self_contained_page_and_a_pdf(world: World):
    report, _ = services(world)
    made = report.files(world.people["lead"])
    html = made.html.decode()
    for key in ("participation", "sessions", "stalled", "goals", "fit", "safety", "outcomes",
                "themes", "recommendations"):  # fmt: skip
        assert f'<section id="{key}">' in html
    assert "<svg" in html and "<style>" in html
    assert not re.search(r"<script|<link|<img|(src|href)=\"http|url\((?!#)", html)
    assert made.pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(made.pdf)).pages) >= 1
    text = pdf_text(made.pdf)
    assert "Participation and cadence against plan" in text and "Not collected yet" in text
    for secret in SECRETS.values():
        assert secret not in html and secret not in text


def test_pulse_and_outcome_figures_render_only_from_the_minimum_group(world: World):
    report, _ = services(world, pulse=lambda _who, _id: PULSE, outcomes=lambda _who, _id: OUTCOMES)
    made = report.files(world.people["lead"])
    html, text = made.html.decode(), pdf_text(made.pdf)
    assert "Pulse trend, mentors" in html and "+6.0 (+3.1 to +8.9)" in html
    assert "I could disagree openly" in text and "start to mid-point" in text
    assert "comfortable not knowing" not in html + text  # two pairs: below the minimum
    strict = services(world, min_group=5, pulse=lambda _who, _id: PULSE)[0]
    section = dict((s.key, s) for s in strict.files(world.people["lead"]).sections)["safety"]
    assert "fewer than 5 pairs" in section.lines[0] and not section.tables


def test_the_min_group_withholds_fit_counts(world: World):
    report, _ = services(world)  # two pairs in the world: below 3 on either side
    built = report.build(world.people["lead"])
    assert built.fit.sides == () and built.fit.withheld == ("mentee",)


def test_clustering_is_deterministic_and_groups_similar_vectors():
    embed = FakeEmbedder().embed
    texts = ["ground rules agreed", "ground rules confidentiality", "dashboard filters depot",
             "dashboard filters late", "ground rules honest feedback"]  # fmt: skip
    first = cluster(embed(texts))
    assert first == cluster(embed(texts)) and first[0] == first[1] == first[4] != first[2]
    assert cluster(embed([])) == [] and cluster(embed(["one"])) == [0]
