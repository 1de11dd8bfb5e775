"""Actions, owners and due dates read from a reflection by rules."""

import json
from pathlib import Path

import pytest

from coach.domain.clauses import clauses
from coach.domain.due_dates import due_of
from coach.domain.pair_owners import owner_of
from coach.domain.pair_profile import PairProfile
from coach.domain.summary_actions import find_actions
from coach.domain.summary_draft import ReflectionSummary, Span, SummaryAction
from coach.evals.datasets import load_pairs, load_reflection_set
from coach.evals.summary_gold import action_scores

REPO = Path(__file__).resolve().parents[3]
# Bilal Qureshi is the mentor, Frank Müller the mentee.
PAIR = PairProfile.model_validate(
    json.loads((REPO / "evals/datasets/pairs/pair-logistics-01.json").read_text())
)


def found(text: str, author: str = "mentor") -> list[tuple[str, str, str]]:
    return [(a.clause.text, a.owner, a.due) for a in find_actions(text, PAIR, author)]


def test_two_peoples_actions_in_one_sentence_are_two_actions_with_their_own_deadlines():
    text = "Frank will ask two drivers about it, and I'll send him the slides by Friday."
    assert found(text) == [
        ("Frank will ask two drivers about it", "mentee", ""),
        ("I'll send him the slides by Friday.", "mentor", "by Friday"),
    ]


def test_the_author_decides_who_i_and_he_are():
    text = "I'll draft the ad. He's going to brief the recruiters next week."
    assert [o for _, o, _ in found(text, "mentor")] == ["mentor", "mentee"]
    assert [o for _, o, _ in found(text, "mentee")] == ["mentee", "mentor"]


def test_the_partners_office_owns_what_it_will_do_and_we_is_both():
    text = (
        "His EA will book a slot before the end of the month. We're going to present it together."
    )
    assert found(text) == [
        ("His EA will book a slot before the end of the month.", "mentee",
         "before the end of the month"),
        ("We're going to present it together.", "both", ""),
    ]  # fmt: skip


def test_list_lines_labels_and_bullets_under_a_heading():
    text = (
        "Actions:\n- me: send the comparison by Thursday\n- Frank: ask HR for the numbers\n"
        "- book two depot visits ahead of the offsite\n\nNext step is mine: a one-pager."
    )
    assert found(text) == [
        ("me: send the comparison by Thursday", "mentor", "by Thursday"),
        ("Frank: ask HR for the numbers", "mentee", ""),
        ("book two depot visits ahead of the offsite", "mentor", "ahead of the offsite"),
        ("Next step is mine: a one-pager.", "mentor", ""),
    ]


def test_hedges_wishes_past_promises_and_vague_quotes_are_not_actions():
    text = (
        "I might ask the programme lead. Maybe we should meet at the depot. "
        "He said he'll try to do it next month. He said he'd \"take it away\". "
        "I read the reviews as promised. I'd like the next session to be longer. "
        "I'll raise it if this happens again. Her action: none."
    )
    assert found(text) == []


def test_a_request_counts_once_the_author_accepts_it():
    assert found("He asked me to send a photo before we'd talked.") == []
    text = "He asked me to write down what would help. I said I would, before our next walk."
    assert found(text) == [(
        "He asked me to write down what would help. I said I would, before our next walk.",
        "mentor", "before our next walk")]  # fmt: skip


def test_a_request_set_with_a_deadline_is_the_authors_task_an_invitation_is_not():
    """h214: "she's asked me to … send them to her by half term"; h018: "asked me to speak at
    the award ceremony in March" is an invitation, not a task with a deadline."""
    [action] = find_actions(
        "Janet wants to hear about it, so she's asked me to collect examples and send them to "
        "her by half term.", PAIR, "mentor")  # fmt: skip
    assert (action.text, action.owner, action.due) == (
        "Collect examples and send them to her", "mentor", "by half term")  # fmt: skip
    assert found("She's asked me to speak at the award ceremony in March.") == []


