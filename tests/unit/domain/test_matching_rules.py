"""The pure side of matching: row checks, reporting chains, the hard rules, the score parts and
the reasons' wording."""

from __future__ import annotations

import pytest

from coach.domain.candidates import items, missing_columns, read_rows
from coach.domain.match_reasons import FirstChoice, reasons, why_unmatched
from coach.domain.matching import (
    NO_TOPIC,
    MatchOptions,
    MatchWeights,
    Rule,
    TopicFit,
    breach,
    crosses_generations,
    interest_overlap,
    pair_score,
    shared_interests,
)
from coach.domain.pairs import Side

pytestmark = pytest.mark.unit


def person(name, side="mentor", department="Data", reports_to="", **more):
    return {"name": name, "side": side, "role_title": "", "department": department,
            "generation": "", "strengths": "", "interests": "", "goals": "",
            "reports_to": reports_to, **more}  # fmt: skip


def pool(*people):
    return read_rows(enumerate(people, start=2))


def test_each_bad_row_gets_exactly_one_error_and_good_rows_stay():
    result = pool(
        person("Ana"),
        person("Ben", side=""),
        person("Cy", side="junior"),
        person("ana ", side="mentee", department="Sales"),  # a namesake of row 2
        person("Dee", side="mentee", reports_to="DEE"),
        person("Eve", department=" "),
        person("", side="mentee"),
        person("Fay", capacity="3"),
    )
    assert [c.name for c in result.candidates] == ["Ana"]
    assert [(e.row, e.message.split(";")[0]) for e in result.errors] == [
        (3, "row 3 (Ben): no side"),
        (4, "row 4 (Cy): side 'junior' is neither mentor nor mentee"),
        (5, "row 5 (ana): the name is already on row 2"),
        (6, "row 6 (Dee): reports_to names the person themself"),
        (7, "row 7 (Eve): no department"),
        (8, "row 8: no name"),
        (9, "row 9 (Fay): capacity '3' is not 1 or 2"),
    ]
    assert all(len(e.message.split("; ")) >= 2 for e in result.errors)  # what to do, too


def test_every_row_in_a_reporting_cycle_gets_an_error_and_the_rows_below_do_not():
    result = pool(
        person("A", side="mentee", reports_to="B"),
        person("B", side="mentee", reports_to="C"),
        person("C", reports_to="A"),
        person("D", reports_to="A"),
    )
    assert [c.name for c in result.candidates] == ["D"]
    assert [e.row for e in result.errors] == [2, 3, 4]
    assert "reporting cycle A → B → C → A" in result.errors[0].message
    assert "reporting cycle C → A → B → C" in result.errors[2].message


def test_reporting_lines_follow_names_in_the_file_and_stop_at_others():
    result = pool(
        person("Junior", reports_to="Team Lead"),
        person("Team Lead", side="", reports_to="senior"),  # a bad row still links the chain
        person("Senior", side="mentee", department="Ops", reports_to="Outside Boss"),
        person("Other Junior", reports_to="Outside Boss"),
        person("Upward", reports_to=""),
        person("Reports To Upward", side="mentee", department="Ops", reports_to="UPWARD"),
    )
    lines = result.lines
    assert lines.line_between("junior", "senior") == ["Junior", "Team Lead", "Senior"]
    assert lines.line_between("senior", "junior") == ["Junior", "Team Lead", "Senior"]
    assert lines.line_between("other junior", "senior") is None  # siblings under an outsider
    assert lines.line_between("upward", "reports to upward") == ["Reports To Upward", "Upward"]


def test_the_hard_rules_and_the_leads_rules():
    result = pool(
        person("Jay", department="Finance ", reports_to="Mid"),
        person("Mid", side="mentee", department="Treasury", reports_to="Top"),
        person("Top", side="mentee", department="Executive"),
        person("Kim", department="finance"),
        person("Sol", side="mentee", department="FINANCE"),
        person("Lou", department="Sales"),
    )
    jay, mid, top, kim, sol, lou = (
        result.find(n, s) for n, s in (("Jay", Side.MENTOR), ("mid", Side.MENTEE),
                                       ("Top", Side.MENTEE), ("Kim", Side.MENTOR),
                                       ("Sol", Side.MENTEE), ("Lou", Side.MENTOR))
    )  # fmt: skip
    plain = MatchOptions()
    assert breach(kim, sol, result, plain).rule is Rule.DEPARTMENT
    assert breach(jay, mid, result, plain).text == "Jay reports to Mid"
    assert breach(jay, top, result, plain).text == "Jay reports to Top through Mid"
    assert breach(lou, top, result, plain) is None
    lead = MatchOptions(forbid=frozenset({("LOU", "top")}), ended=frozenset({("Lou", "Mid")}))
    assert breach(lou, top, result, lead).rule is Rule.FORBIDDEN
    assert breach(lou, mid, result, lead).rule is Rule.ENDED


