"""Each agenda metric passes a good agenda and fails a hand-made bad one."""

from __future__ import annotations

from coach.domain.agenda import AgendaItem
from coach.evals import agenda_metrics as m
from coach.evals.runner import given_text
from tests.unit.evals.helpers import good_agenda, meta, profile


def test_good_agenda_scores_perfectly():
    scores = m.score_agenda(good_agenda(), profile())
    assert scores == {
        "valid": True,
        "minutes_exact": True,
        "goal_coverage": 1.0,
        "citation_validity": 1.0,
        "citation_support": 1.0,
        "cited_items": 0.25,
        "phase_rules": True,
        "carry_over": 1.0,
        "copied_fields": None,
        "generic_questions": 0.0,
        "focus_used": None,
        "history_used": None,
        "fell_back": None,
        "mended": None,
        "degenerate_before_guard": None,
    }
    assert m.agenda_problems(good_agenda(), profile()) == []


def test_minutes_that_do_not_sum_fail():
    agenda = good_agenda()
    agenda.items[0].minutes = 20
    assert not m.minutes_exact(agenda, profile())
    assert not m.valid(agenda, profile())
    assert any("minutes sum to 55" in p for p in m.agenda_problems(agenda, profile()))


def test_an_unserved_goal_lowers_coverage():
    agenda = good_agenda()
    agenda.items = [i for i in agenda.items if "g2" not in i.goal_ids]
    assert m.goal_coverage(agenda, profile()) == 0.5


def test_a_goal_counts_when_an_item_clearly_talks_about_it_without_the_id():
    agenda = good_agenda()
    agenda.items[3].goal_ids = []
    agenda.items[3].purpose = "Build confidence running the warehouse dashboards together"
    assert m.goal_coverage(agenda, profile()) == 1.0
    agenda.items[3].purpose = "Something else entirely"
    assert m.goal_coverage(agenda, profile()) == 0.5
    assert m.goal_coverage(agenda, profile(goals=[])) is None


def test_a_citation_retrieval_did_not_return_is_invalid_and_unsupported():
    agenda = good_agenda()
    agenda.items[0].citations = ["made-up"]
    assert m.citation_validity(agenda) == 0.0
    assert m.citation_support(agenda) == 0.0
    assert not m.valid(agenda, profile())


def test_a_valid_citation_of_an_unrelated_passage_is_not_supportive():
    agenda = good_agenda().model_copy(
        update={"meta": meta(("c1", "Quarterly budget cycles and procurement approvals."))}
    )
    assert m.citation_validity(agenda) == 1.0
    assert m.citation_support(agenda) == 0.0


def test_citation_metrics_do_not_apply_without_citations():
    agenda = good_agenda()
    agenda.items[0].citations = []
    assert m.citation_validity(agenda) is None
    assert m.citation_support(agenda) is None
    assert m.cited_items(agenda) == 0.0


def test_a_first_session_without_confidentiality_breaks_the_phase_rules():
    agenda = good_agenda()
    agenda.items[0].purpose = "Agree how often we meet and how to challenge each other"
    assert not m.phase_rules(agenda, profile())
    middle = profile(session={"number": 2, "minutes": 45, "phase": "middle"})
    assert m.phase_rules(agenda, middle)


def test_a_closing_session_needs_a_retrospective():
    closing = profile(session={"number": 6, "minutes": 45, "phase": "closing"})
    agenda = good_agenda()
    assert not m.phase_rules(agenda, closing)
    agenda.items.append(
        AgendaItem(minutes=5, title="Retrospective and what comes next", purpose="Look back")
    )
    assert m.phase_rules(agenda, closing)


def test_dropped_carry_over_fails():
    agenda = good_agenda()
    agenda.carry_over = []
    assert m.carry_over(agenda, profile()) == 0.0
    assert not m.valid(agenda, profile())
    assert m.carry_over(agenda, profile(open_action_items=[])) is None


