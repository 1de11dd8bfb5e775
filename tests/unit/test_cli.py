import pytest

from coach.cli import build_parser, main


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("setup", "serve", "ingest", "search", "doctor", "llm"):
        assert command in out
    assert "examples:" in out


def test_ingest_of_a_missing_file_exits_non_zero(settings, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "d"))
    from coach.config import get_settings

    get_settings.cache_clear()
    try:
        assert main(["ingest", str(tmp_path / "nope.md")]) == 1
    finally:
        get_settings.cache_clear()
    assert "no such file" in capsys.readouterr().err
