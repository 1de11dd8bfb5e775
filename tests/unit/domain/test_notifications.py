"""Which mails are due: nudges, pulse and self-assessment reminders, the digest, check-ins."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.domain.mail import MailKind
from coach.domain.notification_text import compose
from coach.domain.notifications import Digest, DueMail, Records, due_mails
from coach.domain.outcomes import OutcomeCheckpoint, SelfAssessment
from coach.domain.pairs import Pair, PairStatus, Profile, Side
from coach.domain.programs import Program
from coach.domain.pulse import CheckinRequest, PulseAnswer
from coach.domain.sessions import Session, SessionStatus
from coach.domain.users import Role, User

pytestmark = pytest.mark.unit
START = date(2026, 1, 5)  # a Monday; the program runs to 1 December
T0 = datetime(2025, 12, 1, tzinfo=UTC)
NOTE = "my partner keeps checking his phone while I talk about the rollout"


def at(day: float) -> datetime:
    """``day`` days after the program's start, at 10:00 UTC."""
    return datetime.combine(START, datetime.min.time(), tzinfo=UTC) + timedelta(days=day, hours=10)


def user(name: str, role: Role = Role.PARTICIPANT, **fields) -> User:
    base = dict(id=name, username=name, role=role, display_name=name.title(), active=True,
                created_at=T0, email=f"{name}@example.org")  # fmt: skip
    return User(**{**base, **fields})


PROGRAM = Program("prg", "Pilot", (), START, date(2026, 12, 1), 14, 45, 21, T0)


def pair(pid: str = "pair", mentor: str = "mentor", mentee: str = "mentee", **fields) -> Pair:
    base = dict(id=pid, program_id="prg", mentor_id=mentor, mentee_id=mentee,
                mentor_profile=Profile(), mentee_profile=Profile(), status=PairStatus.ACTIVE,
                created_at=T0)  # fmt: skip
    return Pair(**{**base, **fields})


def session(day: float, status=SessionStatus.HELD, number: int = 1, pid: str = "pair") -> Session:
    return Session(f"{pid}-s{number}", pid, number, at(day), 45, status, T0)


def pulse(pid: str, author: str, day: float, session_id: str | None = None) -> PulseAnswer:
    sid = session_id or f"{pid}-s1"
    return PulseAnswer(f"pls-{pid}-{author}-{day}", pid, sid, author, Side.MENTOR, (4, 4, 4),
                       NOTE, at(day))  # fmt: skip


def records(users=None, pairs=None, sessions=(), pulses=(), assessments=(), checkins=()):
    people = users or [user("mentor"), user("mentee"), user("lead", Role.LEAD)]
    return Records(tuple(people), (PROGRAM,), tuple(pairs or [pair()]), tuple(sessions),
                   tuple(pulses), tuple(assessments), tuple(checkins))  # fmt: skip


def kinds(mails: list[DueMail], kind: MailKind) -> list[DueMail]:
    return [m for m in mails if m.kind is kind]


def nudges(now_day: float, **given) -> list[DueMail]:
    return kinds(due_mails(records(**given), at(now_day)), MailKind.NUDGE)


# --- nudges -------------------------------------------------------------------------------


def test_a_lapsed_pair_nudges_each_member_once_per_lapse():
    mails = nudges(16, sessions=[session(0)])
    assert sorted(m.user_id for m in mails) == ["mentee", "mentor"]
    mentor = next(m for m in mails if m.user_id == "mentor")
    assert mentor.key == f"nudge:pair:mentor:{at(0).date().isoformat()}"
    assert mentor.to == "mentor@example.org" and mentor.facts.partner == "Mentee"
    again = nudges(32, sessions=[session(0), session(17, number=2)])  # met, then lapsed again
    assert {m.key for m in again}.isdisjoint({m.key for m in mails}) and len(again) == 2


def test_on_track_and_stalled_pairs_get_no_nudge():
    assert nudges(14, sessions=[session(0)]) == []  # the cadence itself is not yet a lapse
    assert len(nudges(15, sessions=[session(0)])) == 2
    assert len(nudges(20, sessions=[session(0)])) == 2
    assert nudges(21, sessions=[session(0)]) == []  # stalled: the lead's concern now


def test_a_planned_session_ahead_holds_the_nudge_back_and_a_past_one_does_not():
    ahead = [session(0), session(20, SessionStatus.PLANNED, 2)]
    assert nudges(16, sessions=ahead) == []
    behind = [session(0), session(15, SessionStatus.PLANNED, 2)]  # planned, never marked
    assert len(nudges(16, sessions=behind)) == 2


