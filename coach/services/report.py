"""The program report: figures for one program, as ``report.html`` and ``report.pdf``.

A lead (or an admin, as the command line's operator) builds it. It reads session dates, pair
status, goal progress and fit answers (never a goal's text or a fit reason), and the themes of
summaries shared with the program. Pulse and outcome figures come from the sources given to the
service (the pulse and outcomes services, asked as the same reader); without a source the
section says "not collected yet".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coach.domain.aggregates import MIN_GROUP
from coach.domain.audit import AuditAction
from coach.domain.fit import FitResponse
from coach.domain.goals import Goal
from coach.domain.health import pair_health
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.report import OutcomeSummary, PairFacts, PulseSummary, Report
from coach.domain.report_figures import assemble
from coach.domain.report_sections import Section, sections
from coach.domain.sessions import Session, held
from coach.domain.users import User
from coach.services.access import Clock, audit, current, default_clock, require
from coach.services.programs import find_program
from coach.services.report_html import render_html
from coach.services.report_pdf import render_pdf
from coach.services.themes import READERS, ThemeService, may_see_program_figures
from coach.store.api import Store, Tx

# (reader, program id) -> the pooled figures that reader may see, or None (not collected)
PulseSource = Callable[[User, str], PulseSummary | None]
OutcomeSource = Callable[[User, str], OutcomeSummary | None]
HTML, PDF = "report.html", "report.pdf"
# matplotlib's style settings are process-wide: one report is drawn at a time.
_DRAWING = threading.Lock()


def not_collected(_reader: User, _program_id: str) -> None:
    """No source: the section says the figures are not collected yet."""
    return None


@dataclass(frozen=True)
class ReportFiles:
    """The report's two files, as bytes, with the program they describe."""

    program: str
    html: bytes
    pdf: bytes
    sections: tuple[Section, ...]


def _label(tx: Tx, user_id: str) -> str:
    user = tx.get(User, user_id)
    return user.label if user else user_id


def pair_facts(tx: Tx, program: Program, today: date) -> list[PairFacts]:
    """Every pair of ``program`` with its label, health and held-session days."""
    facts = []
    for pair in tx.find(Pair, program_id=program.id):
        sessions = tx.find(Session, pair_id=pair.id)
        health = pair_health(
            pair, program, sessions, tx.find(Goal, pair_id=pair.id),
            tx.find(FitResponse, pair_id=pair.id), today,
        )  # fmt: skip
        facts.append(PairFacts(
            f"{_label(tx, pair.mentor_id)} & {_label(tx, pair.mentee_id)}", health,
            max(pair.created_at.date(), program.start_date),
            tuple(s.scheduled_at.date() for s in held(sessions)),
        ))  # fmt: skip
    return facts


class ReportService:
    """Build the program report and render it (a lead, or an admin)."""

    def __init__(
        self,
        store: Store,
        themes: ThemeService,
        clock: Clock = default_clock,
        min_group: int = MIN_GROUP,
        pulse: PulseSource = not_collected,
        outcomes: OutcomeSource = not_collected,
    ) -> None:
        self.store = store
        self.themes = themes
        self.clock = clock
        self.min_group = min_group
        self.pulse = pulse
        self.outcomes = outcomes

    def build(self, actor: User, program_id: str | None = None) -> Report:
        """The report's figures for one program (by id or name; with none, the only one)."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(may_see_program_figures(actor), READERS)
            program = find_program(tx, program_id)
            facts = pair_facts(tx, program, now.date())
            audit(tx, actor, AuditAction.READ, "program_report", program.id, now)
        themes = tuple(self.themes.themes(actor, program.id))
        return assemble(
            program, facts, now.date(), themes, sum(t.count for t in themes),
            self.pulse(actor, program.id), self.outcomes(actor, program.id), self.min_group,
        )  # fmt: skip

    def files(self, actor: User, program_id: str | None = None) -> ReportFiles:
        """``report.html`` and ``report.pdf`` as bytes."""
        report = self.build(actor, program_id)
        laid_out = sections(report)
        with _DRAWING:
            html = render_html(report, laid_out).encode("utf-8")
            pdf = render_pdf(report, laid_out)
        return ReportFiles(report.program, html, pdf, laid_out)

    def write(
        self, actor: User, folder: Path, program_id: str | None = None
    ) -> tuple[Path, Path, ReportFiles]:
        """Write ``report.html`` and ``report.pdf`` into ``folder`` (made if missing)."""
        made = self.files(actor, program_id)
        folder.mkdir(parents=True, exist_ok=True)
        html, pdf = folder / HTML, folder / PDF
        html.write_bytes(made.html)
        pdf.write_bytes(made.pdf)
        return html, pdf, made
