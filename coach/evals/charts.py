"""Hand-written SVG bar charts for the HTML report (no plotting library needed)."""

from __future__ import annotations

from html import escape

COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096")
WIDTH = 640
LABEL = 170
BAR = 14
GAP = 10


def bar_chart(
    title: str,
    metrics: list[str],
    series: dict[str, list[float | None]],
    top: float | None = None,
) -> str:
    """Grouped horizontal bars: one group per metric, one bar per system.

    ``top`` is the value of a full-width bar (1.0 for scores); by default the largest value.
    Missing values are drawn as "n/a".
    """
    names = list(series)
    values = [v for row in series.values() for v in row if v is not None]
    top = top or max(values, default=1.0) or 1.0
    group = len(names) * BAR + GAP
    legend = 22
    height = 30 + legend + len(metrics) * group
    span = WIDTH - LABEL - 60
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="11">',
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for n, name in enumerate(names):
        x = LABEL + n * 120
        colour = COLOURS[n % len(COLOURS)]
        out.append(f'<rect x="{x}" y="22" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="31">{escape(name)}</text>')
    for m, metric in enumerate(metrics):
        y0 = 30 + legend + m * group
        out.append(f'<text x="0" y="{y0 + group / 2}">{escape(metric)}</text>')
        for n, name in enumerate(names):
            value = series[name][m]
            y = y0 + n * BAR
            if value is None:
                out.append(f'<text x="{LABEL}" y="{y + BAR - 3}" fill="#999">n/a</text>')
                continue
            width = max(0.0, min(1.0, value / top)) * span
            colour = COLOURS[n % len(COLOURS)]
            out.append(
                f'<rect x="{LABEL}" y="{y}" width="{width:.1f}" height="{BAR - 2}" '
                f'fill="{colour}"><title>{escape(name)}: {value:.3f}</title></rect>'
            )
            out.append(f'<text x="{LABEL + width + 4:.1f}" y="{y + BAR - 3}">{value:.3g}</text>')
    out.append("</svg>")
    return "\n".join(out)
