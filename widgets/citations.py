"""Citations as learners read them, built from the legal-source registry.

``Citation(document="luat-10-2022-qh15", article=6, clause=4)`` reads
"Khoản 4 Điều 6 Luật Thực hiện dân chủ ở cơ sở (Luật số 10/2022/QH15)", followed by where
the article sits ("thuộc Chương I: Những quy định chung") when the registry knows it.
"""

from __future__ import annotations

from quizzes.schema import Citation
from quizzes.sources import Document, Registry, load_registry

from .messages import tr

__all__ = ["citation_text", "document_name", "official_text"]

_KIND_WORD = {"luat": "Luật", "nghi-dinh": "Nghị định", "nghi-quyet": "Nghị quyết"}


def document_name(document: Document) -> str:
    """'Luật Thực hiện dân chủ ở cơ sở (Luật số 10/2022/QH15)' or 'Nghị định 59/2023/NĐ-CP'."""
    if document.number in document.short_title:
        return document.short_title
    return f"{document.short_title} ({_KIND_WORD[document.kind]} số {document.number})"


def official_text(citation: Citation) -> str | None:
    """The cited words of the official text, when it has been imported
    (`dancoso sources import`); None otherwise, and the learner reads our paraphrase."""
    if citation.article is None:
        return None
    from quizzes.legal_library import load_imported

    imported = load_imported(citation.document)
    if imported is None:
        return None
    return imported.text(citation.article, citation.clause, citation.point)


def citation_text(citation: Citation, registry: Registry | None = None) -> str:
    registry = registry or load_registry()
    document = registry.document(citation.document)
    if document is None:  # the bank check forbids this; stay readable all the same
        return " ".join(filter(None, [_location(citation), citation.document]))
    text = f"{_location(citation, document)} {document_name(document)}".strip()
    if citation.article is not None:
        chapter = document.chapter_of(citation.article)
        if chapter is not None:
            where = tr("in_chapter", chapter=chapter.id, title=chapter.title)
            text = f"{text}, {where}"
    return text


def _location(citation: Citation, document: Document | None = None) -> str:
    pieces = []
    if citation.point:
        pieces.append(f"điểm {citation.point}")
    if citation.clause:
        pieces.append(f"khoản {citation.clause}")
    if citation.article:
        pieces.append(f"Điều {citation.article}")
    if citation.part:
        part = document.part(citation.part) if document else None
        pieces.append(f"{part.title} —" if part else citation.part)
    text = " ".join(pieces)
    return text[:1].upper() + text[1:]