def test_an_accepted_request_reads_as_its_task_even_past_a_clause_and_with_a_date():
    text = (
        'He asked me to send him the three points in an email so he can "read them properly", '
        "so I'll do that tomorrow."
    )
    [action] = find_actions(text, PAIR, "mentor")
    assert (action.text, action.owner, action.due) == (
        "Send him the three points in an email", "mentor", "tomorrow")  # fmt: skip
    assert found("He asked me to send a photo, so that he can see it.") == []
    unrelated = "He asked me to send a photo. Then we talked. I'll do that tomorrow."
    assert "Send a photo" not in [a.text for a in find_actions(unrelated, PAIR, "mentor")]


def test_a_present_tense_plan_needs_a_deadline():
    assert found("I send the order to procurement on Monday.") == [
        ("I send the order to procurement on Monday.", "mentor", "on Monday")
    ]
    assert found("I send a lot of messages.") == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll do it by close of play Thursday", "by close of play Thursday"),
        ("a draft within a fortnight", "within a fortnight"),
        ("the one-pager by end of Q1", "by end of Q1"),
        ("a one-pager for HR by the end of January", "by the end of January"),
        ("the draft by the start of March", "by the start of March"),
        ("before our next session on the 14th", "before our next session on the 14th"),
        ("in two weeks", "in two weeks"),
        ("results to him on 14 March", "on 14 March"),
        ("I post it on the careers page monday", "monday"),
        ("pull usage by age band", ""),
    ],
)
def test_deadlines_as_people_write_them(text, due):
    assert due_of(text) == due


def test_clauses_keep_exact_offsets_and_keep_a_named_pair_together():
    text = "Rosa and I walk the site in February, and Frank will join us."
    found_clauses = clauses(text, ["Frank", "Rosa"])
    assert [c.text for c in found_clauses] == [
        "Rosa and I walk the site in February", "Frank will join us."]  # fmt: skip
    assert all(text[c.start : c.end] == c.text for c in found_clauses)


def test_someone_outside_the_pair_with_a_task_of_their_own_starts_a_clause():
    # h206: Dev's photos were shown as part of the mentor's action
    text = ("I'm going to get him a list of what nights want, by next session, and Dev on the "
            "dock is going to send him photos of the heaters.")  # fmt: skip
    assert [c.text for c in clauses(text, ["Frank", "Rosa"])] == [
        "I'm going to get him a list of what nights want, by next session",
        "Dev on the dock is going to send him photos of the heaters.",
    ]
    assert found(text) == [("I'm going to get him a list of what nights want, by next session",
                            "mentor", "by next session")]  # fmt: skip
    # "Dev'll" as well as "Dev will"
    assert found(
        "I'll send him the rota, and Dev'll send him photos of the heaters by Friday."
    ) == [("I'll send him the rota", "mentor", "")]
    # a lower-case word after "and" is no new person
    assert len(clauses("I'll send the rota, and then will call.", ["Frank"])) == 1


def test_owner_of_reads_names_pronouns_and_proxies():
    names = {"frank": "mentee", "bilal": "mentor"}
    assert owner_of("Frank's", "mentor", names) == "mentee"
    assert owner_of("her office", "mentee", names) == "mentor"
    assert owner_of("Bilal and I", "mentee", names) == "both"
    assert owner_of("the recruiters", "mentor", names) == "unknown"


