from coach.config import Settings, describe


def make(monkeypatch, **env):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "COACH_LLM_PROVIDER"):
        monkeypatch.delenv(name, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Settings(_env_file=None)


def test_auto_provider_is_local_without_key_or_url(monkeypatch):
    assert make(monkeypatch).resolved_provider == "local"


def test_auto_provider_uses_endpoint_when_base_url_set(monkeypatch):
    s = make(monkeypatch, OPENAI_BASE_URL="http://127.0.0.1:9/v1", OPENAI_MODEL="m")
    assert s.resolved_provider == "openai"
    assert s.openai_model == "m"


def test_explicit_local_wins_over_a_key(monkeypatch):
    s = make(monkeypatch, OPENAI_API_KEY="sk-x", COACH_LLM_PROVIDER="local")
    assert s.resolved_provider == "local"


def test_coach_prefix_and_defaults(monkeypatch, tmp_path):
    s = make(monkeypatch, COACH_DATA_DIR=str(tmp_path), COACH_LLM_THREADS="3")
    assert s.llm_threads == 3
    assert s.chroma_dir == tmp_path / "chroma"
    assert s.db_url.startswith("sqlite:///") and s.db_url.endswith("flipside.db")


def test_dotenv_file_is_read(monkeypatch, tmp_path):
    env = tmp_path / ".env"
    env.write_text("COACH_LLM_CONTEXT=2048\nOPENAI_MODEL=from-dotenv\n")
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    s = Settings(_env_file=env)
    assert s.llm_context == 2048
    assert s.openai_model == "from-dotenv"


def test_the_env_names_describe_prints_are_the_ones_settings_read(monkeypatch):
    """Every text setting, set through the name ``describe()`` gives it, is read back."""
    rows = dict(zip(Settings.model_fields, describe(), strict=True))
    assert (
        rows["data_dir"][0] == "COACH_DATA_DIR" and rows["openai_base_url"][0] == "OPENAI_BASE_URL"
    )
    probed = 0
    monkeypatch.setenv("COACH_PUBLIC_URL", "https://base.example")  # the trusted header needs it
    for name, (env, _default, description) in rows.items():
        assert description, f"{name} has no description for --help and the README"
        annotation = str(Settings.model_fields[name].annotation)
        if "str" in annotation and "Literal" not in annotation:
            scheme = "smtp" if name == "smtp_url" else "https"  # each URL setting checks its own
            monkeypatch.setenv(env, f"{scheme}://probe-{probed}.example")
            assert getattr(Settings(_env_file=None), name) == f"{scheme}://probe-{probed}.example"
            if name == "public_url":
                monkeypatch.setenv(env, "https://base.example")
            else:
                monkeypatch.delenv(env)
            probed += 1
    assert probed >= 5


def test_readme_documents_every_setting():
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text()
    for env, _, _ in describe():
        assert f"| `{env}` |" in readme, f"{env} has no row in the README's settings table"
