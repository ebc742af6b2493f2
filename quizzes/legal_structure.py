"""Split a legal text into chapters, sections, articles, clauses and points.

Vietnamese legal drafting is regular: "Chương I" (title on the same or next line),
"Mục 1. …", "Tiểu mục 1. …", "Điều 5. Heading", clauses "1. …", points "a) …". Anything
before the first "Chương"/"Điều" (preamble) is kept apart. Numbering that goes backwards or
repeats is reported, because it usually means a bad copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Clause", "Article", "Section", "Chapter", "LegalText", "parse_legal_text"]

_CHAPTER = re.compile(r"^Chương\s+([IVXLC]+)\b\.?\s*(.*)$", re.IGNORECASE)
_SECTION = re.compile(r"^Mục\s+(\d+)\s*[.:]?\s*(.*)$")
_SUBSECTION = re.compile(r"^Tiểu\s+mục\s+(\d+)\s*[.:]?\s*(.*)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*(.*)$")
_CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s+(.*)$")


@dataclass
class Clause:
    number: int
    text: str
    points: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    number: int
    title: str
    chapter: str | None
    section: str | None
    line: int
    intro: str = ""
    clauses: dict[int, Clause] = field(default_factory=dict)

    def full_text(self) -> str:
        parts = [f"Điều {self.number}. {self.title}".strip()]
        if self.intro:
            parts.append(self.intro)
        for clause in self.clauses.values():
            parts.append(f"{clause.number}. {clause.text}")
            parts.extend(f"{letter}) {text}" for letter, text in clause.points.items())
        return "\n".join(parts)


@dataclass
class Section:
    id: str
    title: str
    articles: list[int] = field(default_factory=list)


@dataclass
class Chapter:
    id: str
    title: str
    articles: list[int] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class LegalText:
    preamble: str
    chapters: list[Chapter]
    articles: dict[int, Article]
    warnings: list[str]


def parse_legal_text(text: str) -> LegalText:
    lines = text.splitlines()
    chapters: list[Chapter] = []
    articles: dict[int, Article] = {}
    warnings: list[str] = []
    preamble: list[str] = []
    chapter: Chapter | None = None
    section: Section | None = None
    article: Article | None = None
    clause: Clause | None = None
    expect_title: Chapter | Section | None = None

    for number, line in enumerate(lines, start=1):
        if match := _CHAPTER.match(line):
            chapter = Chapter(id=match[1].upper(), title=match[2].strip())
            chapters.append(chapter)
            section, article, clause = None, None, None
            expect_title = None if chapter.title else chapter
            continue
        if (match := _SECTION.match(line)) and chapter is not None:
            section = Section(id=match[1], title=match[2].strip())
            chapter.sections.append(section)
            article, clause = None, None
            expect_title = None if section.title else section
            continue
        if _SUBSECTION.match(line):
            continue  # sub-sections group articles inside a section; citations never use them
        if match := _ARTICLE.match(line):
            article_number = int(match[1])
            if article_number in articles:
                warnings.append(f"dòng {number}: Điều {article_number} lặp lại")
            elif articles and article_number != max(articles) + 1:
                warnings.append(
                    f"dòng {number}: Điều {article_number} sau Điều {max(articles)} (thiếu điều?)"
                )
            article = Article(
                number=article_number,
                title=match[2].strip(),
                chapter=chapter.id if chapter else None,
                section=section.id if section else None,
                line=number,
            )
            articles[article_number] = article
            if chapter:
                chapter.articles.append(article_number)
            if section:
                section.articles.append(article_number)
            clause, expect_title = None, None
            continue
        if expect_title is not None:
            expect_title.title = line
            expect_title = None
            continue
        if article is None:
            preamble.append(line)
            continue
        if match := _CLAUSE.match(line):
            clause = Clause(number=int(match[1]), text=match[2].strip())
            article.clauses[clause.number] = clause
            continue
        if (match := _POINT.match(line)) and clause is not None:
            clause.points[match[1]] = match[2].strip()
            continue
        # A continuation paragraph belongs to the innermost open element.
        if clause is not None:
            if clause.points:
                last = next(reversed(clause.points))
                clause.points[last] += "\n" + line
            else:
                clause.text += "\n" + line
        else:
            article.intro = f"{article.intro}\n{line}".strip()
    return LegalText(
        preamble="\n".join(preamble), chapters=chapters, articles=articles, warnings=warnings
    )