def test_an_empty_agenda_fails_everything_that_applies():
    agenda = good_agenda().model_copy(update={"items": [], "carry_over": [], "meta": None})
    scores = m.score_agenda(agenda, profile())
    assert scores["valid"] is False and scores["minutes_exact"] is False
    assert scores["goal_coverage"] == 0.0 and scores["phase_rules"] is False
    assert scores["carry_over"] == 0.0


def test_fields_that_echo_the_prompt_count_as_copied():
    given = (
        'Format: {"title":"a few words","purpose":"one short sentence"}\n'
        "Mentor (junior): Zara Hussain (Junior analyst, Gen Z, Retail Banking Analytics)"
    )
    agenda = good_agenda()
    agenda.items[2].title = "a few words"
    agenda.items[3].purpose = "One short sentence."
    agenda.next_steps = ["Zara Hussain (Junior analyst, Gen Z, Retail Banking Analytics)"]
    written = m.written_fields(agenda)
    assert m.copied_fields(agenda, given) == 3 / len(written)
    assert m.copied_fields(good_agenda(), given) == 0.0


def test_rule_built_items_and_objectives_are_not_counted_as_written():
    agenda = good_agenda()
    agenda.objectives = ["Understand how younger customers discover brands"]
    agenda.items.append(
        AgendaItem(minutes=5, title="What comes next", purpose="Decide how we keep learning.")
    )
    written = m.written_fields(agenda)
    assert "What comes next" not in written
    assert agenda.objectives[0] not in written
    assert "TikTok discovery" in written


def test_what_counts_as_given_leaves_out_goal_and_open_item_lines():
    pair = profile()
    given = given_text("Write the agenda.", pair)
    assert pair.mentor.name in given and "Write the agenda." in given
    assert all(g.text not in given for g in pair.goals)
    assert all(a.text not in given for a in pair.open_action_items)


def _with(agenda, **session):  # noqa: ARG001 - reads as "the agenda, with this session"
    pair = profile()
    return pair.model_copy(update={"session": pair.session.model_copy(update=session)})


def test_focus_used_needs_the_subject_in_an_item_and_no_verbatim_paste():
    agenda = good_agenda()
    pair = _with(agenda, focus="Age bias in our hiring process")
    agenda.items[2].purpose = "Read one live role ad for signs of age bias in how we hire."
    assert m.focus_used(agenda, pair) is True
    agenda.items[2].purpose = "Discuss: Age bias in our hiring process."  # pasted, not addressed
    assert m.focus_used(agenda, pair) is False
    agenda = good_agenda()
    assert m.focus_used(agenda, pair) is False  # never addressed
    assert m.focus_used(agenda, _with(agenda, focus="Final session")) is None  # only the phase


def test_a_block_that_quotes_the_remark_the_focus_quotes_works_on_it():
    """fresh4 ski resort: "What's behind the remark" on 'They knew what the rent was when they
    signed' counted unused (no two words in a row of the focus that are not stop words)."""
    agenda = good_agenda()
    pair = _with(
        agenda,
        focus='Brent at the ops meeting: "They knew what the rent was when '
        'they signed. Nobody is quitting over housing." Craig half agrees with him.',
    )
    assert m.focus_used(agenda, pair) is False
    agenda.items[2].purpose = (
        "The mentee repeats 'They knew what the rent was when they signed' "
        "as they heard it; the mentor says how it looks from the floor."
    )
    assert m.focus_used(agenda, pair) is True


def test_visitors_who_just_walk_round_make_no_visit_of_the_session():
    agenda = good_agenda()
    pair = _with(
        agenda,
        focus="The launch weekend is 17 April: what makes people in their "
        "twenties reserve rather than just walk round?",
    )
    agenda.items[
        2
    ].purpose = "The mentor drafts the post that would bring people to the launch weekend."
    assert m.focus_used(agenda, pair) is True  # (fresh4 housebuilder: no walk-round needed)
    pair = _with(agenda, focus="What the tenant was told at each visit to the launch weekend")
    assert m.focus_used(agenda, pair) is True  # (the second fresh housing association)