def test_score_parts():
    result = pool(
        person("J", generation="Gen Z", interests="sailing; vegan cooking; K-pop"),
        person("S", side="mentee", department="Ops", generation="gen-z",
               interests="Cooking; sailing boats"),
        person("T", side="mentee", department="Ops", generation="Baby Boomers"),
    )  # fmt: skip
    j, s, t = result.candidates
    # words: {sailing, vegan, cooking, k-pop→pop} and {cooking, sailing, boat}
    assert interest_overlap(j, s) == pytest.approx(2 / 5)
    assert shared_interests(j, s) == ["sailing / sailing boats", "vegan cooking / Cooking"]
    assert not crosses_generations(j, s) and crosses_generations(j, t)
    weights = MatchWeights(topic=0.5, interests=0.3, generation=0.2)
    assert pair_score(TopicFit(0.6), j, s, weights) == pytest.approx(0.5 * 0.6 + 0.3 * 0.4)
    assert pair_score(TopicFit(0.6), j, t, weights) == pytest.approx(0.3 + 0.2)
    with pytest.raises(ValueError):
        MatchWeights(topic=-1)
    with pytest.raises(ValueError):
        MatchOptions(capacity=3)


def test_reasons_name_the_evidence_and_the_rule():
    result = pool(
        person("Zoe", strengths="TikTok videos", generation="Gen Z", interests="sailing"),
        person("Eli", side="mentee", department="Bank", generation="Baby Boomer",
               goals="explain savings on TikTok", interests="sailing; opera"),
        person("Raj", department="Branches", reports_to="Eli"),
    )  # fmt: skip
    zoe, eli, raj = result.candidates
    fit = TopicFit(0.7, "TikTok videos", "explain savings on TikTok", 0.71)
    first = FirstChoice(raj, 0.9, breach(raj, eli, result, MatchOptions()))
    assert reasons(zoe, eli, fit, first) == (
        "Zoe's strength “TikTok videos” meets Eli's goal “explain savings on TikTok” "
        "(similarity 0.71)",
        "Eli's closest fit, Raj, is ruled out: Raj reports to Eli",
        "shared interest: sailing; crosses generations: Gen Z and Baby Boomer",
    )
    weak = TopicFit(0.2, "TikTok videos", "explain savings on TikTok", 0.2)
    assert reasons(zoe, eli, weak, FirstChoice(zoe, 0.5))[:2] == (
        "no strength of Zoe clearly meets a goal of Eli; the nearest are “TikTok videos” and "
        "“explain savings on TikTok” (similarity 0.20)",
        "Zoe is the closest fit for Eli among all juniors",
    )
    assert reasons(raj, eli, NO_TOPIC, FirstChoice(zoe, 0.5, taken_by=eli))[0] == (
        "Raj lists no strengths, so the fit rests on interests and generations"
    )


def test_why_a_senior_is_unmatched():
    result = pool(person("A"), person("B"), person("S", side="mentee", department="Ops"))
    a, b, s = result.candidates
    assert why_unmatched(s, [], 1, 0) == "there are no juniors (side mentor) to match"
    taken = why_unmatched(s, [(a, None), (b, None)], 3, 2)
    assert taken.startswith("3 seniors share 2 junior places; every junior who may mentor them "
                            "(A and B) is matched elsewhere")  # fmt: skip


def test_columns_and_list_cells():
    header = ["Name", "SIDE", "Role title", "department", "Generation", "strengths",
              "interests", "goals", "Reports-To", "notes"]  # fmt: skip
    assert missing_columns(header) == []
    assert missing_columns(["name", "side"])[:2] == ["role_title", "department"]
    assert items("SQL; dashboards, charts ;") == ("SQL", "dashboards, charts")
    assert items("SQL, Python") == ("SQL", "Python")
    assert items("") == ()
