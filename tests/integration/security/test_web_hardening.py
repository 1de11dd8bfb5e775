"""The audit's findings, through the real app on loopback: origins, browser residue, sessions
held in the database, trusted-header sign-in, and logs without private text.

Each test here failed on the code before the fix (Gradio's own ``auth``, its permissive CORS,
``run_history`` on, sessions in process memory).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from coach.llm.server import free_port
from coach.services.access import OPERATOR
from coach.ui.launch import launch_app
from coach.ui.signin import COOKIE
from tests.app_support import ADMIN, MENTEE, PASSWORD, RunningApp, fake_services, running_app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]
PROXY_HOST = "coach.example.org"
EVIL = "https://evil.example"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    with running_app(tmp_path_factory.mktemp("hardening")) as running:
        yield running


def sign_in(url: str, username: str, password: str = PASSWORD) -> dict[str, str]:
    """The session cookie a password sign-in sets, as an API client gets it."""
    response = httpx.post(f"{url}/login", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {COOKIE: response.cookies[COOKIE]}


def call(url: str, cookies: dict, api_name: str, data: list | None = None, **headers) -> int:
    """Start a named endpoint the way a foreign page's fetch() would; the HTTP status."""
    response = httpx.post(
        f"{url}/gradio_api/call/{api_name}", json={"data": data or []}, cookies=cookies,
        headers=headers, timeout=10,
    )  # fmt: skip
    return response


def cors_grants(response: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.startswith("access-control-allow")}


# 1. Origins ---------------------------------------------------------------------------------


def test_a_foreign_origin_behind_a_proxy_host_gets_no_cors_grant_and_cannot_call(app):
    cookies = sign_in(app.url, MENTEE)
    foreign = {"host": PROXY_HOST, "origin": EVIL}
    preflight = httpx.options(
        f"{app.url}/gradio_api/call/my_reflections",
        headers={**foreign, "access-control-request-method": "POST"},
    )
    assert preflight.status_code == 403 and not cors_grants(preflight)
    refused = call(app.url, cookies, "my_reflections", [None], **foreign)
    assert refused.status_code == 403 and not cors_grants(refused)
    assert "event_id" not in refused.text
    config = httpx.get(f"{app.url}/config", cookies=cookies, headers=foreign)
    assert config.status_code == 403 and not cors_grants(config)
    # The same request from the app's own origin (the proxy's host) is served.
    own = call(app.url, cookies, "my_reflections", [None], host=PROXY_HOST,
               origin=f"http://{PROXY_HOST}")  # fmt: skip
    assert own.status_code == 200 and "event_id" in own.json()
    assert cors_grants(own).get("access-control-allow-origin") in (None, f"http://{PROXY_HOST}")


def test_requests_without_an_origin_still_work_and_no_page_may_be_framed(app):
    cookies = sign_in(app.url, MENTEE)
    assert call(app.url, cookies, "whoami").status_code == 200
    for page in (httpx.get(f"{app.url}/login"), httpx.get(f"{app.url}/", cookies=cookies)):
        assert page.status_code == 200 and page.headers["x-frame-options"] == "DENY"
        assert page.headers["content-security-policy"] == "frame-ancestors 'none'"


# 2. No private residue in the browser ------------------------------------------------------


def test_config_reports_run_history_off(app):
    config = httpx.get(f"{app.url}/config", cookies=sign_in(app.url, MENTEE)).json()
    assert config["run_history"] is False


def test_signing_out_ends_the_session_and_clears_site_data(app):
    cookies = sign_in(app.url, MENTEE)
    response = httpx.get(f"{app.url}/logout", cookies=cookies)
    assert response.status_code == 303 and response.headers["location"] == "login"
    assert '"storage"' in response.headers["clear-site-data"]
    assert httpx.get(f"{app.url}/config", cookies=cookies).status_code == 401


