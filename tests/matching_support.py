"""A small candidates file for the lead's matching screen, and accounts for its people.

Four newcomers get participant accounts (by display name). The file also names a demo mentor
who is already paired (left out), a senior with no account (flagged), a broken row (an error
line) and a junior whose topical best fit is her own boss (ruled out, with the reason).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from coach.services.access import OPERATOR
from coach.services.container import Services
from coach.services.errors import UserError

HEADER = "name,side,role_title,department,generation,strengths,interests,goals,reports_to"
ROWS = [
    "Nina Park,mentor,Data Analyst,Analytics,Gen Z,TikTok explainer videos; mobile app research,"
    "jazz; climbing,,Head of Analytics",
    "Oscar Lind,mentor,Support Engineer,IT Service Desk,Millennial,"
    "Microsoft Teams tips; running hybrid meetings,chess,,Head of IT",
    "Uma Stone,mentor,Finance Analyst,Finance,Gen Z,savings products explained on TikTok,"
    "jazz,,Rosa Diaz",
    "Rosa Diaz,mentee,Chief Financial Officer,Finance,Gen X,budgets,jazz; opera,"
    "explain savings products on TikTok; understand how young customers choose a banking app,"
    "Group CEO",
    "Victor Hale,mentee,Chief Operating Officer,Operations,Baby Boomer,logistics,chess,"
    "run hybrid meetings in Microsoft Teams,Group CEO",
    "Quinn Abbott,mentee,General Counsel,Legal,Gen X,contracts,sailing,read app store reviews,"
    "Group CEO",
    "Priya Nair,mentor,Data analyst,Logistics operations,Gen Z,dashboards,climbing,,",
    "Broken Row,leader,Head of Nothing,Strategy,Gen X,,,,",
]
# username, display name: participants the file names, created before the upload
NEWCOMERS = [("nina.park", "Nina Park"), ("oscar.lind", "Oscar Lind"),
             ("uma.stone", "Uma Stone"), ("rosa.diaz", "Rosa Diaz"),
             ("victor.hale", "Victor Hale")]  # fmt: skip
NEWCOMER_PASSWORD = "newcomer password 1"


def add_newcomers(services: Services) -> None:
    """Participant accounts for the file's people (again is fine: the names are then taken)."""
    for username, name in NEWCOMERS:
        with contextlib.suppress(UserError):
            services.users.add(OPERATOR, username, "participant", NEWCOMER_PASSWORD, name)


def candidates_csv(folder: Path, services: Services) -> Path:
    """The candidates file, its people's accounts made through the services."""
    add_newcomers(services)
    path = folder / "candidates.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path
