"""`dancoso contest …`."""

from __future__ import annotations

from .cli_common import add_command, fail, tr

__all__ = ["register"]


def register(groups) -> None:
    parser = add_command(
        groups,
        "contest",
        tr("contest_help"),
        "dancoso contest build quizzes/contests/demo.yaml --course-dir var/demo",
    )
    parser.set_defaults(run=lambda _arguments: fail(tr("not_ready", command="contest"), 2))
