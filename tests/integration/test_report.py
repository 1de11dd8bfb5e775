"""The program report end to end: SQLite, the real MiniLM embedder, matplotlib and pypdf.

- Privacy: a program seeded with canary sentences in every private place (reflections, fit
  reasons, goals, action items, summaries never shared with the program, one withdrawn and
  one revised after sharing) gives a report whose HTML and PDF hold no run of 6 words from
  any of them, while the shared summaries still form a named theme.
- The demo: after the demo loads, `coach report --out DIR` writes both files, with the
  participation, safety and outcome sections and charts (the demo's pulses and
  self-assessments, pooled), and nothing private from the export, pulse notes included.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, time, timedelta
from html import unescape

import pytest
from pypdf import PdfReader

from coach.cli import main
from coach.services.access import OPERATOR
from coach.services.demo import DemoLoader, MovableClock
from coach.services.pairs import PairService
from coach.services.passwords import Passwords
from coach.services.plans import PlanService
from coach.services.programs import ProgramService
from coach.services.reflections import ReflectionService
from coach.services.sessions import SessionService
from coach.services.snapshots import collect
from coach.services.summaries import SummaryService
from coach.services.users import UserService
from tests.app_support import PASSWORD, fake_services

RUN = 6  # no run of this many words from a private text may appear
SHARED = (  # shared with the program by three pairs: one theme
    "We agreed ground rules for honest feedback and kept our conversations confidential.",
    "Ground rules first: honest feedback both ways, and what we say stays confidential.",
    "We set ground rules on confidentiality and on giving each other honest feedback.",
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def html_text(html: str) -> str:
    """Every word of the page, chart labels included (the SVGs keep text as text)."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    return "\n".join(page.extract_text() for page in reader.pages)


def leaked(private: list[str], public: list[str], report: str) -> set[tuple[str, ...]]:
    """Runs of private text found in the report, except runs that the public texts (what was
    shared with the program) hold as well."""
    allowed = set().union(*(runs(t) for t in public)) if public else set()
    secret = set().union(*(runs(t) for t in private)) - allowed
    return secret & runs(report)


class Seeder:
    """Services on one movable clock over the test's SQLite store."""

    def __init__(self, store, today: date) -> None:
        self.today = today
        self.clock = MovableClock(self.at(-100))
        self.users = UserService(store, Passwords.fast(), self.clock)
        self.programs = ProgramService(store, self.clock)
        self.pairs = PairService(store, self.clock)
        self.plans = PlanService(store, self.clock)
        self.sessions = SessionService(store, self.clock)
        self.reflections = ReflectionService(store, self.clock)
        self.summaries = SummaryService(store, self.clock)

    def at(self, day: int, hour: int = 10) -> datetime:
        return datetime.combine(self.today + timedelta(days=day), time(hour), tzinfo=UTC)

    def share(self, author, pair_id: str, text: str, session_id: str, upto: str):
        summary = self.summaries.draft(author, pair_id, text, session_id)
        for step in ("approved", "shared_partner", "shared_program"):
            if summary.state.value == upto:
                break
            summary = self.summaries.move(author, summary.id, step)
        return summary