def _agreement(folder: Path) -> dict[str, float]:
    cases = load_reflection_set(folder)
    pairs = {p.id: p for p in load_pairs(folder / "pairs")}
    found_n = counted = gold = owners = dues = 0
    for case in cases:
        actions = find_actions(case.reflection, pairs[case.pair_id], case.author)
        summary = ReflectionSummary(action_items=[
            SummaryAction(text=a.text, owner=a.owner, due=a.due or None,
                          span=Span(start=a.clause.start, end=a.clause.end, quote=a.clause.text))
            for a in actions])  # fmt: skip
        scores = action_scores(summary, case.gold, case.reflection)
        hits = round((scores["action_recall"] or 0) * len(case.gold.actions))
        found_n, gold = found_n + hits, gold + len(case.gold.actions)
        precision = scores["action_precision"]
        counted += round(hits / precision) if precision else (len(actions) if precision == 0 else 0)
        owners += round((scores["owner_accuracy"] or 0) * hits)
        dues += round((scores["due_accuracy"] or 0) * hits)
    return {"precision": found_n / counted, "recall": found_n / gold,
            "owner": owners / found_n, "due": dues / found_n}  # fmt: skip


def test_the_rules_agree_with_the_development_gold():
    """A fit, not a held-out figure: the rules were written reading these cases
    (evals/datasets); the held-out set is reported in docs/evals.md and never tuned on. The
    rules alone, without the action model: 0.93 precision on the 232 cases, 0.926 with
    h197-h216, twenty cases they were not written from (docs/evals.md, eighteenth pass)."""
    agreement = _agreement(REPO / "evals/datasets")
    assert agreement["precision"] >= 0.92 and agreement["recall"] >= 0.9
    assert agreement["owner"] >= 0.95 and agreement["due"] >= 0.93


def test_what_the_audit_found():
    """Each line once went wrong (an independent audit of the rules)."""
    assert found("I will check in on Monday and draft a plan by Friday.") == [
        ("I will check in on Monday", "mentor", "on Monday"),
        ("draft a plan by Friday.", "mentor", "by Friday"),
    ]  # fmt: skip
    assert found("Tom will send me the slides by Friday.") == []  # a third party's action
    assert found("Frank and Bilal will present together.")[0][1] == "both"
    for idle in ("I'm going to be honest, it was awkward.", "I have to say he listened well.",
                 "We'll see.", "He promised nothing.", "I may send it by Friday.",
                 "Frank, surprisingly, loved the budgeting app.", "What I will try:"):  # fmt: skip
        assert found(idle) == [], idle
    # Rosa is not of this pair: the walk is the author's; with the partner it is both's.
    assert found("Rosa and I walk the east side in February.", "mentee")[0][1] == "mentee"
    assert found("Bilal and I walk the east side in February.", "mentee")[0][1] == "both"
    assert due_of("I will bring the thurs rota") == ""
    assert due_of("I will send it by March 3rd") == "by March 3rd"
    assert due_of("in 2 weeks' time") == "in 2 weeks' time"


def test_a_modal_inside_what_is_to_be_done_does_not_hedge_the_commitment():
    """r006: "Aisha will sketch what a label could look like" is her action."""
    assert found("Frank will sketch what a new job ad could look like.") == [
        ("Frank will sketch what a new job ad could look like.", "mentee", "")]  # fmt: skip
    assert found("I might look at what could work for the drivers.") == []


def test_under_a_next_heading_a_plan_in_the_present_is_an_action():
    """r004: "Next: he's extending the one-observation thing to Ward 8"."""
    assert found("Next: he's extending the rota trial to the night shift.") == [
        ("he's extending the rota trial to the night shift.", "mentee", "")]  # fmt: skip
    assert found("He's extending the rota trial to the night shift.") == []  # no heading, no date


def test_wanting_to_do_something_on_a_date_is_an_action():
    """r004: "He wants to see it himself on Thursday." """
    assert found("He wants to see the depot himself on Thursday.") == [
        ("He wants to see the depot himself on Thursday.", "mentee", "on Thursday")]  # fmt: skip
    assert found("He wants to see the depot one day.") == []


