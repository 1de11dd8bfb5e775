"""Scale-out: two app instances sharing one PostgreSQL database and one Chroma server.

Each instance has its own data dir, Services and Gradio server on a free loopback port, as two
`coach serve` processes behind nginx would. They share a fresh PostgreSQL schema (the store
tests' COACH_TEST_POSTGRES_URL: skipped without it locally, failing under CI=true) and a real
`chroma run` server. The model is the fake one: the shared backends are the point here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from gradio_client import Client
from sqlalchemy import create_engine, text

from coach.domain.summaries import ConsentState
from coach.llm.server import free_port
from coach.services.access import OPERATOR
from coach.services.container import Services
from coach.services.demo import DemoLoader
from coach.services.errors import UserError
from coach.services.passwords import Passwords
from coach.store.engine import normalise_url
from coach.ui.launch import first_admin, launch_app
from coach.ui.render import preview
from tests.app_support import ANSWER, GUIDES, MENTEE, MENTOR, PASSWORD, fake_services
from tests.integration.store.conftest import postgres_url
from tests.integration.test_chroma_server import chroma_server  # noqa: F401  (shared fixture)

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")

PER_INSTANCE, WORKERS = 20, 4  # reflections saved through each instance, by this many threads


@pytest.fixture(scope="module")
def new_schema() -> Iterator[Callable[[], str]]:
    """A factory of database URLs, each on a fresh PostgreSQL schema dropped afterwards."""
    url = postgres_url()
    admin = create_engine(normalise_url(url))
    made: list[str] = []

    def make() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        made.append(schema)
        joiner = "&" if "?" in url else "?"
        return f"{url}{joiner}options=-csearch_path%3D{schema}"

    yield make
    with admin.begin() as connection:
        for schema in made:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def instance_services(root: Path, database_url: str, chroma_port: int | None) -> Services:
    """One instance's Services: its own data dir, the shared database and Chroma server."""
    services, _model = fake_services(
        root, 20, database_url=database_url,
        chroma_host="127.0.0.1" if chroma_port else None, chroma_port=chroma_port or 8000,
    )  # fmt: skip
    return services


def both(call: Callable[[Services], object], a: Services, b: Services) -> tuple:
    """Run ``call`` on both instances at the same moment; return both results."""
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(call, s) for s in (a, b)]
        return tuple(f.result() for f in futures)


@dataclass
class Instance:
    url: str
    services: Services

    def client(self, name: str) -> Client:
        return Client(self.url, auth=(name, PASSWORD), verbose=False)


@pytest.fixture(scope="module")
def instances(new_schema, request, tmp_path_factory) -> Iterator[tuple[Instance, Instance]]:
    port = request.getfixturevalue("chroma_server")
    database_url = new_schema()
    roots = [tmp_path_factory.mktemp(f"instance-{tag}") for tag in "ab"]
    with ExitStack() as stack:
        a, b = (instance_services(root, database_url, port) for root in roots)
        for services in (a, b):
            stack.callback(services.close)
        both(lambda s: s.store, a, b)  # both open and migrate the empty schema at once
        DemoLoader(a.store, Passwords.fast()).load(PASSWORD)  # the program, once, through A
        with pytest.raises(UserError, match="not empty"):
            DemoLoader(b.store, Passwords.fast()).load(PASSWORD)
        assert both(first_admin, a, b) == (None, None), "accounts exist: no new admin"
        indexed = a.ensure_guides()  # `coach ingest` once, then each instance starts
        assert indexed.counts() == {"added": len(GUIDES)} and not indexed.failed
        again = b.ensure_guides()
        assert again.counts() == {"unchanged": len(GUIDES)}, "B sees A's guides on the server"
        assert b.index.count() == a.index.count() == indexed.chunks
        running = []
        for services in (a, b):
            port_ = free_port()
            app = launch_app(services, "127.0.0.1", port_, block=False)
            stack.callback(app.close)
            running.append(Instance(f"http://127.0.0.1:{port_}", services))
        yield running[0], running[1]


def signed_in(instance: Instance, name: str):
    return instance.services.users.signed_in(name)


def pair_of(instance: Instance, name: str) -> str:
    return instance.services.pairs.list(signed_in(instance, name))[0].pair.id


def rows(table: dict) -> list[dict]:
    return [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]


def test_an_empty_database_gets_one_first_admin_when_both_start_at_once(new_schema, tmp_path):
    url = new_schema()
    a, b = (instance_services(tmp_path / tag, url, None) for tag in "ab")
    try:
        notices = both(first_admin, a, b)
        assert sum(n is not None for n in notices) == 1, notices
        for services in (a, b):
            admins = [u for u in services.users.list(services.users.signed_in("admin"))
                      if u.role.value == "admin"]  # fmt: skip
            assert len(admins) == 1
    finally:
        a.close()
        b.close()


