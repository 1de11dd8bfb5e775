"""The lead's "Safety pulse" section: the program-level trend, and the open check-in requests.

The trend comes from ``PulseService.trend``, which holds only figures pooled from at least the
minimum group of pairs; when there is none, the section says so in a sentence. No answer and
no note ever reaches this screen. A check-in request shows who asked, for which pair, and when.
"""

from __future__ import annotations

import gradio as gr
import pandas as pd

from coach.domain.pulse_trend import ROW_HEADERS, PulseTrend
from coach.domain.users import Role
from coach.services.doors import LeadDoor
from coach.services.pulse import CheckinView
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day, md
from coach.ui.select import cell_of_row

CHECKIN_COLUMNS = ["asked by", "pair", "program", "asked on", "handled on", "id"]
CHECKIN_WIDTHS = [150, 240, 140, 110, 110, 190]
PLOT_COLUMNS = ["month", "mean", "question"]


def trend_text(trend: PulseTrend) -> str:
    """One sentence on what is shown, or why nothing is."""
    n = trend.min_group
    if not trend.disclosed:
        return f"Not enough pairs have answered yet: figures appear once at least {n} pairs have."
    lines = [
        f"Mean answers on a 1-5 scale, each pooled from at least {n} pairs (every pair counts "
        "once per figure). Never one pair's or one person's answers."
    ]
    if trend.withheld:
        lines.append(f"{trend.withheld} month(s) are not shown: fewer than {n} pairs answered.")
    return " ".join(lines)


def trend_table(trend: PulseTrend) -> pd.DataFrame:
    return pd.DataFrame(trend.rows(), columns=list(ROW_HEADERS))


def trend_plot(trend: PulseTrend) -> pd.DataFrame:
    """Monthly means, one line per side and question (the whole-time figures are not plotted)."""
    data = [
        (pd.Timestamp(f"{f.period}-01"), f.mean, f"{f.side.value}s: {f.text}")
        for f in trend.figures
    ]
    return pd.DataFrame(data, columns=PLOT_COLUMNS)


def checkin_frame(views: list[CheckinView]) -> pd.DataFrame:
    data = [
        [v.author, v.pair, v.program, day(v.request.requested_at), day(v.request.handled_at),
         v.request.id]
        for v in views
    ]  # fmt: skip
    return pd.DataFrame(data, columns=CHECKIN_COLUMNS)


def build_pulse_lead_panel(services: LeadDoor, app: gr.Blocks) -> None:
    """The trend (text, table, plot) and the check-in requests with "Mark handled"."""
    with gr.Accordion("Safety pulse", open=True, elem_id="lead-pulse"):
        summary = gr.Markdown(elem_id="lead-pulse-summary")
        with gr.Row(equal_height=False, elem_classes="stack"):
            table = gr.Dataframe(headers=list(ROW_HEADERS), interactive=False, wrap=True,
                                 label="Pulse by month and side", min_width=300,
                                 elem_id="lead-pulse-table")  # fmt: skip
            plot = gr.LinePlot(x="month", y="mean", color="question", title="Pulse trend",
                               height=260, min_width=300, y_lim=[1, 5])  # fmt: skip
        gr.Markdown(
            "#### Check-in requests\nA participant asked you to check in. The request says who "
            "and which pair, never any pulse answer: ask them how it is going."
        )
        requests = gr.Dataframe(headers=CHECKIN_COLUMNS, interactive=False, wrap=True,
                                column_widths=CHECKIN_WIDTHS, elem_id="checkin-requests",
                                elem_classes="wide-table")  # fmt: skip
        with gr.Row(equal_height=False, elem_classes="stack"):
            chosen = gr.Textbox(label="Request id (click a row)", scale=2, elem_id="checkin-id")
            handle = gr.Button("Mark handled", size="sm", scale=0, elem_id="checkin-handled")
            refresh = gr.Button("Refresh", size="sm", scale=0)
        handled = gr.Markdown(elem_id="checkin-status")

    @guarded
    def pulse_trend(request: gr.Request):
        """The program-level pulse trend: only figures pooled from enough pairs, or a sentence
        saying there are none yet."""
        trend = services.pulse.trend(signed_in(services, request))
        return trend_text(trend), trend_table(trend), trend_plot(trend)

    @guarded
    def checkin_requests(request: gr.Request) -> pd.DataFrame:
        """Check-in requests, open ones first: who asked, for which pair, when."""
        return checkin_frame(services.pulse.checkin_requests(signed_in(services, request)))

    @guarded
    def mark_checkin_handled(request_id: str, request: gr.Request):
        """Record that you followed up a check-in request."""
        user = signed_in(services, request)
        if not (request_id or "").strip():
            raise gr.Error("Click a request in the table first.", title="No request")
        done = services.pulse.mark_handled(user, request_id.strip())
        views = services.pulse.checkin_requests(user)
        who = next((v.author for v in views if v.request.id == done.id), "")
        return f"Marked handled: the request from {md(who)}.", checkin_frame(views)

    def fill(request: gr.Request):
        """Fill the section when a lead opens the app; others get nothing (and no error)."""
        if signed_in(services, request).role is not Role.LEAD:
            return (gr.skip(),) * 4
        return (*pulse_trend(request), checkin_requests(request))

    private = {"api_visibility": "private"}
    app.load(guarded(fill), None, [summary, table, plot, requests], **private)
    refresh.click(pulse_trend, None, [summary, table, plot], api_name="pulse_trend")
    refresh.click(checkin_requests, None, requests, api_name="checkin_requests")
    requests.select(cell_of_row(-1), None, chosen, **private)
    handle.click(mark_checkin_handled, chosen, [handled, requests],
                 api_name="mark_checkin_handled")  # fmt: skip