def test_paused_and_ended_pairs_and_programs_are_not_nudged():
    for status in (PairStatus.PAUSED, PairStatus.DONE, PairStatus.CLOSED):
        assert nudges(16, sessions=[session(0)], pairs=[pair(status=status)]) == []
    assert nudges(-10) == []  # the program has not started


def test_a_pair_that_never_met_is_nudged_once_its_cadence_has_passed():
    (mail, _) = nudges(15)
    assert mail.key.endswith(":never") and mail.facts.last_held is None


# --- pulse and self-assessment reminders ---------------------------------------------------


def pulse_reminders(now_day: float, **given) -> list[DueMail]:
    return kinds(due_mails(records(**given), at(now_day)), MailKind.PULSE_DUE)


def test_a_pending_pulse_is_reminded_a_day_after_the_session_for_whoever_has_not_answered():
    held = [session(3)]
    assert pulse_reminders(3.5, sessions=held) == []
    assert sorted(m.user_id for m in pulse_reminders(4, sessions=held)) == ["mentee", "mentor"]
    answered = pulse_reminders(4, sessions=held, pulses=[pulse("pair", "mentor", 3.2)])
    assert [(m.user_id, m.key) for m in answered] == [("mentee", "pulse_due:pair-s1:mentee")]
    assert pulse_reminders(18, sessions=held) == []  # the pulse closed after 14 days


def test_only_the_newest_pending_pulse_is_reminded():
    held = [session(1), session(5, number=2)]
    keys = {m.key for m in pulse_reminders(7, sessions=held)}
    assert keys == {"pulse_due:pair-s2:mentor", "pulse_due:pair-s2:mentee"}


def assessment(checkpoint: OutcomeCheckpoint, who: str = "mentor") -> SelfAssessment:
    side = Side.MENTOR if who == "mentor" else Side.MENTEE
    return SelfAssessment(f"sa-{who}-{checkpoint}", "prg", "pair", who, side, checkpoint,
                          (3,) * 7, at(0))  # fmt: skip


def assessment_reminders(now_day: float, **given) -> list[DueMail]:
    return kinds(due_mails(records(**given), at(now_day)), MailKind.ASSESSMENT_DUE)


def test_a_self_assessment_is_reminded_from_its_checkpoint_day_until_answered():
    assert assessment_reminders(-3) == []  # its window is open, its day has not come
    mails = assessment_reminders(0)
    assert {m.key for m in mails} == {
        "assessment_due:prg:start:mentor", "assessment_due:prg:start:mentee"
    }  # fmt: skip
    assert mails[0].facts.closes_on == START + timedelta(days=21)
    done = assessment_reminders(2, assessments=[assessment(OutcomeCheckpoint.START)])
    assert [m.user_id for m in done] == ["mentee"]
    middle = (PROGRAM.end_date - START).days // 2
    assert {m.facts.checkpoint for m in assessment_reminders(middle)} == {
        OutcomeCheckpoint.MIDPOINT
    }
    assert assessment_reminders(60) == []  # between windows


# --- who gets mail at all -----------------------------------------------------------------


def everything(**user_fields) -> list[DueMail]:
    """A lapsed pair with a pending pulse, a due assessment and an open check-in."""
    people = [user("mentor", **user_fields), user("mentee"), user("lead", Role.LEAD)]
    request = CheckinRequest("chk", "pair", "mentor", at(0))
    return due_mails(records(users=people, sessions=[session(0)], checkins=[request]), at(16))


def test_an_opted_out_or_unreachable_member_gets_nothing_and_the_partner_still_does():
    assert {m.kind for m in everything() if m.user_id == "mentor"} >= {
        MailKind.NUDGE, MailKind.ASSESSMENT_DUE
    }  # fmt: skip
    for fields in ({"mail_opt_out": True}, {"email": None}, {"active": False}):
        mails = everything(**fields)
        assert [m for m in mails if m.user_id == "mentor"] == [], fields
        assert any(m.user_id == "mentee" for m in mails)


def test_an_opted_out_lead_gets_no_digest_but_still_hears_of_a_check_in():
    people = [user("mentor"), user("mentee"), user("lead", Role.LEAD, mail_opt_out=True)]
    request = CheckinRequest("chk", "pair", "mentor", at(3))
    mails = due_mails(records(users=people, checkins=[request]), at(5))
    assert [(m.kind, m.key) for m in mails if m.user_id == "lead"] == [
        (MailKind.CHECKIN, "checkin:chk:lead")
    ]


