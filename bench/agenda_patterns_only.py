"""The same agendas with each model-worded block replaced by its library pattern's own text:
``python bench/agenda_patterns_only.py RESULTS.json PATTERNS.json MODEL.json``.

Both outputs keep only the middle sessions with at least two worded blocks, so a blind review
pack of the two compares the model's rewording with the pattern's own text and nothing else
(the check-in, the carry-over and the closing are the same run's). Used for review agenda-11
on the run of ``c16e878`` with the library of that commit.
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

from coach.domain.org_words import fitted, org_words
from coach.domain.pair_profile import PairProfile
from coach.services.library import load_library


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="results.json of coach eval --suite agenda")
    parser.add_argument("patterns_out", type=Path, help="where the patterns' version goes")
    parser.add_argument("model_out", type=Path, help="where the same cases as run go")
    parser.add_argument("--pairs", type=Path, default=Path("evals/datasets/pairs"))
    args = parser.parse_args()
    segments = {s.id: s for s in load_library(Path("library"))[0].segments}
    run = json.loads(args.results.read_text())
    cases = run["suites"]["agenda"]["systems"]["flipside"]["cases"]
    patterns: list[dict[str, Any]] = []
    as_run: list[dict[str, Any]] = []
    for row in cases:
        worded = [i for i in (row.get("output") or {}).get("items", []) if i.get("pattern")]
        if len(worded) < 2:
            continue
        profile = PairProfile.model_validate_json((args.pairs / f"{row['id']}.json").read_text())
        words = org_words(profile)
        swapped = copy.deepcopy(row)
        for item in swapped["output"]["items"]:
            if item.get("pattern"):
                own = fitted(segments[item["pattern"]], words)
                item["title"], item["purpose"], item["prompts"] = (
                    own.name,
                    own.purpose,
                    [own.question],
                )
        title, first = swapped["output"]["title"], worded[0]["title"]
        if title.endswith(first):
            new_first = next(i for i in swapped["output"]["items"] if i.get("pattern"))["title"]
            swapped["output"]["title"] = title[: -len(first)] + new_first
        patterns.append(swapped)
        as_run.append(row)
    for path, rows in ((args.patterns_out, patterns), (args.model_out, as_run)):
        out = copy.deepcopy(run)
        out["suites"]["agenda"]["systems"]["flipside"]["cases"] = rows
        path.write_text(json.dumps(out))
    print(f"{len(patterns)} middle sessions with two worded blocks or more")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
