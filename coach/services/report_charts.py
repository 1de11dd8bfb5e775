"""Draw the report's charts with matplotlib: inline SVG for the HTML, axes on a PDF page.

Figures are built without pyplot (no global state, safe from Gradio's worker threads) and
drawn with the DejaVu fonts matplotlib ships, so nothing is fetched and output is stable.
"""

from __future__ import annotations

import io
import math
import re

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from coach.domain.report_sections import Chart

COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096")
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # text stays text: searchable, and small
    "pdf.fonttype": 42,  # TrueType: a PDF reader (and pypdf) can extract the words
}
MAX_TICKS = 14
LABEL_CHARS = 34


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def height_of(chart: Chart) -> float:
    """Inches the chart needs: horizontal bars grow with their categories."""
    if chart.kind in ("hbars", "ranges"):
        return min(6.0, 1.1 + 0.28 * max(1, len(chart.categories)))
    return 2.8


def _sparse_ticks(ax: Axes, labels: tuple[str, ...]) -> None:
    step = max(1, math.ceil(len(labels) / MAX_TICKS))
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(labels[::step], rotation=30 if len(labels) > 6 else 0, ha="right"
                       if len(labels) > 6 else "center")  # fmt: skip


def draw(ax: Axes, chart: Chart) -> None:
    """Draw ``chart`` on ``ax``."""
    ax.set_title(chart.title, loc="left", fontsize=10, fontweight="bold")
    n = len(chart.categories)
    if chart.kind == "bars":
        width = 0.8 / max(1, len(chart.series))
        for i, series in enumerate(chart.series):
            offsets = [x - 0.4 + width * (i + 0.5) for x in range(n)]
            ax.bar(offsets, series.values, width, label=series.name, color=COLOURS[i % 6])
        _sparse_ticks(ax, chart.categories)
    elif chart.kind == "line":
        for i, series in enumerate(chart.series):
            ax.plot(range(n), series.values, marker="o", markersize=3, label=series.name,
                    color=COLOURS[i % 6])  # fmt: skip
        _sparse_ticks(ax, chart.categories)
    elif chart.kind == "hbars":
        values = chart.series[0].values
        ax.barh(range(n), values, color=COLOURS[0])
        ax.set_yticks(range(n))
        ax.set_yticklabels([_short(c) for c in chart.categories])
        ax.invert_yaxis()
        for y, value in enumerate(values):
            ax.text(value, y, f" {value:.0f}", va="center", fontsize=8)
    elif chart.kind == "ranges":
        s = chart.series[0]
        low = [v - lo for v, lo in zip(s.values, s.low or s.values, strict=True)]
        high = [hi - v for v, hi in zip(s.values, s.high or s.values, strict=True)]
        ax.errorbar(s.values, range(n), xerr=[low, high], fmt="o", color=COLOURS[0], capsize=3)
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_yticks(range(n))
        ax.set_yticklabels([_short(c) for c in chart.categories])
        ax.invert_yaxis()
    if chart.kind in ("hbars", "ranges"):
        ax.set_xlabel(chart.y_label)
        if chart.y_max is not None:
            ax.set_xlim(0, chart.y_max * 1.08)
    else:
        ax.set_ylabel(chart.y_label)
        ax.set_ylim(0, chart.y_max * 1.05 if chart.y_max else None)
        if len(chart.series) > 1:
            ax.legend(fontsize=8, frameon=False)
    values = [v for s in chart.series for v in s.values if not math.isnan(v)]
    if chart.kind != "ranges" and all(float(v).is_integer() for v in values):  # counts
        axis = ax.xaxis if chart.kind == "hbars" else ax.yaxis
        axis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x" if chart.kind in ("hbars", "ranges") else "y", color="#e2e8f0")
    ax.set_axisbelow(True)


def svg(chart: Chart, number: int) -> str:
    """The chart as an ``<svg>`` element to inline in HTML (ids unique per ``number``)."""
    import matplotlib

    with matplotlib.rc_context({**STYLE, "svg.hashsalt": f"flipside-chart-{number}"}):
        figure = Figure(figsize=(7.2, height_of(chart)))
        draw(figure.add_subplot(), chart)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    start = text.index("<svg")
    return re.sub(r"\s+", " ", text[start:]).replace("> <", "><").strip()