def seed_canaries(services) -> tuple[list[str], list[str]]:
    """Four pairs with private text everywhere; returns (private texts, shared texts)."""
    s = Seeder(services.store, datetime.now(UTC).date())
    private, shared = [], []
    s.users.add(OPERATOR, "lead", "lead", PASSWORD, "Lena Lead")
    program = s.programs.add(OPERATOR, "Pilot cohort", s.at(-90).date(), s.at(90).date())
    for i in range(4):
        mentor = s.users.add(OPERATOR, f"mentor{i}", "participant", PASSWORD, f"Mina Tor{i}")
        mentee = s.users.add(OPERATOR, f"mentee{i}", "participant", PASSWORD, f"Sen Ior{i}")
        s.clock.now = s.at(-95)
        pair = s.pairs.add(OPERATOR, mentor.id, mentee.id, program.id).pair
        sessions = []
        for day in (-80, -66, -52)[: 1 if i == 3 else 3]:
            s.clock.now = s.at(day - 5)
            session = s.sessions.schedule(mentee, pair.id, s.at(day, 15))
            s.clock.now = s.at(day, 16)
            sessions.append(s.sessions.mark(mentor, session.id, "held"))
        s.clock.now = s.at(-50)
        texts = {
            "reflection": f"Canary {i} reflection: I feel like a token here and my senior "
            f"checks his phone whenever I speak about the roadmap number {i}.",
            "mentee reflection": f"Canary {i} mentee note: honestly I only joined because "
            f"the board asked for a diversity slide in quarter {i}.",
            "fit": f"Canary {i} fit reason: our calendars never line up and I doubt "
            f"the value of this match for department {i}.",
            "goal": f"Canary {i} goal: learn the hidden reorganisation plan before "
            f"anyone else in division {i}.",
            "action": f"Canary {i} action: forward the confidential salary spreadsheet "
            f"to the mentor by friday {i}.",
            "draft": f"Canary {i} draft summary: we argued about layoffs in the "
            f"warehouse and nobody must know {i}.",
            "approved": f"Canary {i} approved summary: my mentee admitted he distrusts "
            f"the new finance director {i}.",
            "partner": f"Canary {i} partner summary: we talked about my burnout and "
            f"the sick leave I took in spring {i}.",
        }
        s.reflections.write(mentor, pair.id, texts["reflection"], sessions[0].id)
        s.reflections.write(mentee, pair.id, texts["mentee reflection"], sessions[0].id)
        s.sessions.answer_fit(mentor, pair.id, "not_a_good_fit", texts["fit"])
        s.sessions.answer_fit(mentee, pair.id, "good_fit", texts["fit"] + " Mentee side.")
        s.plans.add_goal(mentee, pair.id, texts["goal"], "Knows the plan")
        s.plans.add_action(mentor, pair.id, texts["action"])
        s.share(mentor, pair.id, texts["draft"], sessions[0].id, "draft")
        s.share(mentee, pair.id, texts["approved"], sessions[0].id, "approved")
        s.share(mentor, pair.id, texts["partner"], sessions[0].id, "shared_partner")
        if i < 3:
            s.share(mentee, pair.id, SHARED[i], sessions[-1].id, "shared_program")
            shared.append(SHARED[i])
        withdrawn = s.share(mentor, pair.id, f"Canary {i} withdrawn summary: I regret telling "
                            f"the lead about the merger rumours {i}.", sessions[0].id,
                            "shared_program")  # fmt: skip
        s.summaries.move(mentor, withdrawn.id, "shared_partner")
        revised = s.share(mentee, pair.id, f"Canary {i} first text: the audit found errors "
                          f"in my own expense claims {i}.", sessions[0].id,
                          "shared_program")  # fmt: skip
        s.summaries.revise(mentee, revised.id, f"Canary {i} second text, not yet shared: the "
                           f"audit committee will hear about it {i}.")  # fmt: skip
        private += list(texts.values()) + [texts["fit"] + " Mentee side."]
        private += [f"Canary {i} withdrawn summary: I regret telling the lead about the merger "
                    f"rumours {i}.", f"Canary {i} first text: the audit found errors in my own "
                    f"expense claims {i}.", f"Canary {i} second text, not yet shared: the audit "
                    f"committee will hear about it {i}."]  # fmt: skip
    return private, shared


@pytest.fixture
def canary_services(tmp_path):
    services, _model = fake_services(tmp_path)
    try:
        yield services, *seed_canaries(services)
    finally:
        services.close()


def test_no_private_text_reaches_the_report(canary_services):
    services, private, shared = canary_services
    lead = services.users.signed_in("lead")
    made = services.report.files(lead)
    html, pdf = html_text(made.html.decode()), pdf_text(made.pdf)
    report = services.report.build(lead)
    named = [t for t in report.themes if not t.other]
    assert named and named[0].count == 3 and named[0].pairs == 3  # the shared ones, as a theme
    print("theme label:", named[0].label)
    assert named[0].label in html and named[0].label in pdf
    assert "Tor" not in named[0].label and "Ior" not in named[0].label
    assert "Mina Tor3 & Sen Ior3" in html  # the stalled pair, labelled as on the lead's tab
    assert "Mina Tor3 & Sen Ior3" in pdf  # and the PDF's text is really read back
    assert leaked(private, [], f"{html} {private[0]}")  # the check itself can fail
    assert not leaked(private, [], html)
    assert not leaked(private, [], pdf)
    assert "canary" not in words(html) + words(pdf)
    themes = services.themes.themes(lead)
    assert themes == list(report.themes) and sum(t.count for t in themes) == len(shared)


