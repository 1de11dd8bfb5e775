"""The three artifacts from the real local model: valid, grounded, from the model (no fallback)."""

import json
import subprocess
import sys

import pytest

from coach.config import Settings
from coach.domain import agenda as agenda_rules
from coach.domain import starters as starter_rules
from coach.domain import summary_draft as summary_rules
from coach.domain.artifact_spec import ArtifactRequest
from coach.domain.followup import FollowupNote
from coach.domain.followup import violations as followup_rules
from coach.services.container import Services
from coach.services.pair_files import read_pair_file
from tests.conftest import REPO
from tests.integration.conftest import child_env

pytestmark = pytest.mark.slow
PAIRS = REPO / "evals" / "datasets" / "pairs"


def services_for(llm_server, tmp_path, structured: str, **settings) -> Services:
    settings = Settings(
        _env_file=None, data_dir=tmp_path / "data", prompts_dir=REPO / "prompts",
        knowledge_dir=REPO / "knowledge", llm_provider="openai", openai_base_url=llm_server,
        openai_model="shared-local", llm_structured=structured, **settings,
    )  # fmt: skip
    services = Services(settings)
    services.ensure_guides()
    return services


def cli_json(command: str, pair_file, llm_server: str, tmp_path) -> str:
    """``coach COMMAND --pair FILE --json`` against the shared server; its stdout."""
    env = child_env(
        COACH_DATA_DIR=str(tmp_path / "data"), COACH_LLM_PROVIDER="openai",
        OPENAI_BASE_URL=llm_server, OPENAI_MODEL="shared-local", COACH_LLM_STRUCTURED="grammar",
    )  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "coach", command, "--pair", str(pair_file), "--json"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=900,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_cli_agenda_json_asks_its_check_in_of_the_model_and_keeps_every_rule(llm_server, tmp_path):
    pair_file = PAIRS / "pair-tech-01.json"
    stdout = cli_json("agenda", pair_file, llm_server, tmp_path)
    agenda = agenda_rules.Agenda.model_validate_json(stdout)
    profile = read_pair_file(pair_file)
    meta = agenda.meta
    assert not meta.fallback, meta.fallback_reason
    assert agenda_rules.violations(agenda, profile, meta.citation_ids) == []
    assert agenda.phase == "middle" and sum(i.minutes for i in agenda.items) == 45
    assert meta.prompt_tokens > 200 and meta.completion_tokens > 5
    assert meta.model == "shared-local" and meta.prompt_id == "agenda_item"
    # the focus and the goals get our segment patterns (COACH_AGENDA_ADAPT is off); the
    # check-in question, picking up session 2, is the model's
    worded = [i for i in agenda.items if i.pattern]
    assert len(worded) >= 2 and meta.attempts >= 1
    assert meta.first_item_seconds is None or 0 < meta.first_item_seconds <= meta.seconds


def test_the_agenda_recipe_runs_unchanged_through_the_hosted_json_schema_path(llm_server, tmp_path):
    """``json_schema`` is what a hosted OpenAI-compatible API gets (no llama.cpp grammar)."""
    services = services_for(llm_server, tmp_path, "json_schema", agenda_adapt=True)
    profile = read_pair_file(PAIRS / "pair-retail-01.json")
    agenda = services.generation.agenda(profile)
    meta = agenda.meta
    assert meta.fallback_reason == "" or "checks" in meta.fallback_reason  # the server answered
    assert meta.attempts >= 2 and meta.completion_tokens > 0 and meta.model == "shared-local"
    assert agenda_rules.violations(agenda, profile, meta.citation_ids) == []
    assert sum(bool(i.pattern) for i in agenda.items) >= 2


@pytest.mark.parametrize("structured", ["grammar", "json_schema"])
def test_the_starters_recipe_runs_unchanged_locally_and_through_the_hosted_path(
    llm_server, tmp_path, structured
):
    """``json_schema`` is what a hosted OpenAI-compatible API gets; ``grammar`` is llama.cpp's."""
    services = services_for(llm_server, tmp_path, structured, starter_adapt=True)
    profile = read_pair_file(PAIRS / "pair-healthcare-01.json")
    result = services.generation.starters(profile)
    meta = result.meta
    assert meta.fallback_reason == "" or "checks" in meta.fallback_reason  # the server answered
    assert meta.attempts >= 1 and meta.completion_tokens > 0 and meta.model == "shared-local"
    assert meta.prompt_id == "starter_adapt"
    assert starter_rules.violations(result.starters, meta.citation_ids) == []
    assert len(result.starters) == 6 and all(s.template for s in result.starters)
    assert {s.asked_by for s in result.starters} == {"mentor", "mentee"}


def test_summary_through_the_json_schema_path_hosted_models_use(llm_server, tmp_path):
    services = services_for(llm_server, tmp_path, "json_schema")
    case = json.loads((REPO / "evals/datasets/reflections.jsonl").read_text().splitlines()[0])
    profile = read_pair_file(PAIRS / f"{case['pair_id']}.json")
    summary = services.generation.summarize(profile, case["reflection"], case["author"])
    assert not summary.meta.fallback, summary.meta.fallback_reason
    assert summary.key_takeaways
    assert summary_rules.violations(summary, case["reflection"], profile.goal_ids) == []


def test_cli_followup_json_is_written_by_the_model_and_keeps_every_open_item(llm_server, tmp_path):
    pair_file = PAIRS / "pair-tech-01.json"  # two open items: one with a due date, one without
    printed = json.loads(cli_json("followup", pair_file, llm_server, tmp_path))
    assert {"text", "meta"} <= set(printed)
    assert printed["meta"]["fallback"] is False, printed["meta"]["fallback_reason"]
    profile = read_pair_file(pair_file)
    raw = json.loads(pair_file.read_text())["open_action_items"]
    assert any("due" in item for item in raw) and any("due" not in item for item in raw)
    for item in raw:  # owner and due date exactly as the pair file has them
        owner = profile.person(item["owner"]).name.split()[0]
        due = f"due {item['due']}" if "due" in item else "no due date yet"
        assert f"{owner} ({item['owner']}): {item['text']} ({due})" in printed["text"]
    note = FollowupNote.model_validate(printed)
    assert followup_rules(note, ArtifactRequest(profile)) == []
    assert printed["meta"]["completion_tokens"] > 10