def test_the_app_page_sends_a_browser_to_the_sign_in_page(app):
    page = httpx.get(app.url, follow_redirects=True)
    assert str(page.url).endswith("/login") and 'name="password"' in page.text
    wrong = httpx.post(f"{app.url}/login", data={"username": MENTEE, "password": "nope nope"},
                       headers={"accept": "text/html"})  # fmt: skip
    assert wrong.status_code == 401 and "wrong username or password" in wrong.text.lower()
    assert COOKIE not in wrong.cookies


# 4. Sessions held by us --------------------------------------------------------------------


def test_a_deactivated_users_session_is_refused_on_every_endpoint(app):
    gone = app.services.users.add(OPERATOR, "soon.gone", "participant", PASSWORD, "Soon Gone")
    cookies = sign_in(app.url, "soon.gone")
    admin = sign_in(app.url, ADMIN)
    dependencies = httpx.get(f"{app.url}/config", cookies=admin).json()["dependencies"]
    named = sorted({d["api_name"] for d in dependencies if d.get("api_name")})
    assert len(dependencies) > 40 and "whoami" in named and "save_reflection" in named

    def join(fn_index: int) -> int:
        body = {"data": [], "fn_index": fn_index, "session_hash": uuid.uuid4().hex,
                "event_data": None, "trigger_id": None}  # fmt: skip
        return httpx.post(f"{app.url}/gradio_api/queue/join", json=body, cookies=cookies,
                          timeout=10).status_code  # fmt: skip

    whoami = next(d["id"] for d in dependencies if d.get("api_name") == "whoami")
    assert join(whoami) == 200, "an active session is let in, so the refusals below mean it"
    app.services.users.set_active(OPERATOR, "soon.gone", False)
    assert app.services.logins.active_count(gone.id) == 0, "deactivation ended the session"
    refused = {d["id"]: join(d["id"]) for d in dependencies}
    assert set(refused.values()) == {401}, {k: v for k, v in refused.items() if v != 401}
    assert {name: call(app.url, cookies, name).status_code for name in named} == dict.fromkeys(
        named, 401
    )
    for path in ("/config", "/gradio_api/info", "/gradio_api/upload"):
        method = httpx.post if path.endswith("upload") else httpx.get
        assert method(f"{app.url}{path}", cookies=cookies).status_code == 401, path


def test_a_password_change_keeps_this_session_and_ends_the_others(app):
    app.services.users.add(OPERATOR, "pw.changer", "participant", PASSWORD, "Pw Changer")
    changer = Client(app.url, auth=("pw.changer", PASSWORD), verbose=False)
    other = sign_in(app.url, "pw.changer")
    fresh = "a fresh password 42"
    changer.predict(PASSWORD, fresh, fresh, api_name="/change_password")
    assert changer.predict(api_name="/whoami")["username"] == "pw.changer"
    assert call(app.url, other, "whoami").status_code == 401
    assert (
        Client(app.url, auth=("pw.changer", fresh), verbose=False).predict(api_name="/whoami")[
            "username"
        ]
        == "pw.changer"
    )


# 5. Trusted-header single sign-on ------------------------------------------------------------


@contextmanager
def small_app(root: Path, **settings) -> Iterator[tuple[str, object]]:
    """An app with no demo data and these settings; users are added by the test."""
    services, _model = fake_services(root, **settings)
    port = free_port()
    server = launch_app(services, "127.0.0.1", port, block=False)
    try:
        yield f"http://127.0.0.1:{port}", services
    finally:
        server.close()
        services.close()


def whoami_via(url: str, **headers) -> httpx.Response:
    return httpx.get(f"{url}/config", headers=headers, timeout=10)


SSO = {"trusted_header": "X-Forwarded-User", "trusted_proxies": "127.0.0.1/32",
       "public_url": "https://coach.example.org"}  # fmt: skip