def test_a_wish_the_writer_has_not_agreed_to_and_taking_a_compliment_are_no_actions():
    # h007 and h009 (summary-8's reviewer): "listed though she hasn't agreed", "as an action"
    wish = "He wants to come back to the depot in January."
    assert found(wish) == [(wish, "mentee", "in January")]
    assert found(wish + " I'm not sure I want that unless we agree how it works first.") == []
    assert found(wish + " I'm not sure about the timing.") == [(wish, "mentee", "in January")]
    assert found("He thanked me for being the awkward one. I'll take that.") == []
    assert found("I'll take that to the board on Monday.")[0][1:] == ("mentor", "on Monday")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll raise it at the next leadership call", "at the next leadership call"),
        ("Frank will reply in a fortnight", "in a fortnight"),
        ("I'll map the rota over the next two weeks", "over the next two weeks"),
        ("send the times EOD", "EOD"),
        ("before the quarterly review", "before the quarterly review"),
        ("no later than Friday", "no later than Friday"),
        ("by close of play on Wednesday", "by close of play on Wednesday"),
        ("before she goes on leave", "before she goes on leave"),
        ("before the new drivers arrive in March", "before the new drivers arrive in March"),
        ("at the all-hands in two weeks", "in two weeks"),  # a date beats a named event
        ("I'll send it once the survey closes on Friday", ""),  # the survey's Friday
        ("I'll ask them whether they'd come in January", ""),
        ("at the time I thought so", ""),
    ],
)
def test_deadlines_the_first_rules_missed(text, due):
    """Shapes from the development cases h041-h064, which helpers wrote without the code."""
    assert due_of(text) == due


def test_action_shapes_the_first_rules_missed():
    assert found(
        "It was agreed that Frank will call the depot, and that I shall write to HR by Friday."
    ) == [  # fmt: skip
        ("It was agreed that Frank will call the depot", "mentee", ""),
        ("I shall write to HR by Friday.", "mentor", "by Friday"),
    ]
    assert found("Before he goes on leave, Frank will brief the night team.") == [
        ("Before he goes on leave, Frank will brief the night team.", "mentee",
         "before he goes on leave")]  # fmt: skip
    assert [(o, d) for _, o, d in found(
        "Actions:\n→ frank: ring the bus company first thing tomorrow\n"
        "→ both of us: read the leaver interviews before christmas\n"
        "→ Frank and Bilal together: draft a one-liner"
    )] == [("mentee", "first thing tomorrow"), ("both", "before christmas"),
           ("both", "")]  # fmt: skip
    assert found("The form is to be reread by me before the review.")[0][1:] == (
        "mentor",
        "before the review",
    )
    assert found("The two of us will record a thank-you video on Thursday.")[0][1:] == (
        "both",
        "on Thursday",
    )
    assert found("It's on me to write the trustees a note. I'll get onto it.") == [
        ("It's on me to write the trustees a note.", "mentor", "")]  # fmt: skip
    assert (
        found("He'll also raise sizing with procurement, though he couldn't say when.")[0][1]
        == "mentee"
    )


def test_the_partners_offer_that_the_author_accepts_is_the_partners_action():
    text = (
        'Frank asked, "Shall I write up the themes for the board?" '
        'I said, "Yes please, by the 28th."'
    )
    assert [(o, d) for _, o, d in found(text)] == [("mentee", "by the 28th")]
    assert [(o, d) for _, o, d in found(text, "mentee")] == [("mentor", "by the 28th")]
    assert found('"Shall I send you the slides?" he asked. Not yet, I said.') == []


def test_candour_past_deeds_and_guesses_are_not_actions():
    for idle in ("I'll be candid, the board wants it for the report.",
                 "Frank already had a meeting booked for Thursday.",
                 "I shall miss her while she's away.",
                 "He reckons he can do that over the next two weeks."):  # fmt: skip
        assert found(idle) == [], idle


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Frank to send me the feedback within ten days", "within ten days"),
        ("Frank will ride a night shift when he's back from leave", "when he's back from leave"),
        ("get an answer from the safety manager ASAP", "ASAP"),
        ("I'll bring the data, anonymised, to session two", "to session two"),
        ("I'll open the meeting to the late desk from January", "from January"),
        ("the top threads from December by Monday", "by Monday"),  # a date beats "from"
        ("bring a list of gripes next session", "next session"),
        ("Susan will introduce me before we break up for Christmas",
         "before we break up for Christmas"),
    ],
)  # fmt: skip
def test_deadlines_of_the_second_batch(text, due):
    """Shapes from the development cases h065-h088 (helpers who read no code)."""
    assert due_of(text) == due


