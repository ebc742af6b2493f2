"""`dancoso bank check|stats`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_common import add_command, tr

__all__ = ["register"]


def register(groups) -> None:
    bank = add_command(groups, "bank", tr("bank_help"), "dancoso bank check quizzes/bank")
    commands = bank.add_subparsers(dest="command", required=True)
    check = add_command(
        commands, "check", tr("bank_check_help"), "dancoso bank check quizzes/bank --fix"
    )
    check.add_argument("paths", nargs="*", type=Path, help=tr("paths_help"))
    check.add_argument("--fix", action="store_true", help=tr("bank_check_fix_help"))
    check.add_argument("--data-dir", type=Path, default=None, help=tr("data_dir_help"))
    check.set_defaults(run=run_check)
    stats = add_command(commands, "stats", tr("bank_stats_help"), "dancoso bank stats --json")
    stats.add_argument("paths", nargs="*", type=Path, help=tr("paths_help"))
    stats.add_argument("--json", action="store_true", help=tr("json_help"))
    stats.set_defaults(run=run_stats)


def _paths(arguments: argparse.Namespace) -> list[Path]:
    from quizzes.bank import BANK_DIR

    return list(arguments.paths) or [BANK_DIR]


def run_check(arguments: argparse.Namespace) -> int:
    from quizzes.bank import bank_files, load_bank
    from quizzes.checks import check_bank
    from quizzes.citation_check import load_library

    paths = _paths(arguments)
    if arguments.fix:
        from quizzes.fix import fix_file

        for file in bank_files(paths)[0]:
            if fix_file(file):
                print(tr("fixed", path=file))
    loaded = load_bank(paths)
    problems = check_bank(loaded, library=load_library(arguments.data_dir))
    root = Path.cwd()
    for problem in problems:
        print(problem.render(root), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len(loaded.documents)
    if errors:
        print(tr("check_failed", errors=errors, warnings=warnings, files=files), file=sys.stderr)
        return 1
    print(tr("check_ok", questions=len(loaded.questions), files=files))
    if warnings:
        print(tr("check_failed", errors=0, warnings=warnings, files=files), file=sys.stderr)
    return 0


def run_stats(arguments: argparse.Namespace) -> int:
    import json

    from quizzes.bank import load_bank
    from quizzes.stats import bank_stats

    loaded = load_bank(_paths(arguments))
    stats = bank_stats([item.question for item in loaded.questions])
    if arguments.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(tr("stats_title"))
    for key in ("questions", "by_status", "by_type", "by_difficulty", "situational", "documents"):
        print(f"  {key}: {stats[key]}")
    print(f"  articles: {len(stats['articles'])}")
    return 0
