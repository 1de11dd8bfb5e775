"""`python app.py` on the embedded defaults: HTTP 200 and a sourced answer from the local model."""

import subprocess
import sys
import time

import httpx
import pytest

from coach.llm.server import free_port
from tests.conftest import REPO
from tests.integration.conftest import child_env

pytestmark = pytest.mark.slow
USER, PASSWORD = "http.tester", "a long test password"


@pytest.fixture(scope="module")
def app_url(model_path, tmp_path_factory):
    port = free_port()
    data = tmp_path_factory.mktemp("appdata")
    env = child_env(
        COACH_DATA_DIR=str(data), COACH_PORT=str(port), COACH_LOCAL_MODEL=str(model_path),
        COACH_LLM_MAX_TOKENS="80",
    )  # fmt: skip
    subprocess.run(  # the app has no default account: sign in as one made like an admin would
        [sys.executable, "-m", "coach", "users", "add", USER, "--role", "participant",
         "--password", PASSWORD],
        cwd=REPO, env=env, check=True, capture_output=True,
    )  # fmt: skip
    log = (data / "app.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "app.py"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert process.poll() is None, (data / "app.log").read_text()[-2000:]
        try:
            if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=30)


def test_home_page_is_served_behind_sign_in(app_url):
    response = httpx.get(app_url, timeout=10, follow_redirects=True)
    assert response.status_code == 200 and 'name="password"' in response.text
    assert str(response.url).endswith("/login")
    assert httpx.get(f"{app_url}/config", timeout=10).status_code == 401


def test_chat_answers_with_sources_through_the_api(app_url):
    from gradio_client import Client

    client = Client(app_url, auth=(USER, PASSWORD), verbose=False)
    answer = client.predict("How do I set ground rules in our first session?", api_name="/ask")
    text = answer if isinstance(answer, str) else str(answer)
    body, _, sources = text.partition("**Sources**")
    assert len(body.split()) >= 5, text
    assert "<details>" in sources and ".md</code>" in sources


def test_empty_question_gets_a_readable_message(app_url):
    from gradio_client import Client

    client = Client(app_url, auth=(USER, PASSWORD), verbose=False)
    answer = client.predict("   ", api_name="/ask")
    assert "Type a question" in str(answer)
