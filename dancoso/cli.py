"""`dancoso`: thin subcommands over typed functions of the owning packages.

Start-up must stay fast (`dancoso --help` ≤ 0.5 s, see benchmarks/cli_start.py): this module
imports only the standard library and the message catalogues at import time; each command
imports its machinery (pydantic, nbgrader, Voilà…) when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from quizzes.i18n import translate

from .messages import MESSAGES

__all__ = ["main", "build_parser"]


def _(key: str, **values: object) -> str:
    return translate(MESSAGES, key, **values)


def _parser(subparsers, name: str, help_key: str, example: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name,
        help=_(help_key),
        description=_(help_key),
        epilog=f"Ví dụ / example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dancoso",
        description=_("prog_description"),
        epilog="Ví dụ / example:\n  dancoso bank check quizzes/bank\n  dancoso serve",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    groups = parser.add_subparsers(dest="group", metavar="{bank,contest,results,serve}")
    groups.required = True

    bank = _parser(groups, "bank", "bank_help", "dancoso bank check quizzes/bank")
    bank_commands = bank.add_subparsers(dest="command", required=True)
    check = _parser(bank_commands, "check", "bank_check_help", "dancoso bank check quizzes/bank")
    check.add_argument("paths", nargs="*", type=Path, help=_("paths_help"))
    check.add_argument("--fix", action="store_true", help=_("bank_check_fix_help"))
    check.set_defaults(run=_bank_check)
    stats = _parser(bank_commands, "stats", "bank_stats_help", "dancoso bank stats --json")
    stats.add_argument("paths", nargs="*", type=Path, help=_("paths_help"))
    stats.add_argument("--json", action="store_true", help=_("json_help"))
    stats.set_defaults(run=_bank_stats)

    for group, help_key, example in (
        ("contest", "contest_help", "dancoso contest build quizzes/contests/demo.yaml --course-dir var/demo"),
        ("results", "results_help", "dancoso results build quizzes/contests/demo.yaml --course-dir var/demo --out var/site"),
    ):
        sub = _parser(groups, group, help_key, example)
        sub.set_defaults(run=_not_ready(group))

    serve = _parser(groups, "serve", "serve_help", "dancoso serve --port 8866")
    serve.add_argument("--data-dir", type=Path, default=None, help="thư mục dữ liệu / data directory (./var)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--lab-port", type=int, default=8888)
    serve.add_argument("--voila-port", type=int, default=8866)
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = arguments.run
    try:
        return run(arguments)
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130


def _bank_paths(arguments: argparse.Namespace) -> list[Path]:
    from quizzes.bank import BANK_DIR

    return list(arguments.paths) or [BANK_DIR]


def _bank_check(arguments: argparse.Namespace) -> int:
    from quizzes.bank import bank_files, load_bank
    from quizzes.checks import check_bank

    paths = _bank_paths(arguments)
    if arguments.fix:
        from quizzes.fix import fix_file

        for file in bank_files(paths)[0]:
            if fix_file(file):
                print(_("fixed", path=file))
    loaded = load_bank(paths)
    problems = check_bank(loaded)
    root = Path.cwd()
    for problem in problems:
        print(problem.render(root), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(loaded.documents)
    if errors:
        print(_("check_failed", errors=errors, warnings=warnings, files=files), file=sys.stderr)
        return 1
    print(_("check_ok", questions=len(loaded.questions), files=files))
    return 0


def _bank_stats(arguments: argparse.Namespace) -> int:
    import json

    from quizzes.bank import load_bank
    from quizzes.stats import bank_stats

    loaded = load_bank(_bank_paths(arguments))
    stats = bank_stats([item.question for item in loaded.questions])
    if arguments.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(_("stats_title"))
    for key in ("questions", "by_status", "by_type", "by_difficulty", "situational", "documents"):
        print(f"  {key}: {stats[key]}")
    print(f"  articles: {len(stats['articles'])}")
    return 0


def _serve(arguments: argparse.Namespace) -> int:
    from dancoso.serve import serve

    return serve(
        data_dir=arguments.data_dir,
        host=arguments.host,
        lab_port=arguments.lab_port,
        voila_port=arguments.voila_port,
    )


def _not_ready(command: str) -> Callable[[argparse.Namespace], int]:
    def run(_arguments: argparse.Namespace) -> int:
        print(_("not_ready", command=command), file=sys.stderr)
        return 2

    return run


if __name__ == "__main__":
    raise SystemExit(main())