def test_action_shapes_of_the_second_batch():
    text = (
        "We agreed that:\n– Frank will cost the day before the February board.\n"
        "– Both of us to meet the recruitment lead, no deadline set\n"
        "I'm to write up three examples within a fortnight."
    )
    assert [(o, d) for _, o, d in found(text)] == [
        ("mentee", "before the February board"),
        ("both", ""),
        ("mentor", "within a fortnight"),
    ]
    for idle in ("He joked that at consultancy rates I owe him a fortune.",
                 "I told him the coffee is on me for the rest of the year.",
                 "I seem mostly to be forgetting them by Tuesday.",
                 "He says he'll get there."):  # fmt: skip
        assert found(idle) == [], idle


def test_the_partners_offer_reads_from_the_authors_side():
    text = '"Shall I send you the slides before our next session?" he asked, and I said yes please.'
    (action,) = find_actions(text, PAIR, "mentor")
    assert (action.text, action.owner, action.due) == (
        "Send me the slides", "mentee", "before our next session")  # fmt: skip


def test_a_deadline_inside_someones_quoted_words_stays_in_them():
    """r031: 'said he'll "use it at the ops board"' lost its words and read 'use it "'."""
    (action,) = find_actions('Frank liked it, said he\'ll "use it at the ops board".', PAIR,
                             "mentor")  # fmt: skip
    assert action.due == "at the ops board"
    assert action.text.endswith('"use it at the ops board"')


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll keep the app on my phone over Christmas", "over Christmas"),
        ("Frank to raise the budget with finance before the upfront", "before the upfront"),
        ("Bilal: depot version, house template, to me Monday the 4th", "Monday the 4th"),
        ("Me: present it at the ops review, the 6th", "the 6th"),
        ("I'll send him the stories in time for that sync", "in time for that sync"),
        ("Frank will sort the agency backfill before launch", "before launch"),
        ("I'll audit our own pages, end of January latest", "end of January"),
        ("me: sit in on the standup for a week, first week back in January",
         "first week back in January"),
        ("Frank will speak at the induction, sometime in Q1", "sometime in Q1"),
        ("Frank is asking the foundation this side of Christmas", "this side of Christmas"),
        ("the clips get filmed by me during the January shutdown", "during the January shutdown"),
        ("I'll write 150 words by Wednesday arvo", "by Wednesday arvo"),
        ("Frank to re-send the figures, first thing Monday", "first thing Monday"),
        ("Frank to ask two drivers, ahead of his annual leave", "ahead of his annual leave"),
        ("Frank and I brief her together before she takes it", "before she takes it"),
        ("run the next sprint retro with the most junior first", ""),  # the retro is the task
        ("we meet on the 3rd floor", ""),
    ],
)  # fmt: skip
def test_deadlines_of_the_third_batch(text, due):
    """Shapes from the development cases h089-h112 (a helper who read no code)."""
    assert due_of(text) == due


def test_action_shapes_of_the_third_batch():
    text = (
        "What I'm supposedly doing:\n- turn the slides into a briefing for him, by next Friday\n"
        "- the first clips get filmed by me and Jonas in January\n"
        "- handover shadow, the 29th, me\n"
        "I'm co-presenting it to the board with Frank on the 28th of January."
    )
    assert [(o, d) for _, o, d in found(text)] == [
        ("mentor", "by next Friday"),
        ("mentor", "in January"),
        ("mentor", "the 29th"),
        ("both", "on the 28th of January"),
    ]


