"""One flat JSON object from the measured parts, and a readable table of it with ratios."""

from __future__ import annotations

import statistics
from typing import Any

from coach.benchmarks.artifacts import KINDS, Timing
from coach.benchmarks.retrieval import size_label

FIELDS = ("seconds", "first_token_seconds", "tokens_per_s", "prompt_tokens", "completion_tokens")
PREFIX = {"flipside": "", "oneshot": "oneshot_", "naive": "naive_", "raw_model": "raw_model_"}


def median(values: list[float | int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(float(statistics.median(present)), 3) if present else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator to 3 places, or None when either is missing or zero."""
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def summarise(rows: list[Timing]) -> dict[str, float | int | None]:
    """Medians over one system's artifacts of one kind."""
    out: dict[str, float | int | None] = {f: median([getattr(r, f) for r in rows]) for f in FIELDS}
    out["model_seconds"] = median([r.model_seconds for r in rows])
    out["fallbacks"] = sum(r.fallback for r in rows) if rows else None
    out["n"] = len(rows)
    return out


def artifact_keys(rows: dict[str, dict[str, list[Timing]]] | None) -> dict[str, Any]:
    """``agenda_seconds``, ``agenda_naive_seconds``, ``agenda_raw_model_seconds``, ... and ratios.

    Every key is present; a skipped model leaves the values None. Ratios use the medians
    reported beside them, so anyone can check them from the same object.
    """
    out: dict[str, Any] = {}
    for kind in KINDS:
        for system, prefix in PREFIX.items():
            found = summarise((rows or {}).get(kind, {}).get(system, []))
            for field in (*FIELDS, "n"):
                out[f"{kind}_{prefix}{field}"] = found[field] if rows else None
            if system == "flipside":
                out[f"{kind}_model_seconds"] = found["model_seconds"]
                out[f"{kind}_fallbacks"] = found["fallbacks"]
        mine = out[f"{kind}_seconds"]
        out[f"{kind}_overhead_ratio"] = ratio(mine, out[f"{kind}_raw_model_seconds"])
        out[f"{kind}_vs_naive_ratio"] = ratio(mine, out[f"{kind}_naive_seconds"])
        out[f"{kind}_vs_oneshot_ratio"] = ratio(mine, out[f"{kind}_oneshot_seconds"])
    agendas = (rows or {}).get("agenda", {}).get("flipside", [])
    streamed = [a for a in agendas if a.first_item_seconds is not None and a.seconds > 0]
    out["agenda_first_item_seconds"] = median([a.first_item_seconds for a in streamed])
    out["agenda_first_item_ratio"] = median([a.first_item_seconds / a.seconds for a in streamed])  # type: ignore[operator]
    # each pair's (first model-written item, whole agenda), in the order measured: the median
    # alone hides whether the first item was late everywhere or in some pairs only
    out["agenda_first_item_each"] = [[a.first_item_seconds, a.seconds] for a in agendas]
    out |= prepare_keys(rows or {})
    return out


def prepare_keys(rows: dict[str, dict[str, list[Timing]]]) -> dict[str, Any]:
    """Agenda plus starters for the same pair, per system: ``prepare_on_demand_seconds`` (Flipside),
    ``prepare_oneshot_seconds`` and ``prepare_naive_seconds``, medians over the pairs, and how
    many times longer the others took."""
    out: dict[str, Any] = {}
    names = {"flipside": "on_demand", "oneshot": "oneshot", "naive": "naive"}
    for system, name in names.items():
        agendas = rows.get("agenda", {}).get(system, [])
        starters = rows.get("starters", {}).get(system, [])
        both = [a.seconds + s.seconds for a, s in zip(agendas, starters, strict=False)]
        out[f"prepare_{name}_seconds"] = median(both)  # type: ignore[arg-type]
    mine = out["prepare_on_demand_seconds"]
    out["prepare_naive_vs_on_demand_ratio"] = ratio(out["prepare_naive_seconds"], mine)
    out["prepare_oneshot_vs_on_demand_ratio"] = ratio(out["prepare_oneshot_seconds"], mine)
    return out


def interactive_keys(
    warm: list[float] | None, chat: dict[str, list[Timing]] | None
) -> dict[str, Any]:
    """What a person waits for, beside its floor, medians of the same run (None where not
    measured): ``prepare_warm_seconds``, the reads of a plan background preparation made;
    ``chat_first_token_seconds``, the chat's own first-token time per question;
    ``chat_raw_prompt_seconds``, the raw model reading as many prompt tokens to one token; and
    ``chat_first_token_vs_raw_ratio`` from the two medians beside it; ``chat_library_answered``,
    how many of the questions the library's written answers answer (no model), in
    ``chat_library_seconds``."""
    mine, raw = (chat or {}).get("flipside", []), (chat or {}).get("raw_model", [])
    out: dict[str, Any] = {
        "prepare_warm_seconds": median(list(warm or [])),
        "prepare_warm_reads": len(warm) if warm else None,
        "chat_n": len(mine) if chat is not None else None,
        "chat_first_token_seconds": median([t.first_token_seconds for t in mine]),
        "chat_seconds": median([t.seconds for t in mine]),
        "chat_prompt_tokens": median([t.prompt_tokens or None for t in mine]),
        "chat_raw_prompt_seconds": median([t.seconds for t in raw]),
        "chat_raw_prompt_tokens": median([t.prompt_tokens or None for t in raw]),
        "chat_library_answered": len((chat or {}).get("library", [])) if chat else None,
        "chat_library_seconds": median([t.seconds for t in (chat or {}).get("library", [])]),
    }
    out["chat_first_token_vs_raw_ratio"] = ratio(
        out["chat_first_token_seconds"], out["chat_raw_prompt_seconds"]
    )
    return out


def retrieval_keys(by_size: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """``retrieval_p95_ms_10k`` and friends, one set per measured size."""
    out: dict[str, Any] = {}
    for size, row in sorted(by_size.items()):
        label = size_label(size)
        out[f"retrieval_chunks_{label}"] = row["chunks"]
        out[f"retrieval_build_s_{label}"] = row["build_s"]
        out[f"retrieval_p50_ms_{label}"] = row["hybrid"]["p50_ms"]
        out[f"retrieval_p95_ms_{label}"] = row["hybrid"]["p95_ms"]
        out[f"retrieval_dense_p50_ms_{label}"] = row["dense_only"]["p50_ms"]
        out[f"retrieval_dense_p95_ms_{label}"] = row["dense_only"]["p95_ms"]
        out[f"retrieval_hybrid_over_dense_p95_{label}"] = row["hybrid_over_dense_p95"]
    return out


def build_report(
    *,
    machine: dict[str, Any],
    config: dict[str, Any],
    ingest: dict[str, Any],
    retrieval: dict[int, dict[str, Any]],
    artifacts: dict[str, dict[str, list[Timing]]] | None,
    memory: dict[str, float | None],
    notes: list[str] | None = None,
    warm: list[float] | None = None,
    chat: dict[str, list[Timing]] | None = None,
) -> dict[str, Any]:
    """The one JSON object `coach bench --json` prints."""
    return {
        "machine": machine,
        "config": config,
        "ingest_chunks": ingest["chunks"],
        "ingest_seconds": ingest["seconds"],
        "ingest_chunks_per_s": ingest["chunks_per_s"],
        **retrieval_keys(retrieval),
        **artifact_keys(artifacts),
        **interactive_keys(warm, chat),
        **memory,
        "notes": list(notes or []),
    }


def _fmt(value: Any, unit: str = "", places: int = 1) -> str:
    """A figure for the table: '-' when missing, thousands separated, fixed decimals."""
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}{unit}"
    return f"{value:,.{places}f}{unit}"


def render(report: dict[str, Any], console: Any) -> None:
    """Print ``report`` as rich tables: retrieval, artifacts side by side, memory, machine."""
    from rich.table import Table

    console.print(
        f"ingest: {_fmt(report['ingest_chunks'])} chunks in {_fmt(report['ingest_seconds'], ' s')}"
        f" = [bold]{_fmt(report['ingest_chunks_per_s'])} chunks/s[/bold]"
    )
    table = Table(title="retrieval latency (k = 5; dense-only is the baseline)")
    for column in ("chunks", "hybrid p50", "hybrid p95", "dense p95", "hybrid / dense p95"):
        table.add_column(column, justify="right")
    for size in report["config"]["sizes"]:
        label = size_label(size)
        table.add_row(
            _fmt(report[f"retrieval_chunks_{label}"]),
            _fmt(report[f"retrieval_p50_ms_{label}"], " ms"),
            _fmt(report[f"retrieval_p95_ms_{label}"], " ms"),
            _fmt(report[f"retrieval_dense_p95_ms_{label}"], " ms"),
            _fmt(report[f"retrieval_hybrid_over_dense_p95_{label}"], "x", 2),
        )
    console.print(table)
    if report["config"].get("skip_model"):
        console.print("artifacts: skipped (--skip-model)")
    else:
        _render_artifacts(report, console, Table)
    console.print(
        f"peak memory: model server {_fmt(report.get('model_server_peak_rss_mb'), ' MB', 0)}, "
        f"this process {_fmt(report.get('process_peak_rss_mb'), ' MB', 0)} after generation, "
        f"{_fmt(report.get('process_peak_rss_mb_final'), ' MB', 0)} after the largest index"
    )
    m = report["machine"]
    console.print(f"machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
                  f"load {_fmt(m['load_1m'], '', 2)} at start")  # fmt: skip
    for note in report.get("notes", []):
        console.print(f"[yellow]note:[/] {note}")


def _render_artifacts(report: dict[str, Any], console: Any, table_type: Any) -> None:
    model = report["config"].get("model", "?")
    table = table_type(title=f"artifacts with {model}: medians (end to end)")
    columns = ("artifact", "n", "Flipside", "1st token", "tokens/s", "prompt tok",
               "one-shot", "naive", "raw model", "Flipside / one-shot", "Flipside / raw",
               "Flipside / naive", "fallbacks")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "artifact" else "right")
    for kind in KINDS:
        table.add_row(
            kind,
            _fmt(report[f"{kind}_n"]),
            _fmt(report[f"{kind}_seconds"], " s"),
            _fmt(report[f"{kind}_first_token_seconds"], " s"),
            _fmt(report[f"{kind}_tokens_per_s"]),
            _fmt(report[f"{kind}_prompt_tokens"], "", 0),
            _fmt(report[f"{kind}_oneshot_seconds"], " s"),
            _fmt(report[f"{kind}_naive_seconds"], " s"),
            _fmt(report[f"{kind}_raw_model_seconds"], " s"),
            _fmt(report[f"{kind}_vs_oneshot_ratio"], "x", 2),
            _fmt(report[f"{kind}_overhead_ratio"], "x", 2),
            _fmt(report[f"{kind}_vs_naive_ratio"], "x", 2),
            _fmt(report[f"{kind}_fallbacks"]),
        )
    console.print(table)
    r = {k: v for k, v in report.items() if k.startswith(("prepare_", "agenda_first_item"))}
    console.print(
        f"prepare (agenda + starters, same pairs): {_fmt(r['prepare_on_demand_seconds'], ' s')} "
        f"on demand, {_fmt(r['prepare_oneshot_seconds'], ' s')} one-shot "
        f"({_fmt(r['prepare_oneshot_vs_on_demand_ratio'], 'x', 2)}), "
        f"{_fmt(r['prepare_naive_seconds'], ' s')} naive "
        f"({_fmt(r['prepare_naive_vs_on_demand_ratio'], 'x', 2)}); first agenda item after "
        f"{_fmt(r['agenda_first_item_seconds'], ' s')} "
        f"({_fmt(r['agenda_first_item_ratio'], '', 2)} of the agenda's time)"
    )
    console.print(
        f"open a prepared pair: {_fmt(report['prepare_warm_seconds'], ' s', 3)} (median of "
        f"{_fmt(report['prepare_warm_reads'])} reads); chat first token "
        f"{_fmt(report['chat_first_token_seconds'], ' s', 2)} (median of {_fmt(report['chat_n'])} "
        f"questions, {_fmt(report['chat_prompt_tokens'], ' prompt tokens', 0)}), raw model to "
        f"its first token on as many: {_fmt(report['chat_raw_prompt_seconds'], ' s', 2)} "
        f"(chat / raw {_fmt(report['chat_first_token_vs_raw_ratio'], 'x', 2)})"
    )
