"""`coach ratings counts|export` on a real SQLite data dir: counts per kind, and one JSON line
per rating for the evals, with nobody named."""

from __future__ import annotations

import json

import pytest

from coach.cli import build_parser, main
from coach.config import get_settings
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.ratings import answer_key
from coach.services.access import OPERATOR
from coach.services.container import Services
from tests.artifact_samples import AGENDA
from tests.integration.store.test_cli_admin import coach, one_line_error  # noqa: F401

pytestmark = pytest.mark.integration


def rated_data_dir(coach, folder) -> dict[str, str]:  # noqa: F811
    """A demo data dir where the demo's first mentor rated an agenda and a chat answer."""
    code, _out, _err = coach(folder, "demo", "--password", "demo password 1")
    assert code == 0
    settings = get_settings().model_copy(update={"data_dir": folder})
    services = Services(settings)
    try:
        card = services.pairs.list(OPERATOR)[0]
        mentor = services.users.signed_in(card.mentor)
        kept = services.artifacts.save(mentor, card.pair.id, ArtifactKind.AGENDA, AGENDA)
        services.ratings.rate(mentor, "agenda", kept.id, False, "Too long for us")
        services.ratings.rate(mentor, "chat", answer_key("Ask first."), True)
        return {"agenda": kept.id, "mentor": mentor.username, "mentor_id": mentor.id,
                "pair": card.pair.id}  # fmt: skip
    finally:
        services.close()


def test_the_export_writes_one_line_per_rating_and_names_nobody(coach, tmp_path):  # noqa: F811
    made = rated_data_dir(coach, tmp_path / "data")
    out = tmp_path / "out" / "ratings.jsonl"
    code, printed, _err = coach(tmp_path / "data", "ratings", "export", "--out", str(out))
    assert code == 0 and printed.strip() == f"wrote 2 ratings to {out}"
    text = out.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert [(x["kind"], x["target_id"], x["helpful"], x["reason"]) for x in lines] == [
        ("agenda", made["agenda"], False, "Too long for us"),
        ("chat", answer_key("Ask first."), True, ""),
    ]
    assert all(set(x) == {"kind", "target_id", "helpful", "reason", "created"} for x in lines)
    for secret in (made["mentor"], made["mentor_id"], made["pair"]):
        assert secret not in text
    code, printed, _err = coach(tmp_path / "data", "ratings", "counts")
    rows = {line.split()[0]: line.split()[1:] for line in printed.splitlines()[1:]}
    assert rows["agenda"] == ["0", "1", "1"] and rows["chat"] == ["1", "0", "0"]
    assert rows["starters"] == ["0", "0", "0"]


def test_an_empty_install_exports_an_empty_file_and_a_bad_path_is_one_line(coach, tmp_path):  # noqa: F811
    out = tmp_path / "ratings.jsonl"
    code, printed, _err = coach(tmp_path / "data", "ratings", "export", "--out", str(out))
    assert code == 0 and "wrote 0 ratings" in printed and out.read_text() == ""
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    one_line_error(coach(tmp_path / "data", "ratings", "export", "--out", str(blocked / "r.jsonl")))


def test_the_export_needs_out_and_says_what_it_writes(capsys):
    with pytest.raises(SystemExit):
        main(["ratings", "export"])
    assert "--out" in capsys.readouterr().err
    text = build_parser().parse_args(["ratings", "export", "--out", "x.jsonl"])
    assert text.out == "x.jsonl"
    with pytest.raises(SystemExit):
        main(["ratings", "export", "--help"])
    shown = capsys.readouterr().out
    assert "one JSON object per line" in shown and "No user id or name" in shown
