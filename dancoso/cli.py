"""`dancoso`: thin subcommands over typed functions of the owning packages.

Start-up must stay fast (`dancoso --help` ≤ 0.5 s, see benchmarks/cli_start.py): the command
modules imported here use only the standard library at import time; each command imports its
machinery (pydantic, nbgrader, Voilà…) when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import cli_bank, cli_contest, cli_results, cli_serve, cli_sources
from .cli_common import RawHelp, tr

__all__ = ["main", "build_parser"]

GROUPS = (cli_bank, cli_sources, cli_contest, cli_results, cli_serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dancoso",
        description=tr("prog_description"),
        epilog="Ví dụ / example:\n  dancoso bank check quizzes/bank\n  dancoso serve",
        formatter_class=RawHelp,
    )
    groups = parser.add_subparsers(dest="group", metavar="{bank,sources,contest,results,serve}")
    groups.required = True
    for module in GROUPS:
        module.register(groups)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = arguments.run
    try:
        return run(arguments)
    except KeyboardInterrupt:
        print(tr("interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