def test_requests_and_offers_answered_in_the_next_breath():
    asked = "Marketing want a quote from me for the newsletter by the 14th. Will send."
    assert [(o, d) for _, o, d in found(asked)] == [("mentor", "by the 14th")]
    passive = "I've been asked to write 150 words for the intranet by Friday. I'll do the blurb."
    assert [(o, d) for _, o, d in found(passive)] == [("mentor", "by Friday")]
    offered = 'Want me to send a note on how it comes across? "Yes please, and don\'t soften it."'
    assert [o for _, o, _ in found(offered)] == ["mentor"]


def test_initials_and_a_partners_office_own_list_lines():
    """h094's minutes: "KW to …", "HJ's office to …" (the initials of the pair's names)."""
    text = (
        "Actions\n- BQ to re-send the figures, first thing Monday.\n"
        "- FM's office to confirm the lunch."
    )
    assert [(o, d) for _, o, d in found(text)] == [("mentor", "first thing Monday"), ("mentee", "")]


def test_a_first_initial_alone_and_a_next_session_label_own_a_list_line():
    """h198's TODO: "next session: Y to role-play …" is Yuki's, not the writer's."""
    text = "TODO\n- me: send the deck, Friday\n- next session: F to walk me through the rota"
    assert [o for _, o, _ in found(text)] == ["mentor", "mentee"]


def test_more_shapes_that_are_not_actions():
    for idle in ("I set out the ground rules: he is to speak freely, and I will keep time.",
                 "He said he'd \"circle back on that\".",
                 "I'm going to stop expecting things, I think.",
                 "I missed the handover I'd promised to shadow."):  # fmt: skip
        assert found(idle) == [], idle


def test_owner_labels_tables_and_withdrawals_of_the_fourth_batch():
    """Shapes from the development cases h113-h128 (a helper who read no code)."""
    text = (
        "Owner: me. Redo the driver survey, only the night shift, by next Wednesday.\n"
        "Owner: Frank. A letter to every depot, by the time the schools go back.\n"
        "Frank's homework: the January digest, to me by the 2nd at the latest.\n"
        "What | Who | When\n"
        "Thermals in every size | Frank | end of play Thursday\n"
        "Hot food for nights, costed | me, with facilities | before the Easter break\n"
        "Ball's in my court to hand the board over, before I go on leave on the 22nd."
    )
    assert [(o, d) for _, o, d in found(text)] == [
        ("mentor", "by next Wednesday"),
        ("mentee", "by the time the schools go back"),
        ("mentee", "by the 2nd at the latest"),
        ("mentee", "end of play Thursday"),
        ("mentor", "before the Easter break"),
        ("mentor", "before I go on leave on the 22nd"),
    ]
    withdrawn = (
        "I offered to keep running the board. We agreed it should be theirs, so I'm off the hook."
    )
    assert found(withdrawn) == []
    for idle in ('Said he\'d get to them "when things calm down".',
                 "I had promised three stories from the food hub.",
                 "Brought my three questions like I said I would.",
                 "Frank, session 1"):  # fmt: skip
        assert found(idle) == [], idle


def test_a_heading_in_the_writers_words_opens_a_list():
    """h043: 'stuff we agreed: i'm writing up the rules …, by next wednesday' (the deadline
    after "so her team …" completes the action)."""
    text = (
        "stuff we agreed: i'm writing up the rules so his team at least knows them, "
        "by next wednesday."
    )
    assert [(o, d) for _, o, d in found(text)] == [("mentor", "by next wednesday")]


def test_a_task_disowned_in_its_line_is_no_action():
    """h107: "the brochure stays, but gets cut to one page, HR's job, not ours"."""
    text = (
        "Agreed:\n- the brochure gets cut to one page, HR's job, not ours\n"
        "- I'll bring two apprentices"
    )
    assert [o for _, o, _ in found(text)] == ["mentor"]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Frank to send me the names, ahead of my risk committee", "ahead of my risk committee"),
        ("I'll present it at the February town hall", "at the February town hall"),
    ],
)
def test_a_deadline_is_not_cut_mid_phrase(text, due):
    """summary-13's reviewer: "due ahead of my", "hall … due at the February town"."""
    assert due_of(text) == due