def test_a_heading_or_a_check_in_naming_the_focus_does_not_work_on_it():
    agenda = good_agenda()
    pair = _with(agenda, focus="Age bias in our hiring process")
    agenda.items[2].title = "Age bias in one real hiring step"  # a heading over other work
    assert m.focus_used(agenda, pair) is False
    agenda.items[1].purpose = "Pick up from last time: age bias in how we hire."  # in passing
    assert m.focus_used(agenda, pair) is False
    agenda.items[2].purpose = "Read one live role ad for signs of age bias in how we hire."
    assert m.focus_used(agenda, pair) is True


def test_a_focus_tied_on_by_an_empty_link_or_pasted_everywhere_is_pasted():
    agenda = good_agenda()
    pair = _with(agenda, focus="Age bias in our hiring process")
    agenda.items[2].purpose = "Read one live role ad for signs of age bias in how we hire."
    assert m.focus_used(agenda, pair) is True
    agenda.items[
        3
    ].purpose = "The mentor runs one task that bears on age bias in our hiring process."
    assert m.focus_used(agenda, pair) is False
    agenda.items[
        3
    ].purpose = "The mentee tells the story of age bias in our hiring process, start to end."
    assert m.focus_used(agenda, pair) is True  # woven into a sentence that does work
    for item in agenda.items[:3]:
        item.prompts = [*item.prompts, "Where did you last see age bias in our hiring process?"]
    assert m.focus_used(agenda, pair) is False  # in every item: pasted, not worked on


def test_a_visit_focus_needs_the_visit_and_a_hand_over_focus_the_hand_over():
    agenda = good_agenda()
    pair = _with(agenda, focus="Visit to the cobot pilot cell")
    agenda.items[2].purpose = "The pair plans a short visit to the cobot pilot cell next month."
    assert m.focus_used(agenda, pair) is False  # planning a visit is not the visit
    agenda.items[2].purpose = "The mentor walks the mentee round the cobot pilot cell on shift."
    assert m.focus_used(agenda, pair) is True
    pair = _with(agenda, focus="Final session: hand over the recruitment pilot and look back")
    agenda.items[2].purpose = "Each says what the recruitment pilot taught them."
    assert m.focus_used(agenda, pair) is False
    agenda.items[2].purpose = "The pair hands over the recruitment pilot: who carries it on."
    assert m.focus_used(agenda, pair) is True


def test_an_open_action_quoted_in_the_review_is_not_the_focus_pasted():
    agenda = good_agenda()
    action = {"owner": "mentee", "text": "Arrange a visit to the cobot pilot cell"}
    pair = profile(open_action_items=[action])
    session = pair.session.model_copy(update={"focus": "Visit to the cobot pilot cell"})
    pair = pair.model_copy(update={"session": session})
    agenda.items[2].purpose = "On the visit, the mentor shows the cobot cell and its pilot."
    agenda.items[1].prompts = ["Kenji: Arrange a visit to the cobot pilot cell. Done or dropped?"]
    assert m.focus_used(agenda, pair) is True
    agenda.items[3].purpose = "The task is about the visit to the cobot pilot cell."  # ours
    assert m.focus_used(agenda, pair) is False


def test_history_used_needs_the_last_session_picked_up():
    agenda = good_agenda()
    pair = profile(history=[
        {"number": 1, "summary": "Met and agreed goals."},
        {"number": 2, "summary": "Reviewed job ads; flagged 'digital native' phrasing."},
    ])  # fmt: skip
    assert m.history_used(agenda, pair) is False
    agenda.items[0].purpose = "Pick up from the job ads reviewed and the digital native phrasing."
    assert m.history_used(agenda, pair) is True
    assert m.history_used(agenda, profile()) is None


