"""The program report as one self-contained HTML page: inline CSS, charts as inline SVG.

Every word comes from ``coach/domain/report_sections.py`` and is escaped; the page loads
nothing from anywhere (no script, no font, no image URL).
"""

from __future__ import annotations

from html import escape

from coach.domain.report import Report
from coach.domain.report_sections import Section, Table
from coach.services.report_charts import svg

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c;
       max-width: 860px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
header { border-bottom: 3px solid #2b6cb0; margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
     border-bottom: 1px solid #e2e8f0; padding-bottom: .2rem; }
.meta { color: #4a5568; margin: 0 0 .8rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
th, td { text-align: left; padding: .25rem .7rem .25rem 0; border-bottom: 1px solid #edf2f7; }
th { color: #4a5568; font-weight: 600; }
figure { margin: .8rem 0; } figure svg { max-width: 100%; height: auto; }
#recommendations li { margin-bottom: .3rem; }
footer { margin-top: 2.5rem; color: #718096; font-size: .85rem; }
@media print { body { margin: 0; } section { break-inside: avoid; } }
"""


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(section: Section, first_chart: int) -> str:
    if section.key == "recommendations":
        text = "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in section.lines) + "</ul>"
    else:
        text = "".join(f"<p>{escape(line)}</p>" for line in section.lines)
    charts = "".join(
        f'<figure role="img" aria-label="{escape(chart.title)}">{svg(chart, first_chart + i)}'
        "</figure>"
        for i, chart in enumerate(section.charts)
    )
    tables = "".join(_table(t) for t in section.tables)
    return (f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>'
            f"{text}{charts}{tables}</section>")  # fmt: skip


def render_html(report: Report, sections: tuple[Section, ...]) -> str:
    """The whole page."""
    parts, charts = [], 0
    for section in sections:
        parts.append(_section(section, charts))
        charts += len(section.charts)
    title = f"Program report: {report.program}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="meta">{report.start:%d %b %Y} to {report.end:%d %b %Y} · as of '
        f"{report.today:%d %b %Y} · made by Flipside</p></header>"
        + "".join(parts)
        + "<footer>Aggregates only. Figures about people's answers are shown only for groups "
        f"of at least {report.min_group} pairs.</footer></body></html>\n"
    )
