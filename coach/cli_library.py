"""`coach library check`: validate the coaching library (starters, segments, scripts, answers,
flag examples). `coach library train-flags`: rebuild the sentence flag classifier."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli_common import one_line_errors
from coach.services.library import FLAG_EXAMPLES, read_examples


@one_line_errors
def cmd_check(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.services.library import load_library

    settings = get_settings()
    folder = Path(args.folder) if args.folder else settings.library_dir
    guides = Path(args.guides) if args.guides else settings.knowledge_dir
    library, problems = load_library(folder, not args.partial, guides)
    for line in problems:
        print(line, file=sys.stderr)
    counts = (
        f"{len(library.starters)} starter templates, {len(library.segments)} segment patterns, "
        f"{len(library.scripts)} phase scripts, {len(library.answers)} chat answers"
    )
    examples, flag_problems = read_examples(folder / FLAG_EXAMPLES)
    for line in flag_problems:
        print(line, file=sys.stderr)
    problems += flag_problems
    counts += f", {sum(len(rows) for rows in examples.values())} flag examples"
    print(f"{folder}: {counts}; {len(problems)} problem(s)")
    return 1 if problems else 0


@one_line_errors
def cmd_train_flags(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.services.flag_training import train_from_folder

    settings = get_settings()
    folder = Path(args.folder) if args.folder else settings.library_dir
    cases = None
    if args.cases:
        from coach.evals.flag_cases import case_examples

        cases = case_examples(Path(args.cases))
    model, path = train_from_folder(folder, args.threshold, args.with_cue, args.strength, cases)
    for kind, about in model.about["examples"].items():
        alone, beside = model.threshold[kind], model.with_cue[kind]
        print(f"{kind}: {about['1']} flag sentences, {about['0']} others; "
              f"thresholds {alone} alone, {beside} with a cue")  # fmt: skip
    print(f"wrote {path}")
    return 0


@one_line_errors
def cmd_train_goals(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.services.goal_training import train_from_cases

    settings = get_settings()
    folder = Path(args.folder) if args.folder else settings.library_dir
    model, path = train_from_cases(folder, Path(args.cases), args.strength, args.threshold)
    rows = model.about["rows"]
    print(f"{rows['shows the goal moved']} labelled sentences that show a goal moved, "
          f"{rows['does not']} that do not; threshold {model.threshold}")  # fmt: skip
    print(f"wrote {path}")
    return 0


@one_line_errors
def cmd_train_actions(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.services.action_training import train_from_cases

    folder = Path(args.folder) if args.folder else get_settings().library_dir
    model, path = train_from_cases(folder, Path(args.cases), args.strength, args.add, args.veto)
    rows = model.about["rows"]
    print(f"{rows['holds an action']} sentences that hold a labelled action, {rows['does not']} "
          f"that do not; add from {model.add}, drop under {model.veto}")  # fmt: skip
    print(f"wrote {path}")
    return 0


def cmd_train_sentiment(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.services.sentiment_training import train_from_cases

    folder = Path(args.folder) if args.folder else get_settings().library_dir
    model, path = train_from_cases(folder, Path(args.cases), args.strength)
    counts = ", ".join(f"{n} {tone}" for tone, n in model.about["rows"].items())
    print(f"reflections by labelled tone: {counts}")
    print(f"wrote {path}")
    return 0


def _folder_and_strength(parser: argparse.ArgumentParser, strength: float) -> None:
    """The options every training command shares: the library folder and the fit's penalty."""
    parser.add_argument("folder", nargs="?", default=None,
                        help="the library folder (default: COACH_LIBRARY_DIR)")  # fmt: skip
    parser.add_argument("--strength", type=float, default=strength,
                        help=f"L2 penalty of the fit (default {strength})")  # fmt: skip


