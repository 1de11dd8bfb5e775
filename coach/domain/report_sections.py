"""The program report laid out as sections of sentences, tables and chart data.

Both renderers (HTML and PDF) walk these sections and only format them, so the two files say
the same thing, and what the report can show is decided here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain.report import Report

NOT_COLLECTED = "Not collected yet."


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    low: tuple[float, ...] | None = None  # interval ends, for "ranges" charts
    high: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars" (grouped), "hbars" (one series, long labels), "line", "ranges"
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str = ""
    y_max: float | None = None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    key: str  # the HTML id: participation, sessions, stalled, goals, fit, safety, ...
    title: str
    lines: tuple[str, ...]
    tables: tuple[Table, ...] = field(default_factory=tuple)
    charts: tuple[Chart, ...] = field(default_factory=tuple)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(status: str) -> str:
    return status.replace("_", " ")


def glance(r: Report) -> Section:
    p = r.participation
    progress = r.goals.mean_progress
    return Section("summary", "At a glance", (
        f"{r.program}, {r.start:%d %b %Y} to {r.end:%d %b %Y}; figures as of {r.today:%d %b %Y} "
        f"({r.elapsed:.0%} of the program's time has passed).",
        f"{p.met_once} of {p.pairs} pairs have met; {p.sessions_held} of {p.sessions_planned} "
        f"planned sessions were held ({_pct(p.plan_share)}).",
        f"{len(r.stalled)} stalled pairs; mean goal progress "
        + (f"{progress:.0f}%." if progress is not None else "not available (no goals yet)."),
    ))  # fmt: skip


def recommendations(r: Report) -> Section:
    lines = tuple(f"{_first_up(rec.figure)} → {rec.action}." for rec in r.recommendations)
    return Section(
        "recommendations",
        "Recommendations",
        lines or ("No rule was triggered: every figure is in its usual range.",),
    )


def participation(r: Report) -> Section:
    p = r.participation
    statuses = ", ".join(f"{n} {_words(s)}" for s, n in p.by_status) or "no pairs yet"
    gap = f"{p.median_gap_days:.0f} days" if p.median_gap_days is not None else "not enough data"
    lines = (
        f"Pairs: {p.pairs} ({statuses}).",
        f"Pairs that have met at least once: {p.met_once}; three times or more: {p.met_three}.",
        f"Sessions held against plan: {p.sessions_held} of {p.sessions_planned} "
        f"({_pct(p.plan_share)}); the plan is one session every {r.cadence_days} days.",
        f"Median time between a pair's sessions: {gap}.",
    )
    months = tuple(f"{m.month:%b %Y}" for m in r.months)
    table = Table(
        ("month", "held", "planned"),
        tuple((f"{m.month:%b %Y}", str(m.held), str(m.planned)) for m in r.months),
    )
    chart = Chart("bars", "Sessions held and planned per month", months, (
        Series("held", tuple(float(m.held) for m in r.months)),
        Series("planned", tuple(float(m.planned) for m in r.months)),
    ), "sessions")  # fmt: skip
    return Section("participation", "Participation and cadence against plan", lines,
                   (table,) if r.months else (), (chart,) if r.months else ())  # fmt: skip


def sessions(r: Report) -> Section:
    recent = sum(n for _monday, n in r.weeks[-4:])
    lines = (
        f"{r.participation.sessions_held} sessions held since {r.start:%d %b %Y}; "
        f"{recent} in the last four weeks.",
    )
    chart = Chart(
        "line",
        "Sessions held per week",
        tuple(f"{m:%d %b}" for m, _n in r.weeks),
        (Series("sessions", tuple(float(n) for _m, n in r.weeks)),),
        "sessions",
    )
    return Section("sessions", "Sessions over time", lines, (), (chart,) if r.weeks else ())


def stalled(r: Report) -> Section:
    active = dict(r.participation.by_status).get("active", 0)
    if not r.stalled:
        return Section("stalled", "Stalled pairs", (
            f"No active pair has gone {r.stall_days} days without a session.",))  # fmt: skip
    line = f"{len(r.stalled)} of {active} active pairs have not met in {r.stall_days} days or more."
    table = Table(
        ("pair", "days since last session (or since it began)"),
        tuple((s.label, str(s.days_idle)) for s in r.stalled),
    )
    return Section("stalled", "Stalled pairs", (line,), (table,))


def goals(r: Report) -> Section:
    g = r.goals
    mean = f"{g.mean_progress:.0f}%" if g.mean_progress is not None else "not available"
    lines = (
        f"Pairs with goals: {g.pairs_with_goals}; without: {g.pairs_without_goals}.",
        f"Mean goal progress: {mean} (achieved goals count as 100%, dropped ones not at all).",
    )
    labels = tuple(label for label, _v in g.by_pair)
    chart = Chart(
        "hbars",
        "Goal progress by pair (%)",
        labels,
        (Series("progress", tuple(v for _l, v in g.by_pair)),),
        "%",
        100,
    )
    table = Table(("pair", "goal progress %"), tuple((label, f"{v:.0f}") for label, v in g.by_pair))
    return Section("goals", "Goal progress", lines, (table,) if labels else (),
                   (chart,) if labels else ())  # fmt: skip


def fit(r: Report) -> Section:
    f, lines = r.fit, []
    for side in f.sides:
        counts = ", ".join(f"{n} {_words(a)}" for a, n in side.counts)
        lines.append(f"{side.side.capitalize()}s ({side.answered} answered): {counts}.")
    for side in f.withheld:
        lines.append(f"{side.capitalize()}s' answers are not shown: fewer than {r.min_group} "
                     "pairs answered.")  # fmt: skip
    if not lines:
        lines.append("No pairing-fit answers yet.")
    charts = ()
    if f.sides:
        answers = tuple(_words(a) for a, _n in f.sides[0].counts)
        series = tuple(Series(f"{s.side}s", tuple(float(n) for _a, n in s.counts))
                       for s in f.sides)  # fmt: skip
        charts = (Chart("bars", "Pairing-fit answers", answers, series, "pairs"),)
    return Section("fit", "Pairing fit (counts only)", tuple(lines), (), charts)


def safety(r: Report) -> Section:
    title = "Safety pulse: could the junior mentor speak freely?"
    if r.pulse is None:
        return Section(
            "safety",
            title,
            (
                NOT_COLLECTED + " After each held session both sides will answer three private "
                "questions. This section will show program-level trends only, each figure pooled "
                f"from at least {r.min_group} pairs; never one pair's or one person's answers.",
            ),
        )
    figures = r.pulse.figures
    if not figures:
        return Section("safety", title, (f"Answers came from fewer than {r.min_group} pairs in "
                                         "every period: no figure is shown.",))  # fmt: skip
    periods = tuple(sorted({f.period for f in figures}))
    charts = []
    for side in sorted({f.side for f in figures}):
        questions = sorted({f.question for f in figures if f.side == side})
        means = {(f.question, f.period): f.mean for f in figures if f.side == side}
        series = tuple(Series(q, tuple(means.get((q, p), float("nan")) for p in periods))
                       for q in questions)  # fmt: skip
        charts.append(Chart("line", f"Pulse trend, {side}s (mean answer)", periods, series,
                            "mean", float(r.pulse.scale_max)))  # fmt: skip
    table = Table(("period", "side", "question", "mean", "pairs"), tuple(
        (f.period, f.side, f.question, f"{f.mean:.1f}", str(f.pairs))
        for f in sorted(figures, key=lambda f: (f.period, f.side, f.question))
    ))  # fmt: skip
    lines = (f"Means on a 1-{r.pulse.scale_max} scale; each pooled from at least "
             f"{r.min_group} pairs.",) + ((r.pulse.note,) if r.pulse.note else ())  # fmt: skip
    return Section("safety", title, lines, (table,), tuple(charts))


def outcomes(r: Report) -> Section:
    title = "Outcome change for each side"
    if r.outcomes is None:
        return Section(
            "outcomes",
            title,
            (
                NOT_COLLECTED + " Each side will fill a short self-assessment at the start, the "
                "mid-point and the end; this section will show the paired change per side with a "
                f"95% interval, from at least {r.min_group} pairs.",
            ),
        )
    changes = r.outcomes.changes
    if not changes:
        return Section(
            "outcomes",
            title,
            (
                f"Fewer than {r.min_group} pairs completed both "
                "self-assessments: no change is shown.",
            ),
        )
    rows = tuple(
        (c.side, c.item, f"{c.before:.1f}", f"{c.after:.1f}",
         f"{c.change:+.1f} ({c.low:+.1f} to {c.high:+.1f})", str(c.pairs))
        for c in changes
    )  # fmt: skip
    chart = Chart("ranges", f"Change, {r.outcomes.compared} (95% interval)",
                  tuple(f"{c.side}: {c.item}" for c in changes),
                  (Series("change", tuple(c.change for c in changes),
                          tuple(c.low for c in changes), tuple(c.high for c in changes)),),
                  "change")  # fmt: skip
    lines = (f"Paired change, {r.outcomes.compared}, each from at least {r.min_group} pairs.",)
    lines += (r.outcomes.note,) if r.outcomes.note else ()
    table = Table(("side", "item", "before", "after", "change (95% interval)", "pairs"), rows)
    return Section("outcomes", title, lines, (table,), (chart,))


def themes(r: Report) -> Section:
    title = "Themes in the summaries shared with the program"
    if not r.shared_summaries:
        return Section("themes", title, ("No summary has been shared with the program yet.",))
    lines = (
        f"{r.shared_summaries} summaries were shared with the program. Similar summaries are "
        f"grouped; a group is named only when it holds at least {r.min_group} summaries from "
        f"{r.min_group} pairs, and the rest are counted as 'other'.",
    )
    rows = tuple((t.label, str(t.count), "" if t.other else str(t.pairs)) for t in r.themes)
    chart = Chart(
        "hbars",
        "Shared summaries per theme",
        tuple(t.label for t in r.themes),
        (Series("summaries", tuple(float(t.count) for t in r.themes)),),
        "summaries",
    )
    return Section("themes", title, lines, (Table(("theme", "summaries", "pairs"), rows),),
                   (chart,) if any(not t.other for t in r.themes) else ())  # fmt: skip


def about(r: Report) -> Section:
    return Section("about", "How this report is made", (
        "Figures come from session dates, pair status, goal progress and pairing-fit answers.",
        "No reflection, no private note or reason, no goal text and no summary that was not "
        "shared with the program is read into this report.",
        f"Pulse, outcome and fit figures are shown only when at least {r.min_group} pairs "
        "answered; never one pair's or one person's answers.",
        "Recommendations are made by fixed rules; each names the figure that triggered it.",
    ))  # fmt: skip


def sections(r: Report) -> tuple[Section, ...]:
    """The report's sections, in reading order."""
    return (glance(r), recommendations(r), participation(r), sessions(r), stalled(r), goals(r),
            fit(r), safety(r), outcomes(r), themes(r), about(r))  # fmt: skip
