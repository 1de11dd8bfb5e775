"""Assemble the Gradio app from role modules; tabs appear according to the signed-in role."""

from __future__ import annotations

import gradio as gr

from coach.domain.users import User
from coach.services.container import Services
from coach.services.doors import (
    AccountDoor,
    AdminDoor,
    LeadDoor,
    MentorDoor,
    ParticipantDoor,
)
from coach.ui.account import build_account_tab
from coach.ui.admin import build_admin_tab
from coach.ui.auth import guarded, role_view, signed_in
from coach.ui.lead import build_lead_tab
from coach.ui.mentee import build_mentee_tab
from coach.ui.mentor import build_mentor_tab
from coach.ui.prepare_view import CSS as PREPARE_CSS
from coach.ui.render import md

TITLE = "Flipside: reverse mentoring coach"
TAB_IDS = ("mentor", "reflect", "lead", "admin", "account")
# Narrow screens: rows stack; tables (pixel column widths) scroll sideways inside their box.
CSS = (
    """
@media (max-width: 640px) {
  .stack > * { min-width: 100% !important; }
  #mentor-chat { height: 60vh !important; }
}
"""
    + PREPARE_CSS
)


def whoami_text(user: User) -> str:
    return f"Signed in as **{md(user.label)}** · {user.role.value}"


def build_app(services: Services) -> gr.Blocks:
    """The whole UI. Each tab calls services only; each service checks permissions again."""
    # Downloads (own-data JSON, CSV, agendas) leave Gradio's cache after an hour, and all of
    # this process's cache goes when it stops.
    with gr.Blocks(title=TITLE, delete_cache=(3600, 3600)) as app:
        with gr.Row(equal_height=False, elem_classes="stack"):
            gr.Markdown("## Flipside · reverse mentoring coach", min_width=300, scale=3)
            who = gr.Markdown(elem_id="whoami", min_width=200, scale=2)
            gr.Button("Sign out", link="/logout", size="sm", scale=0, min_width=100,
                      elem_id="sign-out")  # fmt: skip
        with gr.Tabs() as tabs:
            with gr.Tab("Mentor", id="mentor", visible=False) as mentor_tab:
                build_mentor_tab(MentorDoor(services), app)
            with gr.Tab("Reflect & summaries", id="reflect", visible=False) as reflect_tab:
                build_mentee_tab(ParticipantDoor(services), app)
            with gr.Tab("Program lead", id="lead", visible=False) as lead_tab:
                build_lead_tab(LeadDoor(services), app)
            with gr.Tab("Admin", id="admin", visible=False) as admin_tab:
                build_admin_tab(AdminDoor(services), app)
            with gr.Tab("My account", id="account"):
                build_account_tab(AccountDoor(services), app)

        def whoami(request: gr.Request) -> dict:
            """Who is signed in, their role, and the tabs they see."""
            view = role_view(services, signed_in(services, request))
            return {"username": view.user.username, "display_name": view.user.display_name,
                    "role": view.user.role.value, "tabs": list(view.tabs)}  # fmt: skip

        def show_tabs(request: gr.Request):
            view = role_view(services, signed_in(services, request))
            visible = [gr.Tab(visible=tab in view.tabs) for tab in TAB_IDS[:4]]
            return whoami_text(view.user), gr.Tabs(selected=view.tabs[0]), *visible

        app.load(
            guarded(show_tabs), None, [who, tabs, mentor_tab, reflect_tab, lead_tab, admin_tab],
            api_visibility="private",
        )  # fmt: skip
        gr.api(guarded(whoami), api_name="whoami")
    return app
