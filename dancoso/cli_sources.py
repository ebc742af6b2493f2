"""`dancoso sources …`: the official legal texts used to check citations (issue: legal sources)."""

from __future__ import annotations

from .cli_common import add_command, tr

__all__ = ["register"]


def register(groups) -> None:
    sources = add_command(
        groups,
        "sources",
        tr("sources_help"),
        "dancoso sources import luat-10-2022.docx --document luat-10-2022-qh15",
    )
    sources.set_defaults(run=_not_ready)


def _not_ready(_arguments) -> int:
    from .cli_common import fail

    return fail(tr("not_ready", command="sources"), 2)