def test_a_check_in_goes_to_every_lead_with_names_only_until_it_is_handled():
    people = [user("mentor"), user("mentee"), user("lead", Role.LEAD), user("lead2", Role.LEAD),
              user("admin", Role.ADMIN)]  # fmt: skip
    request = CheckinRequest("chk", "pair", "mentor", at(3))
    mails = kinds(due_mails(records(users=people, checkins=[request]), at(5)), MailKind.CHECKIN)
    assert sorted(m.user_id for m in mails) == ["lead", "lead2"]
    facts = mails[0].facts
    assert (facts.asked_by, facts.side, facts.partner) == ("Mentor", Side.MENTOR, "Mentee")
    handled = replace(request, handled_at=at(4))
    after = due_mails(records(users=people, checkins=[handled]), at(5))
    assert kinds(after, MailKind.CHECKIN) == []


# --- the digest ---------------------------------------------------------------------------


def test_the_digest_counts_the_week_and_withholds_the_pulse_below_the_minimum_group():
    people = [user("lead", Role.LEAD)] + [user(f"p{i}") for i in range(8)]
    pairs = [pair(f"x{i}", f"p{2 * i}", f"p{2 * i + 1}") for i in range(4)]
    sessions = [session(12, pid="x0"), session(10, pid="x1"), session(1, pid="x2")]
    answers = [pulse("x0", "p0", 12.5), pulse("x1", "p2", 10.5), pulse("x2", "p4", 1.5, "x2-s1")]

    def digest(more_pulses=()) -> Digest:
        given = records(users=people, pairs=pairs, sessions=sessions,
                        pulses=[*answers, *more_pulses])  # fmt: skip
        (mail,) = kinds(due_mails(given, at(16), min_group=3), MailKind.DIGEST)
        assert mail.user_id == "lead" and mail.key == "digest:lead:2026-W04"
        return mail.facts

    (week,) = digest().programs
    # x2 and x3 (never met) are past their cadence; x2's pulse is older than the week
    assert (week.active_pairs, week.held_this_week, week.lapsed, week.stalled) == (4, 2, 2, 0)
    assert week.pulse_pairs is None  # two pairs answered this week: fewer than three
    subject, body = compose(DueMail("k", MailKind.DIGEST, "lead", "l@x.org", "Lead",
                                    digest()), None)  # fmt: skip
    assert "withheld" in body and "(2026-W04)" in subject
    assert digest([pulse("x2", "p5", 11, "x2-s1")]).programs[0].pulse_pairs == 3


def test_one_digest_key_per_lead_and_iso_week_and_none_without_running_pairs():
    def digest_keys(day: float, status=PairStatus.ACTIVE) -> list[str]:
        mails = due_mails(records(pairs=[pair(status=status)]), at(day))
        return [m.key for m in kinds(mails, MailKind.DIGEST)]

    assert digest_keys(7) == digest_keys(13) == ["digest:lead:2026-W03"]  # Monday to Sunday
    assert digest_keys(14) == ["digest:lead:2026-W04"]
    assert digest_keys(7, PairStatus.DONE) == []


# --- the words ----------------------------------------------------------------------------


def test_every_mail_is_worded_from_names_dates_and_counts_never_from_what_people_wrote():
    mails = everything()
    mails += due_mails(records(sessions=[session(3)], pulses=[pulse("pair", "mentor", 3.5)]),
                       at(4))  # fmt: skip
    assert {m.kind for m in mails} == {
        MailKind.NUDGE, MailKind.PULSE_DUE, MailKind.ASSESSMENT_DUE, MailKind.DIGEST,
        MailKind.CHECKIN,
    }  # fmt: skip
    for mail in mails:
        subject, body = compose(mail, "https://coach.example.org")
        assert body.startswith(f"Hi {mail.name},") and "https://coach.example.org/" in body
        assert NOTE not in body and "phone" not in body and subject
        if mail.kind is MailKind.CHECKIN:
            assert "turn them off" not in body  # a check-in is not a reminder
        else:
            assert "turn them off" in body
    nudge = next(m for m in mails if m.kind is MailKind.NUDGE and m.user_id == "mentor")
    _, body = compose(nudge, None)
    assert "Mentee" in body and "every 14 days" in body and "Monday 5 January" in body
    assert "Plan it in Flipside." in body and "http" not in body
