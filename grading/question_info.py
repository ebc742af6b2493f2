"""Bank questions as a frame for results: citation, chapter and article of every question.

Item analysis and "weakest topics" group answers by what the law says where: the chapter
(Chương) of the question's topic and the article (Điều) of its first citation, named from the
legal-source registry (``quizzes/sources.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from quizzes.sources import Registry, load_registry

from .results_texts import text

__all__ = ["question_frame", "QUESTION_COLUMNS"]

QUESTION_COLUMNS = [
    "question_id",
    "stem",
    "difficulty",
    "status",
    "document",
    "chapter",
    "chapter_label",
    "article",
    "article_label",
    "citation",
]


def question_frame(
    questions: Mapping[str, object], registry: Registry | None = None
) -> pd.DataFrame:
    """One row per question: see :data:`QUESTION_COLUMNS` (article NA when cited by part)."""
    from widgets.citations import citation_text, document_name

    registry = registry or load_registry()
    rows = []
    for question_id, question in questions.items():
        topic = question.topic
        document = registry.document(topic.document)
        name = document_name(document) if document else topic.document
        chapter = topic.chapter
        first = question.citations[0]
        if chapter is None and document is not None and first.article is not None:
            found = document.chapter_of(first.article) if first.document == topic.document else None
            chapter = found.id if found else None
        cited = registry.document(first.document)
        cited_name = document_name(cited) if cited else first.document
        rows.append(
            {
                "question_id": question_id,
                "stem": question.stem,
                "difficulty": question.difficulty,
                "status": str(question.status.value),
                "document": topic.document,
                "chapter": chapter,
                "chapter_label": (
                    text("chapter_label", chapter=chapter, document=name)
                    if chapter
                    else text("whole_document", document=name)
                ),
                "article": first.article,
                "article_label": (
                    text("article_label", article=first.article, document=cited_name)
                    if first.article
                    else citation_text(first, registry)
                ),
                "citation": "; ".join(citation_text(c, registry) for c in question.citations),
            }
        )
    frame = pd.DataFrame(rows, columns=QUESTION_COLUMNS)
    frame["article"] = frame["article"].astype("Int64")
    return frame