def _training_command(
    commands: argparse._SubParsersAction, name: str, strength: float, summary: str,
    description: str, dataset: str,
) -> argparse.ArgumentParser:  # fmt: skip
    """A `coach library train-…` command that learns from the development cases: the library
    folder, the fit's penalty and the dataset (the frozen sets are refused)."""
    parser = commands.add_parser(
        name, help=summary, description=description,
        epilog=f"example: coach library {name} --cases evals/datasets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    _folder_and_strength(parser, strength)
    parser.add_argument("--cases", default="evals/datasets", metavar="DATASET",
                        help=f"{dataset} (default: evals/datasets; the frozen sets are "
                        "refused)")  # fmt: skip
    return parser


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach library` to the main parser."""
    from coach.services.action_training import ADD, VETO
    from coach.services.action_training import STRENGTH as ACTION_STRENGTH
    from coach.services.flag_training import STRENGTH, THRESHOLD, WITH_CUE
    from coach.services.goal_training import STRENGTH as GOAL_STRENGTH
    from coach.services.goal_training import THRESHOLD as GOAL_THRESHOLD
    from coach.services.sentiment_training import STRENGTH as SENTIMENT_STRENGTH

    p = sub.add_parser(
        "library",
        help="the coaching library: check its files, train the flag, goal and action models",
    )
    commands = p.add_subparsers(dest="library_command", required=True)
    check = commands.add_parser(
        "check",
        help="validate every entry; exit 1 on any problem",
        description="Check library/*.yaml: the schema, unique ids, known slots, questions asked\n"
        "face to face, no generational stereotypes, and enough entries of every kind.",
        epilog="example: coach library check library/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("folder", nargs="?", default=None,
                       help="default: COACH_LIBRARY_DIR (./library)")  # fmt: skip
    check.add_argument("--guides", default=None,
                       help="guides cites must name (default: COACH_KNOWLEDGE_DIR)")  # fmt: skip
    check.add_argument(
        "--partial", action="store_true", help="skip the minimum counts (while writing it)"
    )
    check.set_defaults(func=cmd_check)
    train = commands.add_parser(
        "train-flags",
        help="rebuild library/flag-model.json from library/flag-examples/",
        description="Fit one logistic model per flag kind over MiniLM sentence vectors, from\n"
        "the labelled sentences in flag-examples/<kind>.jsonl, and write flag-model.json.\n"
        "A summary raises a flag the cue rules missed only when one sentence scores at or\n"
        "above the threshold, or above --with-cue when the rules found a weak cue of it.\n"
        "bench/flag_model_cv.py measures thresholds on development cases.",
        epilog="example: coach library train-flags --cases evals/datasets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _folder_and_strength(train, STRENGTH)
    train.add_argument("--threshold", type=float, default=THRESHOLD,
                       help=f"score that raises a flag, 0-1 (default {THRESHOLD})")  # fmt: skip
    train.add_argument("--with-cue", type=float, default=WITH_CUE,
                       help=f"the score beside a weak cue (default {WITH_CUE})")  # fmt: skip
    train.add_argument("--cases", default=None, metavar="DATASET",
                       help="also learn from the development reflections in DATASET "
                       "(evals/datasets), as the cue rules mark them")  # fmt: skip
    train.set_defaults(func=cmd_train_flags)
    goals = _training_command(
        commands, "train-goals", GOAL_STRENGTH,
        "rebuild library/goal-model.json from the labelled development reflections",
        "Fit a logistic model that scores how well a sentence of a reflection shows\n"
        "that one of the pair's goals moved (its similarities to the goals, its MiniLM vector),\n"
        "from the sentences a reader labelled in DATASET/goal_evidence.jsonl, and write\n"
        "goal-model.json. A summary shows, for each goal, the best-scored sentence when its\n"
        "score reaches the threshold. bench/goal_model_cv.py measures both settings.",
        "the development dataset with goal_evidence.jsonl",
    )  # fmt: skip
    goals.add_argument("--threshold", type=float, default=GOAL_THRESHOLD,
                       help=f"score that shows a sentence as evidence, 0-1 "
                       f"(default {GOAL_THRESHOLD})")  # fmt: skip
    goals.set_defaults(func=cmd_train_goals)
    actions = _training_command(
        commands, "train-actions", ACTION_STRENGTH,
        "rebuild library/action-model.json from the development reflections' actions",
        "Fit a logistic model that scores whether a sentence of a reflection holds\n"
        "an action (its MiniLM vector, a plan word, a deadline, a list line, a line that names\n"
        "its owner first, the writer's I), from the labelled actions of the development cases\n"
        "in DATASET, and write action-model.json. A summary adds a sentence the rules found no\n"
        "action in when it scores at least --add, and drops a rule's action that scores under\n"
        "--veto both in its sentence and alone. bench/action_model_firsts.py measures both on\n"
        "cases the rules had not yet read.",
        "the development dataset",
    )  # fmt: skip
    actions.add_argument(
        "--add",
        type=float,
        default=ADD,
        help=f"score that adds a sentence as an action, 0-1 (default {ADD})",
    )
    actions.add_argument(
        "--veto",
        type=float,
        default=VETO,
        help=f"score under which a rule's action is dropped (default {VETO})",
    )
    actions.set_defaults(func=cmd_train_actions)
    _training_command(
        commands, "train-sentiment", SENTIMENT_STRENGTH,
        "rebuild library/sentiment-model.json from the development reflections' labelled tone",
        "Fit a softmax model that reads a reflection's tone (positive, mixed, negative or\n"
        "neutral) from its feeling words, its raised flags and its MiniLM sentence vectors,\n"
        "from the tone labelled in DATASET/sentiment_gold.jsonl, and write\n"
        "sentiment-model.json. A summary shows the model's tone; without the file, the\n"
        "feeling-word rule's. bench/sentiment_model_cv.py measures it by cross-validation.",
        "the development dataset with sentiment_gold.jsonl",
    ).set_defaults(func=cmd_train_sentiment)  # fmt: skip