def test_the_trusted_header_signs_in_a_known_user_from_a_trusted_proxy(tmp_path):
    with small_app(tmp_path, **SSO) as (url, services):
        services.users.add(OPERATOR, "sso.user", "lead", PASSWORD, "Sso User")
        services.users.add(OPERATOR, "sso.gone", "participant", PASSWORD, "Sso Gone")
        services.users.set_active(OPERATOR, "sso.gone", False)
        config = whoami_via(url, **{"X-Forwarded-User": "SSO.User"})
        assert config.status_code == 200 and config.json()["username"] == "sso.user"
        client = Client(url, headers={"X-Forwarded-User": "sso.user"}, verbose=False)
        assert client.predict(api_name="/whoami")["role"] == "lead"
        assert whoami_via(url, **{"X-Forwarded-User": "nobody.here"}).status_code == 401
        assert whoami_via(url, **{"X-Forwarded-User": "sso.gone"}).status_code == 401
        assert whoami_via(url).status_code == 401
        assert (
            Client(url, auth=("sso.user", PASSWORD), verbose=False).predict(api_name="/whoami")[
                "username"
            ]
            == "sso.user"
        ), "password sign-in still works for direct access"
        assert [u.username for u in services.users.list(OPERATOR)] == ["sso.gone", "sso.user"]


def test_the_trusted_header_is_ignored_from_an_untrusted_address(tmp_path):
    # The proxy is 10.9.9.9; this request comes from 127.0.0.1 and claims to be forwarded by
    # it. Uvicorn would believe X-Forwarded-For from loopback; we judge the raw TCP peer.
    with small_app(tmp_path, **{**SSO, "trusted_proxies": "10.9.9.9/32"}) as (url, services):
        services.users.add(OPERATOR, "sso.user", "admin", PASSWORD, "Sso User")
        forged = {"X-Forwarded-User": "sso.user", "X-Forwarded-For": "10.9.9.9",
                  "X-Real-IP": "10.9.9.9", "Forwarded": "for=10.9.9.9"}  # fmt: skip
        assert whoami_via(url, **forged).status_code == 401
        assert httpx.post(f"{url}/gradio_api/call/whoami", json={"data": []},
                          headers=forged).status_code == 401  # fmt: skip


def test_an_unknown_user_is_created_only_with_autocreate(tmp_path):
    with small_app(tmp_path, **SSO, trusted_autocreate=True) as (url, services):
        config = whoami_via(url, **{"X-Forwarded-User": "new.person"})
        assert config.status_code == 200 and config.json()["username"] == "new.person"
        created = services.users.signed_in("new.person")
        assert created.role.value == "participant"
        assert whoami_via(url, **{"X-Forwarded-User": "Not A Valid Name!"}).status_code == 401


# 6. Logs --------------------------------------------------------------------------------------


def test_logs_hold_no_reflection_text_and_no_password(app, caplog):
    canary_text = f"canary-reflection-{uuid.uuid4().hex}"
    canary_pw = f"canary-pw-{uuid.uuid4().hex}"
    caplog.set_level(logging.DEBUG)
    app.services.users.add(OPERATOR, "log.watcher", "participant", PASSWORD, "Log Watcher")
    mentee = Client(app.url, auth=(MENTEE, PASSWORD), verbose=False)
    pair = app.services.pairs.list(app.services.users.signed_in(MENTEE))[0].pair.id
    mentee.predict(pair, None, canary_text, "", "", "", api_name="/save_reflection")
    assert any(canary_text in r.text for r in app.services.reflections.mine(
        app.services.users.signed_in(MENTEE)))  # fmt: skip
    httpx.post(f"{app.url}/login", data={"username": "log.watcher", "password": canary_pw})
    watcher = Client(app.url, auth=("log.watcher", PASSWORD), verbose=False)
    watcher.predict(PASSWORD, canary_pw, canary_pw, api_name="/change_password")
    admin = Client(app.url, auth=(ADMIN, PASSWORD), verbose=False)
    admin.predict("log.watcher2", "W2", "participant", canary_pw, api_name="/add_user")
    logged = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert "signed in" in logged, "the capture saw the app's own log lines"
    assert canary_text not in logged and canary_pw not in logged