@pytest.mark.parametrize(
    ("author", "text", "due", "task"),
    [
        (
            "mentee",
            "Bilal to send me the names, ahead of my risk committee on the 9th of January.",
            "ahead of my risk committee on the 9th of January",
            "Bilal to send me the names",
        ),
        (
            "mentor",
            "Me: re-send her the playlist, by EOD Thursday, with timestamps.",
            "by EOD Thursday",
            "Re-send her the playlist, with timestamps",
        ),
        (
            "mentor",
            "I'll send the digest by the 2nd at the latest.",
            "by the 2nd at the latest",
            "I'll send the digest",
        ),
    ],
)
def test_a_deadline_keeps_its_date_and_firmness(author, text, due, task):
    """h089, h116, h114: the date after a named event, "EOD Thursday" and "at the latest" are
    the deadline's, so none is left in the action's text."""
    (action,) = find_actions(text, PAIR, author)
    assert (action.due, action.text) == (due, task)


def test_a_date_after_the_deadline_that_is_no_day_stays_out():
    """ "on the 3rd floor" is a place, not the deadline's date."""
    assert due_of("I'll book the room by Friday on the 3rd floor") == "by Friday"


def test_an_action_does_not_end_on_the_word_before_its_deadline():
    """h112 read "… as a trial from" once "the 5th" was cut out."""
    (action,) = find_actions(
        "We agreed that the Line 3 issues move to a Teams channel as a trial from the 5th.",
        PAIR,
        "mentor",
    )
    assert action.due == "from the 5th" and action.text.endswith("as a trial")


def test_owner_marks_edge_barred_tables_and_short_months_of_the_fifth_batch():
    """Shapes from the development cases h129-h168 (helpers who read no code)."""
    text = (
        "Stuff to do:\n"
        "- log the break room temperature every night for a fortnight (B)\n"
        "- ask facilities about hot food on nights, by the 20th (F)\n"
        "- Teams check-in with the depot leads this week (me)\n"
        "- Copilot summaries of the close channel, set up for him → me, after Christmas\n"
        "\n"
        "| What | Who | When |\n"
        "|---|---|---|\n"
        "| Refresh the themes pack for the board slot | Frank | by 16 Jan |\n"
        "| Programme feedback forms | both | Friday |"
    )
    assert [(o, d) for _, o, d in found(text)] == [
        ("mentor", ""),
        ("mentee", "by the 20th"),
        ("mentor", "this week"),
        ("mentor", "after Christmas"),
        ("mentee", "by 16 Jan"),
        ("both", "Friday"),
    ]
    assert found("- the new rota went up on the wall (a)") == []  # no initial of the pair
    assert due_of("we decided by december") == "by december"
    assert due_of("I'll decide soon") == ""


def test_a_quoted_offer_is_the_partners_unless_the_writer_asked_it():
    """h130, h143, h146: the partner's "Want me to …?" in the writer's notes, and "Please,
    yes."; the writer's own 'I asked, "Shall I …?"' stays the writer's."""
    partner = 'Frank asked, "Want me to sit in on the planning meeting on Monday?" Please, yes.'
    assert [(o, d) for _, o, d in found(partner)] == [("mentee", "on Monday")]
    bare = '"Want me to draft the pilot outline for the exec?" Yes please, by 10 January.'
    assert [(o, d) for _, o, d in found(bare)] == [("mentee", "by 10 January")]
    mine = 'I asked, "Shall I put the bits on one crib sheet before the board?" and he said yes.'
    assert [o for _, o, _ in found(mine)] == ["mentor"]


def test_a_habit_is_no_deadline_and_a_row_not_agreed_is_no_action():
    """h140 "every Friday (me)", h148 "| … | not agreed yet |"."""
    assert due_of("collect and type up the cards every Friday") == ""
    assert due_of("send it Friday") == "Friday"
    assert found("| Names on fixes in the ops report | Frank | not agreed yet |") == []


