"""The program report as a PDF: A4 pages of text, tables and the same charts, laid out with
matplotlib and written by its ``PdfPages`` (TrueType fonts, so the text can be selected and
extracted)."""

from __future__ import annotations

import io
import textwrap
from datetime import datetime

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from coach.domain.report import Report
from coach.domain.report_sections import Chart, Section, Table
from coach.services.report_charts import STYLE, draw, height_of

PAGE = (8.27, 11.69)  # A4, inches
MARGIN = 0.75
LINE = 0.19  # inches per line of body text
WRAP = 98  # characters per line of body text at 9 pt
CELL = 46  # longest table cell, in characters


class Pages:
    """Flows headings, text, tables and charts down A4 pages."""

    def __init__(self, pdf: PdfPages, title: str) -> None:
        self.pdf = pdf
        self.title = title
        self.number = 0
        self.figure: Figure | None = None
        self.y = 0.0  # inches from the top of the page

    def _new_page(self) -> None:
        self.finish()
        self.number += 1
        self.figure = Figure(figsize=PAGE)
        self.y = MARGIN
        self.figure.text(0.5, 0.4 / PAGE[1], f"{self.title} · page {self.number}",
                         ha="center", fontsize=7, color="#718096")  # fmt: skip

    def finish(self) -> None:
        if self.figure is not None:
            self.pdf.savefig(self.figure)
            self.figure = None

    def _room(self, inches: float) -> Figure:
        if self.figure is None or self.y + inches > PAGE[1] - MARGIN:
            self._new_page()
        assert self.figure is not None
        return self.figure

    def text(self, line: str, size: float = 9, bold: bool = False, x: float = MARGIN,
             colour: str = "#1a202c") -> None:  # fmt: skip
        height = LINE * size / 9
        figure = self._room(height)
        figure.text(x / PAGE[0], 1 - (self.y + height * 0.8) / PAGE[1], line, fontsize=size,
                    fontweight="bold" if bold else "normal", color=colour)  # fmt: skip
        self.y += height

    def paragraph(self, text: str, indent: str = "") -> None:
        for i, line in enumerate(textwrap.wrap(text, WRAP - len(indent)) or [""]):
            self.text((indent if i == 0 else " " * len(indent)) + line)

    def heading(self, title: str) -> None:
        self._room(LINE * 4)  # keep a heading with what follows it
        self.y += 0.12
        self.text(title, size=12, bold=True, colour="#2b6cb0")
        self.y += 0.04

    def table(self, table: Table) -> None:
        cells = [[c[:CELL] for c in row] for row in ((table.columns,) + table.rows)]
        widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
        total = sum(widths) or 1
        usable = PAGE[0] - 2 * MARGIN
        lefts, x = [], MARGIN
        for width in widths:
            lefts.append(x)
            x += usable * width / total
        for n, row in enumerate(cells):
            figure = self._room(LINE)
            for left, cell in zip(lefts, row, strict=True):
                figure.text(left / PAGE[0], 1 - (self.y + LINE * 0.8) / PAGE[1], cell,
                            fontsize=8.5, fontweight="bold" if n == 0 else "normal")  # fmt: skip
            self.y += LINE
        self.y += 0.08

    def chart(self, chart: Chart) -> None:
        height = height_of(chart)
        figure = self._room(height + 0.2)
        bottom = 1 - (self.y + height) / PAGE[1]
        left = MARGIN + (1.9 if chart.kind in ("hbars", "ranges") else 0.45)
        ax = figure.add_axes(
            (
                left / PAGE[0],
                bottom + 0.45 / PAGE[1],
                (PAGE[0] - MARGIN - left) / PAGE[0],
                (height - 0.75) / PAGE[1],
            )
        )
        draw(ax, chart)
        self.y += height + 0.2


def render_pdf(report: Report, sections: tuple[Section, ...]) -> bytes:
    """The whole report as PDF bytes."""
    import matplotlib

    out = io.BytesIO()
    title = f"Program report: {report.program}"
    metadata = {"Title": title, "Creator": "Flipside", "Producer": "Flipside (matplotlib)",
                "CreationDate": datetime(report.today.year, report.today.month,
                                         report.today.day)}  # fmt: skip
    with matplotlib.rc_context(STYLE), PdfPages(out, metadata=metadata) as pdf:
        pages = Pages(pdf, title)
        pages.text(title, size=16, bold=True)
        pages.text(f"{report.start:%d %b %Y} to {report.end:%d %b %Y} · as of "
                   f"{report.today:%d %b %Y}", colour="#4a5568")  # fmt: skip
        for section in sections:
            pages.heading(section.title)
            bullet = "• " if section.key == "recommendations" else ""
            for line in section.lines:
                pages.paragraph(line, bullet)
            for chart in section.charts:
                pages.chart(chart)
            for table in section.tables:
                pages.table(table)
        pages.finish()
    return out.getvalue()
