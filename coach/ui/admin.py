"""The admin's tab: people and pairs, guide uploads and re-indexing, the stack's status."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pandas as pd

from coach.domain.users import Role
from coach.services.doors import AdminDoor
from coach.services.ingest import IngestReport
from coach.services.operations import UPLOAD_TYPES
from coach.services.passwords import random_password
from coach.ui.auth import guarded, signed_in
from coach.ui.deletions import build_deletions
from coach.ui.people import build_people_tools
from coach.ui.ratings import build_rating_counts
from coach.ui.render import day, md

USER_COLUMNS = ["username", "name", "email", "role", "active", "since"]
PAIR_COLUMNS = ["mentor", "mentee", "program", "status", "pair id"]
RESULT_COLUMNS = ["file", "status", "chunks", "error"]
GUIDE_COLUMNS = ["file", "title", "chunks", "uploaded"]
STATUS_COLUMNS = ["component", "version", "ok", "measured", "how to fix"]
TABLE = {"interactive": False, "elem_classes": "wide-table"}
PROGRESS = gr.Progress()  # Gradio spots the parameter by this default and fills it per call


def report_frame(report: IngestReport) -> pd.DataFrame:
    rows = [[r.source, r.status, r.chunks, r.error] for r in report.results]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def build_admin_tab(services: AdminDoor, app: gr.Blocks) -> None:
    refresh = gr.Button("Refresh", size="sm")
    with gr.Tab("People and pairs"):
        users = gr.Dataframe(headers=USER_COLUMNS, label="Accounts", max_height=260,
                             elem_id="users-table", **TABLE)  # fmt: skip
        with gr.Row(equal_height=False, elem_classes="stack"):
            username = gr.Textbox(label="Username", min_width=160, elem_id="new-username")
            display = gr.Textbox(label="Display name", min_width=160, elem_id="new-name")
            role = gr.Dropdown([r.value for r in Role], value="participant", label="Role",
                               min_width=140, elem_id="new-role")  # fmt: skip
            password = gr.Textbox(label="Password (empty: a random one)", type="password",
                                  min_width=160, elem_id="new-password")  # fmt: skip
            email = gr.Textbox(label="Email (optional)", min_width=200, elem_id="new-email")
        add_user_btn = gr.Button("Add user", variant="primary", elem_id="add-user")
        user_status = gr.Markdown(elem_id="user-status")
        people = build_people_tools(services)
        pairs = gr.Dataframe(headers=PAIR_COLUMNS, label="Pairs", **TABLE)
        with gr.Row(equal_height=False, elem_classes="stack"):
            mentor = gr.Dropdown([], label="Mentor (junior)", allow_custom_value=True)
            mentee = gr.Dropdown([], label="Mentee (senior)", allow_custom_value=True)
            program = gr.Dropdown([], label="Program", allow_custom_value=True)
        add_pair_btn = gr.Button("Add pair")
        pair_status = gr.Markdown()
        build_deletions(services)
    with gr.Tab("Guides"):
        gr.Markdown(f"Upload handbooks and guides ({', '.join(UPLOAD_TYPES)}, up to 20 MB).")
        files = gr.File(file_count="multiple", file_types=list(UPLOAD_TYPES), label="Files",
                        elem_id="guide-files")  # fmt: skip
        with gr.Row(elem_classes="stack"):
            upload_btn = gr.Button("Upload and index", variant="primary", elem_id="upload")
            reindex_btn = gr.Button("Re-index everything")
        results = gr.Dataframe(headers=RESULT_COLUMNS, label="Results", elem_id="ingest-results",
                               **TABLE)  # fmt: skip
        guides = gr.Dataframe(headers=GUIDE_COLUMNS, label="Uploaded guides", **TABLE)
    with gr.Tab("Ratings"):
        build_rating_counts(services, app)
    with gr.Tab("Stack"):
        with_model = gr.Checkbox(label="Also start and measure the model (slow on CPU)")
        check_btn = gr.Button("Check the stack")
        status = gr.Dataframe(headers=STATUS_COLUMNS, wrap=True, **TABLE)

    @guarded
    def list_users(request: gr.Request) -> pd.DataFrame:
        """Every account (admin only)."""
        found = services.users.list(signed_in(services, request))
        rows = [[u.username, u.display_name, u.email or "", u.role.value, u.active,
                 day(u.created_at)] for u in found]  # fmt: skip
        return pd.DataFrame(rows, columns=USER_COLUMNS)

    @guarded
    def list_pairs(request: gr.Request) -> pd.DataFrame:
        """Every pair (admins and leads)."""
        cards = services.pairs.list(signed_in(services, request))
        rows = [[c.mentor, c.mentee, c.program, c.pair.status.value, c.pair.id] for c in cards]
        return pd.DataFrame(rows, columns=PAIR_COLUMNS)

    @guarded
    def add_user(
        name: str, display_name: str, role_name: str, secret: str, address: str | None = None,
        request: gr.Request | None = None,
    ):  # fmt: skip
        """Add an account, with an optional email; with no password given, a random one is
        shown once."""
        actor = signed_in(services, request)
        generated = not secret
        secret = secret or random_password()
        user = services.users.add(
            actor, name, role_name or "participant", secret, display_name, address or None
        )
        shown = f" Password, shown once: `{secret}`" if generated else ""
        return f"Added **{md(user.username)}** ({user.role.value}).{shown}", "", "", "", ""

    @guarded
    def add_pair(mentor_name: str, mentee_name: str, program_name: str | None, request: gr.Request):
        """Pair a junior mentor with a senior mentee (usernames)."""
        actor = signed_in(services, request)
        card = services.pairs.add(actor, mentor_name or "", mentee_name or "", program_name or None)
        return f"Paired **{md(card.mentor)}** (mentor) with **{md(card.mentee)}** (mentee)."

    @guarded
    def people_choices(request: gr.Request):
        actor = signed_in(services, request)
        people = [u.username for u in services.users.list(actor)
                  if u.role is Role.PARTICIPANT and u.active]  # fmt: skip
        programs = [p.name for p in services.programs.list(actor)]
        first = programs[0] if len(programs) == 1 else None
        return (gr.Dropdown(choices=people), gr.Dropdown(choices=people),
                gr.Dropdown(choices=programs, value=first))  # fmt: skip

    @guarded
    def upload_guides(paths: list[str] | None, request: gr.Request, progress=PROGRESS):
        """Index uploaded files; one result row per file."""
        actor = signed_in(services, request)
        if not paths:
            raise gr.Error("Choose one or more files first.", title="No files")

        def step(number: int, total: int, name: str) -> None:
            progress((number - 1, total), desc=f"Indexing {name}")

        report = services.operations.upload(actor, [Path(p) for p in paths], progress=step)
        return report_frame(report)

    @guarded
    def reindex(request: gr.Request, progress=PROGRESS):
        """Index the shipped guides and every upload again; unchanged files are skipped."""
        actor = signed_in(services, request)
        report = services.operations.reindex(
            actor, progress=lambda n, total, name: progress((n - 1, total), desc=f"Indexing {name}")
        )
        return report_frame(report)

    @guarded
    def list_guides(request: gr.Request) -> pd.DataFrame:
        """Guides uploaded through the app."""
        entries = services.operations.documents(signed_in(services, request))
        rows = [[e.source, e.title, e.chunks, day(e.added_at)] for e in entries]
        return pd.DataFrame(rows, columns=GUIDE_COLUMNS)

    @guarded
    def stack_status(measure_model: bool, request: gr.Request) -> pd.DataFrame:
        """The doctor's checks; the model only when asked (it may take a while to start)."""
        checks = services.operations.status(signed_in(services, request), bool(measure_model))
        rows = [[c.component, c.version, c.ok, c.figure, c.fix] for c in checks]
        return pd.DataFrame(rows, columns=STATUS_COLUMNS)

    def everything(request: gr.Request):
        """Fill the tab when an admin opens the app; others get nothing (and no error)."""
        if signed_in(services, request).role is not Role.ADMIN:
            return (gr.skip(),) * 6
        return (list_users(request), list_pairs(request), *people_choices(request),
                list_guides(request))  # fmt: skip

    private = {"api_visibility": "private"}
    app.load(guarded(everything), None, [users, pairs, mentor, mentee, program, guides], **private)
    refresh.click(list_users, None, users, api_name="users")
    refresh.click(list_pairs, None, pairs, api_name="pairs")
    refresh.click(list_guides, None, guides, api_name="guides")
    refresh.click(people_choices, None, [mentor, mentee, program], **private)
    add_user_btn.click(
        add_user, [username, display, role, password, email],
        [user_status, username, display, password, email], api_name="add_user",
    ).success(list_users, None, users, **private).success(
        people_choices, None, [mentor, mentee, program], **private
    )  # fmt: skip
    add_pair_btn.click(
        add_pair, [mentor, mentee, program], pair_status, api_name="add_pair"
    ).success(list_pairs, None, pairs, **private)
    upload_btn.click(upload_guides, files, results, api_name="upload_guides").success(
        list_guides, None, guides, **private
    )
    for changed in people:
        changed.success(list_users, None, users, **private)
    reindex_btn.click(reindex, None, results, api_name="reindex")
    check_btn.click(stack_status, with_model, status, api_name="stack_status")
