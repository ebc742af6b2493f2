"""`dancoso results …`."""

from __future__ import annotations

from .cli_common import add_command, fail, tr

__all__ = ["register"]


def register(groups) -> None:
    parser = add_command(
        groups,
        "results",
        tr("results_help"),
        "dancoso results build quizzes/contests/demo.yaml --course-dir var/demo --out var/site",
    )
    parser.set_defaults(run=lambda _arguments: fail(tr("not_ready", command="results"), 2))
