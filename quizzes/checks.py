"""Checks across a loaded bank: uniqueness, answers, and citations against the registry."""

from __future__ import annotations

from collections.abc import Iterator

from .bank import BankLoad, LoadedQuestion
from .i18n import translate
from .messages import MESSAGES
from .problems import Problem
from .schema import OPTION_LETTERS
from .sources import Registry, load_registry
from .text import normalise_stem

__all__ = ["check_bank", "problem_for"]


def check_bank(
    loaded: BankLoad, registry: Registry | None = None, library: dict | None = None
) -> list[Problem]:
    """Every problem in the bank: those found on loading plus the cross-checks.

    ``library`` maps document ids to imported official texts; when given, citations are also
    checked against them (clause and point exist; reviewed keys share a term with the text).
    """
    registry = registry or load_registry()
    problems = list(loaded.problems)
    problems.extend(_duplicates(loaded.questions))
    for item in loaded.questions:
        problems.extend(_options_and_answer(item))
        problems.extend(_citations(item, registry))
    if library:
        from .citation_check import check_against_library

        problems.extend(check_against_library(loaded.questions, library))
    return sorted(problems, key=lambda p: (str(p.file), p.line, p.code))


def problem_for(
    item: LoadedQuestion, field: tuple, code: str, severity: str = "error", **values: object
) -> Problem:
    """A located problem about one question's field, with its translated message."""
    return Problem(
        file=item.file,
        line=item.line(*field),
        code=code,
        message=translate(MESSAGES, code, **values),
        question_id=item.question.id,
        field=_label(field),
        severity=severity,
    )


_problem = problem_for


def _label(field: tuple) -> str:
    label = ""
    for part in field:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _where(item: LoadedQuestion) -> str:
    return f"{item.file.name}:{item.line()}"


def _duplicates(items: list[LoadedQuestion]) -> Iterator[Problem]:
    first_by_id: dict[str, LoadedQuestion] = {}
    first_by_stem: dict[str, LoadedQuestion] = {}
    for item in items:
        question = item.question
        if question.id in first_by_id:
            yield _problem(item, ("id",), "duplicate_id", other=_where(first_by_id[question.id]))
        else:
            first_by_id[question.id] = item
        stem = normalise_stem(question.stem)
        if stem in first_by_stem:
            other = first_by_stem[stem]
            yield _problem(
                item, ("stem",), "duplicate_stem", other_id=other.question.id, other=_where(other)
            )
        else:
            first_by_stem[stem] = item


def _options_and_answer(item: LoadedQuestion) -> Iterator[Problem]:
    options = item.question.options or []
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        key = normalise_stem(option)
        if key in seen:
            yield _problem(
                item,
                ("options", index),
                "duplicate_option",
                first=OPTION_LETTERS[seen[key]],
                second=OPTION_LETTERS[index],
            )
        else:
            seen[key] = index
    if options:
        last = OPTION_LETTERS[len(options) - 1]
        for letter in item.question.answer_letters():
            if OPTION_LETTERS.index(letter) >= len(options):
                yield _problem(
                    item, ("answer",), "answer_not_option", letter=letter, first="A", last=last
                )


def _citations(item: LoadedQuestion, registry: Registry) -> Iterator[Problem]:
    question = item.question
    known = ", ".join(registry.ids)
    for index, citation in enumerate(question.citations):
        field = ("citations", index)
        document = registry.document(citation.document)
        if document is None:
            yield _problem(
                item,
                (*field, "document"),
                "unknown_document",
                document=citation.document,
                known=known,
            )
            continue
        if citation.article is not None:
            if document.articles is None:
                example = document.parts[0].id if document.parts else "measure-1"
                yield _problem(
                    item,
                    (*field, "article"),
                    "article_needs_part",
                    document=document.number,
                    example=example,
                )
            elif citation.article > document.articles:
                yield _problem(
                    item,
                    (*field, "article"),
                    "article_missing",
                    document=document.number,
                    article=citation.article,
                    count=document.articles,
                )
        if citation.part is not None and document.part(citation.part) is None:
            yield _problem(
                item,
                (*field, "part"),
                "unknown_part",
                document=document.number,
                part=citation.part,
                known=", ".join(p.id for p in document.parts) or "—",
            )
    yield from _topic(item, registry)


def _topic(item: LoadedQuestion, registry: Registry) -> Iterator[Problem]:
    topic = item.question.topic
    document = registry.document(topic.document)
    if document is None:
        yield _problem(
            item,
            ("topic", "document"),
            "unknown_document",
            document=topic.document,
            known=", ".join(registry.ids),
        )
        return
    cited = [c for c in item.question.citations if c.document == topic.document]
    if not cited:
        yield _problem(item, ("topic", "document"), "topic_uncited", document=document.number)
    if topic.chapter is None:
        return
    chapter = document.chapter(topic.chapter)
    if chapter is None:
        yield _problem(
            item,
            ("topic", "chapter"),
            "unknown_chapter",
            document=document.number,
            chapter=topic.chapter,
            known=", ".join(c.id for c in document.chapters) or "—",
        )
        return
    section = chapter.section(topic.section) if topic.section is not None else None
    if topic.section is not None and section is None:
        yield _problem(
            item,
            ("topic", "section"),
            "unknown_section",
            chapter=chapter.id,
            section=topic.section,
            known=", ".join(s.id for s in chapter.sections) or "—",
        )
    for citation in cited:
        article = citation.article
        if article is None or (document.articles and article > document.articles):
            continue
        if not chapter.contains(article):
            actual = document.chapter_of(article)
            yield _problem(
                item,
                ("topic", "chapter"),
                "article_outside_chapter",
                article=article,
                chapter=chapter.id,
                actual=actual.id if actual else "?",
            )
        elif section is not None and section.contains(article) is False:
            first, last = section.articles or (0, 0)
            yield _problem(
                item,
                ("topic", "section"),
                "article_outside_section",
                article=article,
                section=section.id,
                first=first,
                last=last,
            )
