"""RatingService: a reader of an answer or artifact rates it, once (again replaces); admins see
counts and reasons with nobody named; the evals export writes one JSON line per rating."""

from __future__ import annotations

import json

import pytest

from coach.domain.audit import AuditEntry
from coach.domain.ratings import Rating, answer_key
from coach.domain.summaries import ConsentState
from coach.services.access import OPERATOR
from coach.services.errors import NotFound, PermissionDenied, UserError
from coach.services.ratings import RatingService
from tests.unit.services.conftest import SECRETS, World

pytestmark = pytest.mark.unit


@pytest.fixture
def ratings(world: World) -> RatingService:
    return world.s.ratings


def test_rating_again_replaces_your_rating_and_keeps_your_partners(world, ratings):
    w, agenda = world, world.ids["agenda"]
    first = ratings.rate(w.people["mentor"], "agenda", agenda, True, "  clear  ")
    assert (first.helpful, first.reason, first.pair_id) == (True, "clear", w.pair.id)
    w.tick()
    again = ratings.rate(w.people["mentor"], "agenda", agenda, False, "too long")
    ratings.rate(w.people["mentee"], "agenda", agenda, True)
    with w.store.transaction(write=False) as tx:
        stored = tx.find(Rating)
    assert len(stored) == 2
    assert again.id == first.id and again.rated_at > first.rated_at
    assert ratings.mine(w.people["mentor"], "agenda", agenda) == again
    assert ratings.mine(w.people["mentee"], "agenda", agenda).helpful is True
    assert ratings.mine(w.people["outsider"], "agenda", agenda) is None
    with w.store.transaction(write=False) as tx:
        actions = {(e.actor_id, e.action.value) for e in tx.find(AuditEntry)
                   if e.resource == "rating"}  # fmt: skip
    mentor, mentee = w.people["mentor"].id, w.people["mentee"].id
    assert actions == {(mentor, "create"), (mentor, "update"), (mentee, "create")}


def test_an_artifact_is_rated_under_its_own_kind_and_must_exist(world, ratings):
    mentor = world.people["mentor"]
    with pytest.raises(NotFound, match="no starters"):
        ratings.rate(mentor, "starters", world.ids["agenda"], True)
    with pytest.raises(NotFound, match="no agenda 'art_missing'"):
        ratings.rate(mentor, "agenda", "art_missing", True)
    with pytest.raises(NotFound, match="no summary"):
        ratings.rate(mentor, "summary", "sum_missing", True)


@pytest.mark.parametrize(
    ("kind", "target", "reason", "message"),
    [
        ("reflection", "ref_1", "", "one of agenda, starters"),
        ("chat", "not a key", "", "names an answer key"),
        ("agenda", "", "", "names its id"),
        ("agenda", "art_1", "x" * 501, "at most 500 characters"),
        ("agenda", "art_1", "bad \ud800 paste", "broken characters"),
    ],
)
def test_bad_input_gets_a_readable_error_and_stores_nothing(world, ratings, kind, target,
                                                            reason, message):  # fmt: skip
    with pytest.raises(UserError, match=message):
        ratings.rate(world.people["mentor"], kind, target, True, reason)
    with world.store.transaction(write=False) as tx:
        assert tx.find(Rating) == []


def test_a_chat_answer_is_rated_by_its_key_with_or_without_the_pair(world, ratings):
    key = answer_key("Name the hierarchy out loud, then ask.")
    rated = ratings.rate(world.people["mentor"], "chat", key, True, pair_id=world.pair.id)
    assert (rated.kind, rated.target_id, rated.pair_id) == ("chat", key, world.pair.id)
    loose = ratings.rate(world.people["lead"], "chat", key, False)
    assert loose.pair_id is None
    with pytest.raises(PermissionDenied):
        ratings.rate(world.people["outsider"], "chat", key, True, pair_id=world.pair.id)


def test_admins_see_counts_and_reasons_but_no_rater_and_no_private_text(world, ratings):
    w = world
    ratings.rate(w.people["mentor"], "agenda", w.ids["agenda"], False, "too long for us")
    ratings.rate(w.people["mentee"], "agenda", w.ids["agenda"], True)
    draft = w.summaries[ConsentState.DRAFT].id
    w.tick()  # newest first: the summary's reason comes later
    ratings.rate(w.people["mentee"], "summary", draft, True, "it got my point")
    rows = {r.kind: r for r in ratings.counts(w.people["admin"])}
    assert (rows["agenda"].helpful, rows["agenda"].not_helpful, rows["agenda"].with_reason) == (
        1, 1, 1)  # fmt: skip
    assert (rows["summary"].helpful, rows["summary"].with_reason) == (1, 1)
    assert rows["chat"].total == 0
    reasons = ratings.reasons(w.people["admin"])
    assert [(r.kind, r.helpful, r.reason) for r in reasons] == [
        ("summary", True, "it got my point"), ("agenda", False, "too long for us")]  # fmt: skip
    assert [r.reason for r in ratings.reasons(OPERATOR, "agenda")] == ["too long for us"]
    shown = repr(reasons) + repr(rows)
    for person in ("mentor", "mentee"):
        assert w.people[person].id not in shown and w.people[person].username not in shown
    assert not [text for text in SECRETS.values() if text in shown]
    with pytest.raises(UserError, match="no kind 'agendas'"):
        ratings.reasons(w.people["admin"], "agendas")


def test_the_evals_export_is_one_json_line_per_rating_with_no_person(world, ratings, tmp_path):
    w = world
    ratings.rate(w.people["mentor"], "agenda", w.ids["agenda"], False, "too long")
    w.tick()
    key = answer_key("Agree on how to disagree.")
    ratings.rate(w.people["mentor"], "chat", key, True, pair_id=w.pair.id)
    out = tmp_path / "deep" / "ratings.jsonl"
    assert ratings.export_jsonl(w.people["admin"], out) == 2
    text = out.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert [sorted(line) for line in lines] == [["created", "helpful", "kind", "reason",
                                                  "target_id"]] * 2  # fmt: skip
    assert [(x["kind"], x["target_id"], x["helpful"], x["reason"]) for x in lines] == [
        ("agenda", w.ids["agenda"], False, "too long"), ("chat", key, True, "")]  # fmt: skip
    assert lines[0]["created"] < lines[1]["created"]
    for name in ("mentor", "mentee"):
        assert w.people[name].id not in text and w.people[name].username not in text
    assert w.pair.id not in text
    assert out.stat().st_mode & 0o077 == 0, "reasons are people's words: owner only"


def test_your_ratings_are_in_your_own_data_and_go_with_your_account(world, ratings):
    from coach.services.own_data import OwnDataService

    w = world
    ratings.rate(w.people["mentee"], "agenda", w.ids["agenda"], False, "my own words")
    ratings.rate(w.people["mentor"], "agenda", w.ids["agenda"], True, "the mentor's")
    own = OwnDataService(w.store, lambda _pair: None, w.clock)
    document = own.export(w.people["mentee"])
    assert [(r["kind"], r["reason"]) for r in document["ratings"]] == [("agenda", "my own words")]
    own.request_deletion(w.people["mentee"])
    report = own.confirm_deletion(OPERATOR, "mentee")
    assert report.removed["ratings"] == 1
    assert [r.reason for r in ratings.reasons(OPERATOR)] == ["the mentor's"]