def test_reflections_saved_through_both_instances_are_all_seen_by_the_other(instances):
    a, b = instances
    pair = pair_of(a, MENTEE)
    assert pair_of(b, MENTEE) == pair
    before = {r.id for r in a.services.reflections.mine(signed_in(a, MENTEE), pair)}

    def save(instance: Instance, tag: str, worker: int) -> list[str]:
        client = instance.client(MENTEE)
        texts = []
        for i in range(worker, PER_INSTANCE, WORKERS):
            note = f"Instance {tag} note {i}: dashboards beat printouts"
            status, *_ = client.predict(pair, None, note, "", "", "", api_name="/save_reflection")
            assert status.startswith("Saved"), status
            texts.append(note)
        return texts

    with ThreadPoolExecutor(2 * WORKERS) as pool:
        futures = {
            tag: [pool.submit(save, instance, tag, w) for w in range(WORKERS)]
            for tag, instance in (("A", a), ("B", b))
        }
        acknowledged = {tag: [t for f in fs for t in f.result()] for tag, fs in futures.items()}
    assert all(len(texts) == PER_INSTANCE for texts in acknowledged.values())

    for tag, other in (("A", b), ("B", a)):  # each instance's saves, read through the other
        stored = [
            r for r in other.services.reflections.mine(signed_in(other, MENTEE), pair)
            if r.id not in before
        ]  # fmt: skip
        assert len(stored) == 2 * PER_INSTANCE and len({r.id for r in stored}) == len(stored)
        for note in acknowledged[tag]:
            assert sum(note in r.text for r in stored) == 1, note
    listed = {
        tag: rows(instance.client(MENTEE).predict(pair, api_name="/my_reflections"))
        for tag, instance in (("A", a), ("B", b))
    }
    mine = a.services.reflections.mine(signed_in(a, MENTEE), pair)  # the table shows no ids
    assert listed["A"] == listed["B"] and len(listed["A"]) == len(mine)
    assert sorted(r["reflection"] for r in listed["A"]) == sorted(preview(r.text) for r in mine)


def test_a_chat_through_b_finds_the_guides_a_indexed(instances):
    _a, b = instances
    answer = b.client(MENTOR).predict("How do I open our first session?", api_name="/ask")
    assert ANSWER.split("[")[0].strip() in answer and "first-session.md" in answer


def test_a_summary_moved_on_one_instance_is_seen_on_the_other(instances):
    a, b = instances
    pair = pair_of(a, MENTEE)
    mentee_a, mentee_b, mentor_b = a.client(MENTEE), b.client(MENTEE), b.client(MENTOR)
    note = f"Shared across instances {uuid.uuid4().hex[:6]}: dashboards on Monday."
    assert "new draft" in mentee_a.predict(pair, note, api_name="/new_summary")
    view = next(v for v in b.services.summaries.for_pair(signed_in(b, MENTEE), pair)
                if v.text == note)  # fmt: skip
    sid = view.summary.id
    assert view.summary.state is ConsentState.DRAFT
    assert note not in {
        r["summary"] for r in rows(mentor_b.predict(pair, api_name="/my_summaries"))
    }
    mentee_b.predict(sid, api_name="/approve_summary")
    mentee_a.predict(sid, api_name="/share_summary_with_partner")
    seen_by_a = next(v for v in a.services.summaries.for_pair(signed_in(a, MENTEE), pair)
                     if v.summary.id == sid)  # fmt: skip
    assert seen_by_a.summary.state is ConsentState.SHARED_PARTNER
    partner_view = rows(mentor_b.predict(pair, api_name="/my_summaries"))
    assert next(r for r in partner_view if r["summary"] == note)["author"] == "partner"


def test_a_password_change_ends_the_users_other_sessions_on_both_instances(instances):
    """Sessions live in the shared database: a session opened on B works on A (no sticky
    sessions), and a password change made through A ends the user's sessions on A and B."""
    a, b = instances
    a.services.users.add(OPERATOR, "two.places", "participant", PASSWORD, "Two Places")
    changer, other_a = a.client("two.places"), a.client("two.places")
    other_b = b.client("two.places")
    cookie_b = other_b.cookies
    assert httpx.get(f"{a.url}/config", cookies=cookie_b).status_code == 200, "B's session on A"
    fresh = "a fresh password 77"
    changer.predict(PASSWORD, fresh, fresh, api_name="/change_password")
    assert changer.predict(api_name="/whoami")["username"] == "two.places"
    for client in (other_a, other_b):
        with pytest.raises(httpx.HTTPStatusError, match="401"):
            client.predict(api_name="/whoami")
    for instance in (a, b):
        assert httpx.get(f"{instance.url}/config", cookies=cookie_b).status_code == 401
    assert (
        Client(b.url, auth=("two.places", fresh), verbose=False).predict(api_name="/whoami")[
            "username"
        ]
        == "two.places"
    )