def test_a_table_whose_header_names_no_owner_is_no_task_list():
    """h173: "Item | Where we got to | Next" put a row's progress in the owner's place and its
    next step in the deadline's."""
    text = (
        "| Item | Where we got to | Next |\n|---|---|---|\n"
        "| Label printing | Frank showed me a chat | Frank to ask IT about QR codes |"
    )
    assert all(due != "Frank to ask IT about QR codes" for _, _, due in found(text))
    owned = "| Action | Who | When |\n|---|---|---|\n| Book the room | Frank | by Friday |"
    assert [(o, d) for _, o, d in found(owned)] == [("mentee", "by Friday")]


def test_actions_in_the_shapes_of_h181_to_h196():
    """A request asked as "if I'd", answered "I said yes"; "what I've got to do is …"; a
    hypothetical inside the task is no condition; "probably" and a quoted "look at" hedge."""
    asked = "He asked if I'd send a monthly digest of what drivers say. I said yes, reluctantly."
    assert [(a.text, a.owner) for a in find_actions(asked, PAIR, "mentor")] == [
        ("Send a monthly digest of what drivers say", "mentor")]  # fmt: skip
    chores = "So what I've got to do is send him a quote by 6 January, and turn up on the 9th."
    assert [(a.text, a.due) for a in find_actions(chores, PAIR, "mentor")] == [
        ("Send him a quote", "by 6 January"), ("Turn up", "on the 9th")]  # fmt: skip
    hypothetical = "I'll write up the questions I'd want asked if I were new, and send them."
    assert found(hypothetical)
    assert found("I'll probably put something polite.") == []
    meant = "What I'm meant to do: add fuel cost per route and send it to him by the 3rd."
    assert [(a.text, a.due) for a in find_actions(meant, PAIR, "mentor")] == [
        ("Add fuel cost per route and send it to him", "by the 3rd")]  # fmt: skip
    assert found('He said he\'ll "look at it properly in the new year".') == []


def test_a_false_start_and_a_task_said_again_are_one_action():
    """h184: "Tomás is, er, he's going to pull …, and he'll have that for next session" is one
    task, his, worded by what he does and due when the second clause says."""
    text = ("He is, er, he's going to pull the chat volume for November so we've got a number, "
            "and he'll have that for next session.")  # fmt: skip
    assert [(a.text, a.owner, a.due) for a in find_actions(text, PAIR, "mentor")] == [
        ("He's going to pull the chat volume for November", "mentee", "for next session")
    ]
    # a second task of another person's is kept
    two = "I'll pull the volumes, and he'll have that for next session."
    assert [a.owner for a in find_actions(two, PAIR, "mentor")] == ["mentor", "mentee"]


def test_a_day_of_a_named_month_is_one_deadline():
    """h195: "before the 8th of January" was cut to "before the 8th", leaving "… call of
    January" in the action; "by the 3rd floor" is no day."""
    assert due_of("She's going to book a call before the 8th of January.") == (
        "before the 8th of January"
    )
    assert found("I'll book a second call before the 8th of January.") == [
        (
            "I'll book a second call before the 8th of January.",
            "mentor",
            "before the 8th of January",
        )
    ]
    said = "I'll book a second call before the 8th of January."
    assert [a.text for a in find_actions(said, PAIR, "mentor")] == ["I'll book a second call"]
    assert due_of("I'll take the boxes by the 3rd floor lift.") == ""


def test_a_date_someone_promised_is_no_task_of_its_own():
    """h203: 'Susan: "first week of January, promise" |' in a table row was an action; the
    task it dates ("the SE intro, first week of January") is listed on its own line."""
    text = ('| Intro to the SE manager | Not done. Frank: "first week of January, promise" |\n\n'
            "What he's agreed:\n- the SE intro, first week of January")  # fmt: skip
    assert [(a.text, a.due) for a in find_actions(text, PAIR, "mentor")] == [
        ("The SE intro", "first week of January")]  # fmt: skip
