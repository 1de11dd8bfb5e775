"""The lead's match desk on the in-memory store: suggestions for a program's open pool,
accepting one (or a swap) creates the pair, ending a pair without blame, and re-matching
without the pair that ended."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.fit import FitResponse
from coach.domain.pairs import Pair, PairStatus, Side
from coach.services.access import OPERATOR
from coach.services.candidate_files import read_candidates
from coach.services.errors import NotFound, PermissionDenied, UserError
from tests.unit.services.conftest import PASSWORD, World

pytestmark = pytest.mark.unit

HEADER = "name,side,role_title,department,generation,strengths,interests,goals,reports_to"
# mentor and mentee are paired in the world's program; spare1 and spare2 are free.
ROWS = [
    "spare1,mentor,Analyst,Data,Gen Z,dashboards; SQL,sailing,,",
    "spare2,mentee,VP Operations,Operations,Baby Boomer,negotiation,sailing,read dashboards,",
    "mentor,mentor,Designer,Design,Millennial,user research,chess,,",
    "mentee,mentee,CFO,Finance,Gen X,budgets,chess,user research on dashboards,",
]


def write(world: World, *rows: str, name: str = "people.csv"):
    path = world.tmp / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def pairs_of(world: World) -> list[Pair]:
    return [c.pair for c in world.s.pairs.list(OPERATOR)]


def fit_answers(world: World) -> list[tuple[str, str]]:
    return sorted((f.user_id, f.answer.value) for f in world.store.rows[FitResponse].values())


def test_suggestions_leave_out_people_already_paired_in_the_program(world: World):
    found = world.s.suggestions.suggest(world.people["lead"], None, write(world, *ROWS))
    assert found.open.program.name == "Pilot"
    assert set(found.open.paired) == {"mentor", "mentee"}
    assert [(s.mentor.name, s.mentee.name) for s in found.result.pairs] == [("spare1", "spare2")]
    [pair] = found.result.pairs
    assert len(pair.reasons) == 3 and pair.score > 0
    assert found.open.accounts.problem() is None and found.open.no_account(pair.mentor) == []


def test_accepting_a_suggestion_creates_the_pair_with_the_rows_as_profiles(world: World):
    lead = world.people["lead"]
    before = len(pairs_of(world))
    card, scored = world.s.suggestions.accept(lead, None, write(world, *ROWS), "spare1", "spare2")
    assert (card.mentor, card.mentee, card.program) == ("spare1", "spare2", "Pilot")
    assert card.pair.status is PairStatus.ACTIVE and scored.mentor.name == "spare1"
    assert card.pair.mentor_profile.department == "Data"
    assert card.pair.mentee_profile.strengths == ("negotiation",)
    assert len(pairs_of(world)) == before + 1
    created = [e for e in world.s.audit.entries(OPERATOR) if e.resource_id == card.pair.id]
    assert [(e.action, e.actor_id) for e in created] == [(AuditAction.CREATE, lead.id)]
    # both are paired now: the next upload leaves them out, and accepting again is refused
    again = world.s.suggestions.suggest(lead, None, write(world, *ROWS))
    assert set(again.open.paired) == {"mentor", "mentee", "spare1", "spare2"}
    with pytest.raises(UserError, match="spare1 is already in a pair of Pilot"):
        world.s.suggestions.accept(lead, None, write(world, *ROWS), "spare1", "spare2")


def test_a_swap_shows_its_score_or_the_rule_it_breaks(world: World):
    lead = world.people["lead"]
    rows = [*ROWS, "spare3,mentor,Clerk,Operations,Gen Z,negotiation,,,"]
    world.s.users.add(OPERATOR, "spare3", "participant", PASSWORD)
    path = write(world, *rows)
    scored = world.s.suggestions.score(lead, None, path, "spare1", "spare2")
    assert scored.no_account == () and len(scored.suggestion.reasons) == 3
    with pytest.raises(UserError, match="spare3 may not mentor spare2: both work in Operations"):
        world.s.suggestions.score(lead, None, path, "spare3", "spare2")
    stored = dict(world.store.rows)
    with pytest.raises(UserError, match="both work in Operations"):
        world.s.suggestions.accept(lead, None, path, "spare3", "spare2")
    assert world.store.rows == stored, "a refused accept changes nothing"
    with pytest.raises(UserError, match="no mentor named 'nobody'"):
        world.s.suggestions.score(lead, None, path, "nobody", "spare2")
    with pytest.raises(UserError, match="choose a junior"):
        world.s.suggestions.score(lead, None, path, "", "spare2")


def test_names_map_to_accounts_by_display_name_or_username(world: World):
    admin = world.people["admin"]
    world.s.users.add(admin, "ava.chen", "participant", PASSWORD, "Ava Chen")
    world.s.users.add(admin, "tom.g", "participant", PASSWORD, "Thomas Greene")
    world.s.users.add(admin, "tom.g2", "participant", PASSWORD, "Thomas Greene")
    path = write(
        world,
        "AVA  chen,mentor,Analyst,Data,Gen Z,dashboards,,,",  # display name, any case and spacing
        "spare2,mentee,VP,Operations,Gen X,,,read dashboards,",  # username
        "Thomas Greene,mentee,CFO,Finance,Gen X,,,budgets,",  # two accounts have this name
        "Nobody Here,mentee,COO,Legal,Gen X,,,contracts,",  # no account
        "lead,mentee,Head,Strategy,Gen X,,,strategy,",  # an account, but not a participant
    )
    found = world.s.suggestions.suggest(world.people["lead"], None, path)
    accounts = found.open.accounts
    assert set(accounts.found) == {"ava chen", "spare2"}
    problem = accounts.problem() or ""
    assert "no account for Nobody Here" in problem and "an admin adds them" in problem
    assert "several accounts are named Thomas Greene: write the username" in problem
    assert "lead cannot be paired: the account is not an active participant" in problem
    nobody, ava = (
        found.open.pool.find("nobody here", Side.MENTEE),
        found.open.pool.find("Ava Chen", Side.MENTOR),
    )
    assert nobody and ava and found.open.no_account(ava, nobody) == ["Nobody Here"]
    with pytest.raises(UserError, match="no account for Nobody Here") as error:
        world.s.suggestions.accept(world.people["admin"], None, path, "ava chen", "Nobody Here")
    assert "cannot pair AVA chen with Nobody Here" in str(error.value)
    card, _ = world.s.suggestions.accept(world.people["lead"], None, path, "ava chen", "spare2")
    assert (card.mentor, card.mentor_name) == ("ava.chen", "Ava Chen")


def test_a_junior_with_two_places_and_one_pair_keeps_one_place(world: World):
    rows = [ROWS[1], "mentor,mentor,Designer,Design,Millennial,dashboards,,,,2"]
    header = HEADER + ",capacity"
    path = world.tmp / "two.csv"
    path.write_text("\n".join([header, *[r + ("" if r.endswith(",2") else ",") for r in rows]]))
    found = world.s.suggestions.suggest(world.people["lead"], None, path)
    assert found.open.paired == ()
    assert found.open.pool.find("mentor", Side.MENTOR).capacity == 1
    assert [(s.mentor.name, s.mentee.name) for s in found.result.pairs] == [("mentor", "spare2")]


def test_a_bad_file_is_one_line_naming_the_file_not_the_upload_folder(world: World):
    lead = world.people["lead"]
    bad = world.tmp / "people.csv"
    bad.write_text("name,side\nA,mentor\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        world.s.suggestions.suggest(lead, None, bad)
    message = str(error.value)
    assert message.startswith("people.csv: the header (row 1) lacks role_title")
    assert str(world.tmp) not in message
    with pytest.raises(UserError, match="upload a candidates file first"):
        world.s.suggestions.suggest(lead, None, None)
    with pytest.raises(NotFound, match="no program 'Elsewhere'"):
        world.s.suggestions.suggest(lead, "Elsewhere", write(world, *ROWS))


def test_every_active_lead_leads_every_program_for_now(world: World):
    second = world.s.programs.add(OPERATOR, "Second", date(2026, 4, 1), date(2026, 10, 1))
    lead, former = world.people["lead"], world.people["former"]
    assert {p.name for p in world.s.suggestions.programs(lead)} == {"Pilot", "Second"}
    card, _ = world.s.suggestions.accept(lead, second.id, write(world, *ROWS), "spare1", "spare2")
    assert card.program == "Second"
    assert policy.can_make_pairs(lead, second) and not policy.can_make_pairs(
        world.people["mentor"], second
    )
    assert not policy.leads_program(replace(former, active=False), second)


def test_either_member_ends_a_pair_without_blame_then_both_are_rematched(world: World):
    mentor, mentee, lead = world.people["mentor"], world.people["mentee"], world.people["lead"]
    fits = fit_answers(world)
    ended = world.s.pairs.end(mentee, world.pair.id, "not_a_good_fit")
    assert ended.pair.status is PairStatus.NOT_A_FIT and not ended.pair.status.running
    with pytest.raises(UserError, match="has ended already"):
        world.s.pairs.end(mentor, world.pair.id, "done")
    with pytest.raises(UserError, match="end a pair as done or not_a_good_fit"):
        world.s.pairs.end(mentor, world.other_pair.id, "paused")
    with pytest.raises(PermissionDenied):
        world.s.pairs.end(lead, world.other_pair.id, "done")
    assert fit_answers(world) == fits, "ending records no fit answer for either side"
    # the lead's health table shows how it ended, with no side named
    [row] = [r for r in world.s.health.table(lead) if r.health.pair_id == world.pair.id]
    assert row.health.status is PairStatus.NOT_A_FIT
    # re-matching: both are open again, and never offered each other
    found = world.s.suggestions.suggest(lead, None, write(world, *ROWS))
    assert found.open.paired == ()
    assert found.open.options.ended == frozenset({("mentor", "mentee")})
    chosen = {(s.mentor.name, s.mentee.name) for s in found.result.pairs}
    assert ("mentor", "mentee") not in chosen
    assert {m for _, m in chosen} == {"spare2", "mentee"}  # both seniors matched, crosswise
    with pytest.raises(UserError, match="their pair ended"):
        world.s.suggestions.accept(lead, None, write(world, *ROWS), "mentor", "mentee")


def test_an_ended_pair_is_excluded_whichever_side_each_is_on_now(world: World):
    world.s.pairs.end(world.people["mentor"], world.pair.id, "done")
    swapped = [
        "mentee,mentor,Designer,Design,Millennial,user research,,,",
        "mentor,mentee,CFO,Finance,Gen X,,,user research,",
    ]
    found = world.s.suggestions.suggest(world.people["lead"], None, write(world, *swapped))
    assert found.open.options.ended == frozenset({("mentee", "mentor")})
    assert found.result.pairs == () and "pair that ended" in found.result.unmatched[0].why


def test_the_open_pool_keeps_every_row_error_and_reporting_line(world: World):
    rows = [*ROWS, "spare4,mentor,Clerk,,Gen Z,,,,", "spare5,mentor,Clerk,Legal,Gen Z,,,,spare2"]
    path = write(world, *rows)
    pool = read_candidates(path)
    found = world.s.suggestions.open_pool(world.people["admin"], None, path)
    assert found.pool.errors == pool.errors and "no department" in pool.errors[0].message
    assert {c.name for c in found.pool.candidates} == {"spare1", "spare2", "spare5"}
    with pytest.raises(UserError, match="spare5 reports to spare2"):
        world.s.suggestions.score(world.people["admin"], None, path, "spare5", "spare2")
