"""Counts over the bank, for `dancoso bank stats` and the coverage floors."""

from __future__ import annotations

from collections import Counter

from .schema import Question, Status

__all__ = ["bank_stats"]


def bank_stats(questions: list[Question]) -> dict:
    """Counts by status, type, difficulty and document, and citations per article.

    ``articles`` maps ``"<document id>:<article>"`` to the number of questions citing it
    (a question citing the same article twice counts once); ``reviewed_articles`` does the
    same for reviewed questions only.
    """
    articles: Counter[str] = Counter()
    reviewed_articles: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for question in questions:
        keys = {
            f"{c.document}:{c.article if c.article is not None else c.part}"
            for c in question.citations
        }
        articles.update(keys)
        if question.status is Status.reviewed:
            reviewed_articles.update(keys)
        documents.update({c.document for c in question.citations})
    return {
        "questions": len(questions),
        "by_status": dict(sorted(Counter(q.status.value for q in questions).items())),
        "by_type": dict(sorted(Counter(q.type.value for q in questions).items())),
        "by_difficulty": {
            str(k): v for k, v in sorted(Counter(q.difficulty for q in questions).items())
        },
        "situational": sum(q.situational for q in questions),
        "documents": dict(sorted(documents.items())),
        "articles": dict(sorted(articles.items(), key=_article_order)),
        "reviewed_articles": dict(sorted(reviewed_articles.items(), key=_article_order)),
    }


def _article_order(item: tuple[str, int]) -> tuple[str, int, str]:
    document, _, number = item[0].partition(":")
    return (document, int(number) if number.isdigit() else 0, number)