def test_the_demo_report_has_its_sections_charts_and_nothing_private(tmp_path, monkeypatch, capsys):
    services, _model = fake_services(tmp_path)
    DemoLoader(services.store, Passwords.fast()).load(PASSWORD)
    monkeypatch.setattr("coach.cli_report.cli_services", lambda: services)
    out = tmp_path / "report"
    assert main(["report", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "report.html" in printed and "sections: summary, recommendations" in printed
    html = (out / "report.html").read_text(encoding="utf-8")
    for key in ("participation", "safety", "outcomes"):
        assert f'<section id="{key}">' in html
    assert html.count("<svg") >= 3 and "Not collected yet" not in html
    safety = html.split('<section id="safety">')[1].split("</section>")[0]
    assert "Pulse trend" in safety and "<svg" in safety  # the demo's pulses, pooled
    outcomes = html.split('<section id="outcomes">')[1].split("</section>")[0]
    assert "start to mid-point" in outcomes and "<svg" in outcomes
    pdf = pdf_text((out / "report.pdf").read_bytes())
    assert "Participation and cadence against plan" in pdf

    tables = collect(services.store)["tables"]
    program_shared = {s["id"] for s in tables["summaries"] if s["state"] == "shared_program"}
    current = {(s["id"], s["current_version"]) for s in tables["summaries"]}
    shared, private = [], [r["text"] for r in tables["reflections"]]
    for v in tables["summary_versions"]:
        is_shared = v["summary_id"] in program_shared and (v["summary_id"], v["number"]) in current
        (shared if is_shared else private).append(v["text"])
    private += [f["private_reason"] for f in tables["fit_responses"] if f["private_reason"]]
    private += [g["text"] for g in tables["goals"]] + [a["text"] for a in tables["action_items"]]
    notes = [p["note"] for p in tables["pulse_answers"] if p["note"]]
    assert len(notes) >= 2  # the demo's private pulse notes are among what must not show
    private += notes
    assert len(private) > 20 and shared
    assert not leaked(private, shared, html_text(html))
    assert not leaked(private, shared, pdf)


def test_with_two_programs_the_command_asks_which(tmp_path, monkeypatch, capsys):
    services, _model = fake_services(tmp_path)
    DemoLoader(services.store, Passwords.fast()).load(PASSWORD)
    ProgramService(services.store).add(OPERATOR, "Second", date(2026, 1, 1), date(2026, 6, 1))
    monkeypatch.setattr("coach.cli_report.cli_services", lambda: services)
    assert main(["report", "--out", str(tmp_path / "r")]) == 2
    assert "name the program" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "r"), "--program", "Second"]) == 0
    assert "Pairs: 0" in (tmp_path / "r" / "report.html").read_text(encoding="utf-8")


def test_with_fewer_pairs_than_the_minimum_no_pulse_or_outcome_figure_shows(tmp_path):
    # the demo's pulses come from at most 5 pairs a month; a minimum of 6 withholds them all
    services, _model = fake_services(tmp_path, min_group=6)
    DemoLoader(services.store, Passwords.fast()).load(PASSWORD)
    lead = services.users.signed_in("morgan.ellis")
    made = services.report.files(lead)
    html = made.html.decode("utf-8")
    safety = html.split('<section id="safety">')[1].split("</section>")[0]
    outcomes = html.split('<section id="outcomes">')[1].split("</section>")[0]
    assert "fewer than 6 pairs" in safety and "<svg" not in safety and "<table" not in safety
    assert "Fewer than 6 pairs" in outcomes and "<svg" not in outcomes
    assert "<table" not in outcomes
    pdf = pdf_text(made.pdf)
    for question in ("could say so", "taken seriously", "steered the session"):
        assert question not in html and question not in pdf
