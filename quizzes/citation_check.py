"""Check citations against imported official texts (see `dancoso sources import`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .bank import LoadedQuestion
from .checks import problem_for
from .key_terms import shares_key_term
from .legal_library import ImportedText, library_dir, load_imported
from .problems import Problem
from .schema import Status

__all__ = ["load_library", "check_against_library"]


def load_library(root: Path | None = None) -> dict[str, ImportedText]:
    """Every imported document under the data directory, by document id."""
    folder = library_dir(root)
    if not folder.exists():
        return {}
    found = (load_imported(path.stem, root) for path in sorted(folder.glob("*.json")))
    return {text.document: text for text in found if text is not None}


def check_against_library(
    items: list[LoadedQuestion], library: dict[str, ImportedText]
) -> list[Problem]:
    problems: list[Problem] = []
    for item in items:
        problems.extend(_check(item, library))
    return problems


def _check(item: LoadedQuestion, library: dict[str, ImportedText]) -> Iterator[Problem]:
    question = item.question
    supported_somewhere = False
    cited_imported = False
    for index, citation in enumerate(question.citations):
        text = library.get(citation.document)
        if text is None or citation.article is None:
            continue
        field = ("citations", index)
        article = text.article(citation.article)
        if article is None:
            yield problem_for(
                item,
                (*field, "article"),
                "imported_article_missing",
                article=citation.article,
                source=text.source_file,
            )
            continue
        if citation.clause is not None and citation.clause not in article.clauses:
            yield problem_for(
                item,
                (*field, "clause"),
                "imported_clause_missing",
                article=article.number,
                clause=citation.clause,
                count=len(article.clauses),
                source=text.source_file,
            )
            continue
        if citation.point is not None:
            points = article.clauses[citation.clause].points
            if citation.point not in points:
                yield problem_for(
                    item,
                    (*field, "point"),
                    "imported_point_missing",
                    article=article.number,
                    clause=citation.clause,
                    point=citation.point,
                    known=", ".join(points) or "—",
                    source=text.source_file,
                )
                continue
        topic = question.topic
        if topic.document == citation.document and topic.chapter and article.chapter:
            if topic.chapter != article.chapter:
                yield problem_for(
                    item,
                    ("topic", "chapter"),
                    "imported_chapter_differs",
                    severity="warning",
                    article=article.number,
                    chapter=article.chapter,
                    source=text.source_file,
                )
        cited_imported = True
        cited = text.text(citation.article, citation.clause, citation.point) or ""
        supported_somewhere = supported_somewhere or shares_key_term(question, cited)
    if question.status is Status.reviewed and cited_imported and not supported_somewhere:
        yield problem_for(item, ("answer",), "key_not_supported", severity="warning")
