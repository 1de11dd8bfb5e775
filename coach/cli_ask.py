"""`coach ask`: the coach's chat from the command line, with its sources."""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli_common import cli_services, one_line_errors


def _citations(event) -> list[dict[str, str]]:
    """The passages the answer cites, in the order it first cites them."""
    passages = event.sources
    return [
        {"n": str(n), "id": passages[n - 1].id, "source": passages[n - 1].source,
         "title": passages[n - 1].title, "section": passages[n - 1].section}
        for n in event.cited
    ]  # fmt: skip


@one_line_errors
def cmd_ask(args: argparse.Namespace) -> int:
    from coach.services.errors import UserError

    if args.pair and not args.as_user:
        raise UserError("--pair needs --as USERNAME: a pair's goals are read as one of its members")
    services = cli_services()
    try:
        services.ensure_guides()
        pair = None
        if args.as_user:
            user = services.users.signed_in(args.as_user)
            pair = services.preparation.profile(user, args.pair) if args.pair else None
        answer, final = "", None
        for event in services.chat.ask(args.question, pair=pair, audience=args.audience):
            if event.kind == "delta":
                answer += event.text
                if not args.json:
                    print(event.text, end="", flush=True)
            elif event.kind == "done":
                final = event
    finally:
        services.close()
    if final is None:
        raise UserError("the coach gave no answer; run `coach doctor` to check the model")
    artifact = final.artifact
    if args.json:
        printed = {
            "answer": final.text or answer,
            "citations": _citations(final),
            "meta": {**final.stats, "model": services.model_label},
        }
        if artifact is not None:
            printed["artifact"] = artifact.model_dump(mode="json")
        print(json.dumps(printed, indent=2, ensure_ascii=False))
        return 0
    print()
    for c in _citations(final):
        where = f" — {c['section']}" if c["section"] else ""
        print(f"[{c['n']}] {c['title']}{where} ({c['source']})", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach ask` to the main parser."""
    p = sub.add_parser(
        "ask",
        help="ask the coach a question; the answer cites the guides",
        description="Ask the coach what the chat answers: a short script you can say, why, and\n"
        "the guide passages it rests on. Without --as it answers from the guides only; with\n"
        "--as and --pair it also knows that pair's goals (and can draft an agenda or starters).",
        epilog='examples:\n  coach ask "my VP keeps checking his phone, what do I say?"\n'
        '  coach ask "draft an agenda" --as aisha --pair pair_1234 --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("question", help="what you would type in the chat")
    p.add_argument("--pair", default=None, help="a pair id (needs --as)")
    p.add_argument("--as", dest="as_user", default=None, help="answer as this user (a member)")
    p.add_argument("--audience", choices=("mentor", "mentee", "lead"), default="mentor",
                   help="who is asking: the library answer written for them is chosen "
                   "(default mentor)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print answer, citations and meta")
    p.set_defaults(func=cmd_ask)
