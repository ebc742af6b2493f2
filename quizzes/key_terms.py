"""Does a question's key share a term with the article it cites?

A cheap screen for a reviewer, not a verdict: a reviewed key that has no content word (or
number) in common with the cited text is flagged "key not supported" for a human to look at.
Vietnamese words are syllables; the common function syllables below carry no meaning alone.
"""

from __future__ import annotations

import re

from .schema import Question, QuestionType
from .text import nfc

__all__ = ["key_text", "key_terms", "shares_key_term"]

_STOP = set(
    """và hoặc của các những là được có không cho trong theo về với để do từ tại này đó khi
    thì mà như một hai ba người việc cơ quan đơn vị tổ chức cá nhân quy định luật điều khoản
    điểm nhà nước thực hiện dân chủ ở sở trên đến chỉ đã sẽ phải bị ra vào lên nào gì ai
    đúng sai tất cả đều cùng mọi""".split()
)
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+", re.UNICODE)


def key_text(question: Question) -> str:
    """The words a learner must know to get the key right."""
    if question.type in (QuestionType.single, QuestionType.multiple):
        letters = question.answer_letters()
        return " ".join(
            question.options[ord(letter) - ord("A")]
            for letter in letters
            if ord(letter) - ord("A") < len(question.options or [])
        )
    if question.type is QuestionType.short:
        return " ".join(question.answer or [])
    return question.stem  # true/false and essays: the statement itself


def key_terms(text: str) -> set[str]:
    terms = set()
    for token in _TOKEN.findall(nfc(text).casefold()):
        if token.isdigit():
            terms.add(str(int(token)))  # "05" and "5" are the same number
        elif len(token) > 1 and token not in _STOP:
            terms.add(token)
    return terms


def shares_key_term(question: Question, article_text: str) -> bool:
    terms = key_terms(key_text(question))
    return not terms or bool(terms & key_terms(article_text))
