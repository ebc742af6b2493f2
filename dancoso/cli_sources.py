"""`dancoso sources import|list`: official legal texts used to check citations."""

from __future__ import annotations

import argparse
from pathlib import Path

from .cli_common import add_command, fail, tr

__all__ = ["register"]


def register(groups) -> None:
    sources = add_command(
        groups,
        "sources",
        tr("sources_help"),
        "dancoso sources import luat-10-2022.docx --document luat-10-2022-qh15",
    )
    commands = sources.add_subparsers(dest="command", required=True)
    importer = add_command(
        commands,
        "import",
        tr("sources_import_help"),
        "dancoso sources import van-ban-hop-nhat.html --document luat-10-2022-qh15",
    )
    importer.add_argument("file", type=Path, help=tr("sources_file_help"))
    importer.add_argument("--document", required=True, help=tr("sources_document_help"))
    importer.add_argument("--data-dir", type=Path, default=None, help=tr("data_dir_help"))
    importer.set_defaults(run=run_import)
    listing = add_command(commands, "list", tr("sources_list_help"), "dancoso sources list")
    listing.add_argument("--data-dir", type=Path, default=None, help=tr("data_dir_help"))
    listing.set_defaults(run=run_list)


def run_import(arguments: argparse.Namespace) -> int:
    from quizzes.legal_extract import ExtractError
    from quizzes.legal_library import import_document
    from quizzes.sources import load_registry

    registry = load_registry()
    if registry.document(arguments.document) is None:
        return fail(
            tr(
                "sources_unknown_document",
                document=arguments.document,
                known=", ".join(registry.ids),
            )
        )
    if not arguments.file.is_file():
        return fail(tr("sources_missing_file", path=arguments.file))
    try:
        result = import_document(
            arguments.file, document=arguments.document, root=arguments.data_dir
        )
    except ExtractError as error:
        return fail(str(error))
    if result.articles == 0:
        return fail(tr("sources_no_articles", path=arguments.file))
    print(
        tr(
            "sources_imported",
            document=result.document,
            chapters=result.chapters,
            articles=result.articles,
            clauses=result.clauses,
            path=result.path,
        )
    )
    for warning in result.warnings:
        print(tr("sources_warning", warning=warning))
    return 0


def run_list(arguments: argparse.Namespace) -> int:
    from quizzes.citation_check import load_library

    library = load_library(arguments.data_dir)
    if not library:
        print(tr("sources_none"))
    for document, text in sorted(library.items()):
        print(f"{document}: {len(text.articles)} điều — {text.source_file} ({text.imported_at})")
    return 0
