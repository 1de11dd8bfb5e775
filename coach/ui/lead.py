"""The program lead's tab: pair health, charts, the program snapshot, shared summaries, CSV,
and match suggestions (``coach/ui/matching.py``).

The lead sees aggregates for every pair, and content only when its author shared it with the
program. The services enforce both; this module only lays the figures out.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import gradio as gr
import pandas as pd

from coach.domain.themes import Theme
from coach.domain.users import Role, User
from coach.services.doors import LeadDoor
from coach.services.health import HealthRow
from coach.services.insights import ProgramSnapshot
from coach.ui.auth import guarded, signed_in
from coach.ui.downloads import download_folder
from coach.ui.matching import build_matching_panel
from coach.ui.outcomes import build_lead_outcomes
from coach.ui.pulse_lead import build_pulse_lead_panel
from coach.ui.render import day, md, preview
from coach.ui.select import cell_of_row

HEALTH_COLUMNS = [
    "pair", "status", "held / planned", "last session", "days since", "stalled",
    "goal progress %", "fit (mentor / mentee)", "flags",
]  # fmt: skip
# Pixel widths: on a phone the table scrolls sideways instead of squeezing every column.
HEALTH_WIDTHS = [250, 70, 80, 110, 70, 70, 80, 170, 190]
SHARED_COLUMNS = ["id", "pair", "author", "shared on", "acknowledged", "summary"]
SHARED_WIDTHS = [180, 220, 130, 110, 110, 330]


def health_frame(rows: list[HealthRow]) -> pd.DataFrame:
    def fit(answer) -> str:
        return answer.value.replace("_", " ") if answer else "not yet"

    data = [
        [f"{r.mentor} & {r.mentee}", r.health.status.value,
         f"{r.health.sessions_held} / {r.health.sessions_planned}", day(r.last_session),
         "" if r.health.days_since_last_session is None else r.health.days_since_last_session,
         "yes" if r.health.stalled else "no",
         "" if r.health.goal_progress is None else r.health.goal_progress,
         f"{fit(r.health.fit.mentor)} / {fit(r.health.fit.mentee)}",
         ", ".join(f.value.replace("_", " ") for f in r.health.flags)]
        for r in sorted(rows, key=lambda r: (not r.health.stalled, r.mentor))
    ]  # fmt: skip
    return pd.DataFrame(data, columns=HEALTH_COLUMNS)


def sessions_per_week(days: list[date]) -> pd.DataFrame:
    """Held sessions counted per ISO week (Monday), weeks without any shown as zero."""
    if not days:
        return pd.DataFrame({"week": pd.to_datetime([]), "sessions": []})
    mondays = pd.to_datetime([d - timedelta(days=d.weekday()) for d in days])
    counts = pd.Series(1, index=mondays).groupby(level=0).sum()
    every = pd.date_range(counts.index.min(), counts.index.max(), freq="7D")
    counts = counts.reindex(every, fill_value=0)
    return pd.DataFrame({"week": counts.index, "sessions": counts.to_numpy()})


def snapshot_markdown(snap: ProgramSnapshot, found: list[Theme]) -> str:
    """The snapshot, with the themes of what was shared with the program as labels and counts."""
    cadence, progress = snap.median_days_between_sessions, snap.mean_goal_progress
    themes = ", ".join(f"{md(t.label)} ({t.count})" for t in found)
    return "\n".join(
        [
            "### Program snapshot",
            f"- **Participation:** {snap.pairs_meeting} of {snap.pairs} pairs are meeting "
            f"({snap.active_pairs} active, {snap.stalled_pairs} stalled)",
            f"- **Sessions held:** {snap.sessions_held}; median gap "
            + (f"{cadence:.0f} days" if cadence is not None else "not enough sessions yet"),
            "- **Mean goal progress:** "
            + (f"{progress:.0f}%" if progress is not None else "no goals yet"),
            f"- **Themes in {snap.shared_summaries} shared summaries:** "
            + (themes or "nothing shared with the program yet"),
        ]
    )  # fmt: skip


def build_lead_tab(services: LeadDoor, app: gr.Blocks) -> None:
    gr.Markdown(
        "Figures for every pair. Summaries appear here only when their author chose to share "
        "them with the program; reflections never do."
    )
    with gr.Row(equal_height=False, elem_classes="stack"):
        snapshot = gr.Markdown(elem_id="lead-snapshot")
        with gr.Column(scale=0, min_width=220):
            refresh = gr.Button("Refresh", size="sm")
            report = gr.Button("Program report", size="sm", elem_id="program-report")
            report_files = gr.File(label="Program report (HTML and PDF)", interactive=False,
                                   visible=False, file_count="multiple",
                                   elem_id="report-files")  # fmt: skip
            export = gr.Button("Export CSV", size="sm", elem_id="export-csv")
            csv_file = gr.File(label="CSV export", interactive=False, visible=False,
                               elem_id="csv-file")  # fmt: skip
    table = gr.Dataframe(
        headers=HEALTH_COLUMNS, interactive=False, wrap=True, label="Pairs (stalled first)",
        column_widths=HEALTH_WIDTHS, elem_id="pair-health", elem_classes="wide-table",
    )  # fmt: skip
    with gr.Row(equal_height=False, elem_classes="stack"):
        sessions_plot = gr.LinePlot(
            x="week", y="sessions", title="Sessions held per week", height=240, min_width=300,
            y_lim=[0, None],
        )  # fmt: skip
        progress_plot = gr.BarPlot(
            x="pair", y="goal progress %", title="Goal progress by pair", height=240,
            x_label_angle=-30, min_width=300, y_lim=[0, 100],
        )  # fmt: skip
        flags_plot = gr.BarPlot(
            x="flag", y="pairs", title="Pairs with each flag", height=240, min_width=300,
            y_lim=[0, None],
        )  # fmt: skip
    build_lead_outcomes(services, app)
    gr.Markdown("### Shared with the program")
    shared = gr.Dataframe(
        elem_classes="wide-table",
        headers=SHARED_COLUMNS,
        interactive=False,
        wrap=True,
        column_widths=SHARED_WIDTHS,
        elem_id="shared-summaries",
    )
    with gr.Row(equal_height=False, elem_classes="stack"):
        chosen = gr.Textbox(label="Summary id (click a row)", scale=2, elem_id="shared-summary-id")
        read = gr.Button("Read", size="sm", scale=0)
        acknowledge = gr.Button("Acknowledge", size="sm", scale=0, elem_id="acknowledge")
    shared_text = gr.Textbox(label="Shared summary", lines=4, interactive=False)
    ack_status = gr.Markdown()
    build_pulse_lead_panel(services, app)
    with gr.Accordion("Match suggestions: pair people from a candidates file", open=False,
                      elem_id="match-section"):  # fmt: skip
        build_matching_panel(services, app)

    def lead(request: gr.Request) -> User:
        return signed_in(services, request)

    @guarded
    def pair_health(request: gr.Request) -> pd.DataFrame:
        """Every pair's health: sessions, cadence, stalls, goal progress, fit answers."""
        return health_frame(services.health.table(lead(request)))

    @guarded
    def program_snapshot(request: gr.Request) -> str:
        """Participation, cadence and themes of what was shared with the program."""
        user = lead(request)
        return snapshot_markdown(services.insights.snapshot(user), services.themes.themes(user))

    @guarded
    def program_report(request: gr.Request) -> list[str]:
        """The program report to download: a self-contained HTML page and a PDF, with no
        private text and no figure for a group smaller than the minimum."""
        html, pdf, _ = services.report.write(lead(request), download_folder("report-"))
        return [str(html), str(pdf)]

    @guarded
    def export_health_csv(request: gr.Request) -> str:
        """The pairs table as a CSV file to download."""
        text = services.health.csv(lead(request))
        folder = download_folder("csv-")
        path = folder / f"pair-health-{datetime.now(UTC):%Y-%m-%d}.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    @guarded
    def shared_summaries(request: gr.Request) -> pd.DataFrame:
        """Summaries shared with the program, newest first, with acknowledgements."""
        user = lead(request)
        views = services.summaries.shared_with_program(user)
        seen = services.summaries.acknowledged(user)
        cards = {c.pair.id: c for c in services.pairs.list(user)}
        data = []
        for v in sorted(views, key=lambda v: v.summary.updated_at, reverse=True):
            card = cards.get(v.summary.pair_id)
            pair = f"{card.mentor_name} & {card.mentee_name}" if card else v.summary.pair_id
            author = "" if not card else (
                card.mentor_name if v.summary.author_id == card.pair.mentor_id else card.mentee_name
            )  # fmt: skip
            data.append([v.summary.id, pair, author, day(v.summary.updated_at),
                         day(seen.get(v.summary.id)) or "no", preview(v.text)])  # fmt: skip
        return pd.DataFrame(data, columns=SHARED_COLUMNS)

    @guarded
    def read_shared_summary(summary_id: str, request: gr.Request) -> str:
        """The full text of a summary shared with the program."""
        return services.summaries.read(lead(request), (summary_id or "").strip()).text

    @guarded
    def acknowledge_summary(summary_id: str, request: gr.Request) -> str:
        """Record that you read a shared summary (kept in the audit log)."""
        services.summaries.acknowledge(lead(request), (summary_id or "").strip())
        return "Acknowledged, and recorded in the audit log."

    @guarded
    def charts(request: gr.Request):
        user = lead(request)
        weeks = sessions_per_week([d for _pair, d in services.health.held_sessions(user)])
        rows = services.health.table(user)
        progress = pd.DataFrame(
            [(f"{r.mentor} & {r.mentee}", r.health.goal_progress or 0) for r in rows],
            columns=["pair", "goal progress %"],
        )
        flags: dict[str, int] = {}
        for r in rows:
            for flag in r.health.flags:
                label = flag.value.replace("_", " ")
                flags[label] = flags.get(label, 0) + 1
        flag_frame = pd.DataFrame(sorted(flags.items()), columns=["flag", "pairs"])
        return weeks, progress, flag_frame

    def everything(request: gr.Request):
        """Fill the tab when a lead opens the app; others get nothing (and no error)."""
        if lead(request).role is not Role.LEAD:
            return (gr.skip(),) * 6
        return (program_snapshot(request), pair_health(request), *charts(request),
                shared_summaries(request))  # fmt: skip

    outputs = [snapshot, table, sessions_plot, progress_plot, flags_plot, shared]
    private = {"api_visibility": "private"}
    app.load(guarded(everything), None, outputs, **private)
    refresh.click(pair_health, None, table, api_name="pair_health")
    refresh.click(program_snapshot, None, snapshot, api_name="program_snapshot")
    refresh.click(shared_summaries, None, shared, api_name="shared_summaries")
    refresh.click(charts, None, [sessions_plot, progress_plot, flags_plot], **private)
    export.click(export_health_csv, None, csv_file, api_name="export_health_csv").success(
        lambda: gr.File(visible=True), None, csv_file, **private
    )
    report.click(program_report, None, report_files, api_name="program_report").success(
        lambda: gr.File(visible=True), None, report_files, **private
    )
    read.click(read_shared_summary, chosen, shared_text, api_name="read_shared_summary")
    shared.select(cell_of_row(0), None, chosen, **private).success(
        read_shared_summary, chosen, shared_text, **private
    )
    acknowledged = acknowledge.click(
        acknowledge_summary, chosen, ack_status, api_name="acknowledge_summary"
    )
    acknowledged.success(shared_summaries, None, shared, **private)