def test_history_pasted_whole_into_an_item_is_not_history_used():
    """agenda-heldout-9: "at best the check-in quotes the last session"."""
    agenda = good_agenda()
    summary = "Reviewed the job ads together; Deborah flagged phrases like 'digital native'."
    pair = profile(history=[{"number": 2, "summary": summary}])
    agenda.items[0].purpose = f"Pick up from session 2: {summary}"
    assert m.history_used(agenda, pair) is False
    agenda.items[0].prompts = ["Which of the job ads has Deborah's 'digital native' flag changed?"]
    assert m.history_used(agenda, pair) is True


def test_unpasted_drops_only_runs_copied_word_for_word():
    source = "Paul came to a 5am briefing and nobody asked anything."
    assert m.unpasted("Since Paul came to a 5am briefing, what changed?", source) == (
        "since what changed"
    )
    assert m.unpasted("Paul came to the briefing", source) == "paul came to the briefing"


def test_generic_questions_counts_textbook_and_third_person_questions():
    agenda = good_agenda()
    agenda.items[1].prompts = [
        "What are some of the key features of TikTok?",
        "How can the junior mentor build trust with the senior leader?",
        "When you last posted a job ad, which phrase did you hesitate over?",
        "Which step of your own hiring process would you change first?",
    ]
    for item in agenda.items[2:] + agenda.items[:1]:
        item.prompts = []
    assert m.generic_questions(agenda, profile()) == 0.5


def test_fell_back_counts_library_items_whose_wording_was_not_used():
    agenda = good_agenda()
    assert m.agenda_fell_back(agenda) is None  # no item from the library
    agenda.items[1].pattern = "seg-demo-my-real-workflow"
    agenda.items[2].pattern = "seg-qa-career-crossroads"
    agenda.meta = meta()
    agenda.meta.fixes = [
        "item seg-demo-my-real-workflow: activity: echoes the instructions; retried",
        "item seg-demo-my-real-workflow: question: repeats an earlier sentence",
        "item seg-demo-my-real-workflow: kept the library's wording",
    ]
    assert m.agenda_fell_back(agenda) == 0.5
    assert m.agenda_degenerate_before_guard(agenda) == 0.5
    assert m.agenda_mended(agenda) == 0.0
    mended = "kept the model's other fields, with the pattern's question"
    agenda.meta.fixes.append(f"item seg-qa-career-crossroads: question: a textbook list; {mended}")
    assert m.agenda_mended(agenda) == 0.5


def test_a_long_focus_is_named_by_its_thing_in_another_form_of_its_words():
    """The fifth reader's label on fresh sport: the block works through "the comments export
    from the ticket pricing post" for a focus about "the new under-21 ticket prices"."""
    agenda = good_agenda()
    pair = _with(
        agenda,
        focus="The supporters' forum on Saturday got heated about the new "
        "under-21 ticket prices. Declan wants to know what younger fans said online.",
    )
    agenda.items[
        2
    ].purpose = "The pair works through the comments export from the ticket pricing post."
    assert m.focus_used(agenda, pair) is True
    agenda.items[2].purpose = "The pair works through the comments export from the kit launch post."
    assert m.focus_used(agenda, pair) is False


def test_a_long_focus_is_named_by_a_word_and_its_number():
    """The second fresh bus operator: a block on "the incident on the 86" works on the focus,
    though no two of its content words stand in a row; the word or the number alone does not."""
    agenda = good_agenda()
    pair = _with(
        agenda,
        focus="Pick up where we left off before Christmas: the incident on the 86 and what "
        "happened afterwards.",
    )
    agenda.items[2].purpose = "The mentor tells the incident on the 86 as their level lived it."
    assert m.focus_used(agenda, pair) is True
    agenda.items[2].purpose = "The mentor tells one incident as their level lived it, on route 86."
    assert m.focus_used(agenda, pair) is False
