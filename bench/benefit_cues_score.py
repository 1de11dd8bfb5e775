"""Score the rule path of the mutual-benefit step on the development cases, without the model:
``.venv/bin/python bench/benefit_cues_score.py [--dataset evals/datasets] [--quiet]``.

It builds the inputs to ``coach.domain.benefit_cues.gain_sentences`` exactly as
``coach.generation.summary_narrow`` does: the reflection split by ``sentences``, the private
sentences (``flagged_sentences``) left out, the case's author and ``pair_names`` of its pair.
For every case with benefit gold it prints, per side, the gold line and the sentence found.

A found sentence counts for recall when a reader would accept it as stating the labelled gain:
it holds at least half the content words of one part of the gold line (parts are split on
";"), or it is listed for that case and side in ``ACCEPTED`` below (read by hand: the gold is
a paraphrase that shares few words with the sentence). ``invented`` counts sides filled where
the gold is "". ``loose recall`` is the eval's looser reading (``benefit_scores``: the line,
``gain_line`` of the sentence, shares any content word with the gold).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.domain.benefit_cues import gain_line, gain_sentences
from coach.domain.pair_owners import pair_names
from coach.domain.summary_flags import flagged_sentences
from coach.domain.wording import overlap, sentences
from coach.evals.datasets import ReflectionCase, load_pairs, load_reflection_set

ACCEPT = 0.5  # share of a gold part's content words the sentence must hold
# (case id, side) -> the start of a sentence a reader accepts as that side's labelled gain
# though it shares few words with the gold's paraphrase (read by hand, before any rule change).
ACCEPTED: dict[tuple[str, str], tuple[str, ...]] = {
    ("r013", "mentee"): ("Biggest lesson for me:",),  # the lesson, in other words than gold's
    ("r020", "mentee"): ("Finfluencers: he showed me three accounts",),  # how they talk
    ("r029", "mentee"): ("I did not know this was happening",),  # on his own campus
    ("r036", "mentee"): ("I had no idea we asked for two references",),  # learned about the form
    ("h011", "mentee"): ("Frank said he'd never thought of a job ad",),  # a new view of job ads
    ("h016", "mentee"): ("I understand the resus quote now",),  # after the handover
    ("h031", "mentee"): ("She built the completions query herself",),  # answered it herself
}


def accepted(case_id: str, side: str, gold: str, sentence: str) -> bool:
    """Whether a reader would accept ``sentence`` as stating the gain ``gold``."""
    if any(sentence.startswith(start) for start in ACCEPTED.get((case_id, side), ())):
        return True
    return any(overlap(part, sentence) >= ACCEPT for part in gold.split(";") if part.strip())


def found_for(case: ReflectionCase, names: dict[str, str]) -> dict[str, str]:
    """Side -> the sentence the rules found, with the inputs ``summary_narrow`` gives them."""
    found = sentences(case.reflection)
    private = {s.start for s in flagged_sentences(found, case.author)}
    shareable = [s for s in found if s.start not in private]
    said = gain_sentences(shareable, case.author, names)
    return {side: found[0].text for side, found in said.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dataset",
        type=Path,
        default=Path("evals/datasets"),
        help="development dataset folder (default: %(default)s)",
    )
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()
    pairs = {p.id: p for p in load_pairs(args.dataset / "pairs")}
    stated = hits = loose = invented = wrong = cases = 0
    for case in load_reflection_set(args.dataset):
        if case.gold is None or not case.gold.benefit:
            continue
        cases += 1
        said = found_for(case, pair_names(pairs[case.pair_id]))
        rows = []
        for side in ("mentor", "mentee"):
            gold, sentence = case.gold.benefit.get(side, ""), said.get(side, "")
            if gold:
                stated += 1
                ok = bool(sentence) and accepted(case.id, side, gold, sentence)
                hits += ok
                wrong += bool(sentence) and not ok
                loose += bool(sentence) and overlap(gold, gain_line(sentence)) > 0
                mark = "HIT " if ok else "WRONG" if sentence else "miss"
            else:
                invented += bool(sentence)
                mark = "FALSE" if sentence else "ok  "
            if mark.strip() != "ok" or gold:
                rows.append(f"  {mark} {side}: gold={gold!r}\n        found={sentence!r}")
        if rows and not args.quiet:
            print(f"{case.id} (author {case.author})")
            print("\n".join(rows))
    print(f"cases {cases}, sides with gold {stated}")
    print(f"recall {hits / stated:.3f} ({hits}/{stated}); found but not the gain {wrong}; "
          f"invented {invented}; loose recall {loose / stated:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
