"""Load question-bank files: read, validate against the schema, keep line numbers."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .i18n import translate
from .messages import MESSAGES
from .problems import ContentError, Problem
from .schema import BankFile, Question
from .schema_errors import problems_from_validation
from .yaml_source import YamlDocument, read_yaml

__all__ = [
    "BANK_DIR",
    "LoadedQuestion",
    "BankLoad",
    "bank_dir",
    "bank_files",
    "load_bank",
    "load_questions",
]

BANK_DIR = Path(__file__).with_name("bank")


def bank_dir() -> Path:
    """The bank in use: ``DANCOSO_BANK`` (a folder of bank files) or the project's own."""
    override = os.environ.get("DANCOSO_BANK")
    return Path(override) if override else BANK_DIR


@dataclass(frozen=True)
class LoadedQuestion:
    question: Question
    document: YamlDocument
    index: int

    @property
    def file(self) -> Path:
        return self.document.path

    def line(self, *field: str | int) -> int:
        return self.document.line_of(("questions", self.index, *field))


@dataclass
class BankLoad:
    questions: list[LoadedQuestion]
    problems: list[Problem]
    documents: list[YamlDocument]

    def by_id(self) -> dict[str, Question]:
        return {lq.question.id: lq.question for lq in self.questions}


def bank_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand directories to their ``*.yaml`` files (sorted, recursive)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"})
            if not found:
                problems.append(_plain(path, "no_bank_files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(_plain(path, "path_missing"))
    return files, problems


def load_bank(paths: Iterable[Path] = (BANK_DIR,)) -> BankLoad:
    """Load every question it can; report every problem it meets. Never raises on content."""
    files, problems = bank_files(paths)
    questions: list[LoadedQuestion] = []
    documents: list[YamlDocument] = []
    for file in files:
        document = read_yaml(file)
        documents.append(document)
        problems.extend(_source_problems(document))
        if document.data is None:
            continue
        questions.extend(_validate(document, problems))
    return BankLoad(questions=questions, problems=problems, documents=documents)


def load_questions(paths: Iterable[Path] = (BANK_DIR,)) -> dict[str, Question]:
    """The bank as ``{id: Question}``; raises ContentError if any file has an error."""
    from .checks import check_bank  # local: checks imports this module

    loaded = load_bank(paths)
    errors = [p for p in check_bank(loaded) if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return loaded.by_id()


def _validate(document: YamlDocument, problems: list[Problem]) -> Iterator[LoadedQuestion]:
    data = document.data
    try:
        bank = BankFile.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(error, document))
        # Keep the questions that are valid on their own, so one typo hides nothing else.
        raw = data.get("questions") if isinstance(data, dict) else None
        for index, entry in enumerate(raw if isinstance(raw, list) else []):
            try:
                yield LoadedQuestion(Question.model_validate(entry), document, index)
            except ValidationError:
                continue
        return
    for index, question in enumerate(bank.questions):
        yield LoadedQuestion(question, document, index)


def _source_problems(document: YamlDocument) -> Iterator[Problem]:
    for problem in document.problems:
        yield Problem(
            file=document.path,
            line=problem.line,
            code=problem.code,
            message=translate(MESSAGES, problem.code, detail=problem.detail),
            fixable=problem.fixable,
        )


def _plain(path: Path, code: str) -> Problem:
    return Problem(file=path, line=0, code=code, message=translate(MESSAGES, code, path=path))
