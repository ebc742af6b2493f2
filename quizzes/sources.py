"""The registry of legal documents (``quizzes/sources.yaml``) and citation lookups."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .yaml_source import read_yaml

__all__ = ["Section", "Chapter", "Part", "Document", "Registry", "load_registry", "REGISTRY_PATH"]

REGISTRY_PATH = Path(__file__).with_name("sources.yaml")
RangeStatus = Literal["verified", "inferred", "unknown"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(_Strict):
    id: str = Field(description="Section (Mục) number as text.")
    title: str
    articles: tuple[int, int] | None = Field(None, description="First and last article.")
    status: RangeStatus = Field(description="How sure we are of the range.")
    includes: tuple[int, int] | None = Field(
        None, description="A sub-range known to lie inside when the full range is unknown."
    )

    def contains(self, article: int) -> bool | None:
        """True/False when we know; None when the range is unknown."""
        if self.articles is not None:
            return self.articles[0] <= article <= self.articles[1]
        if self.includes is not None and self.includes[0] <= article <= self.includes[1]:
            return True
        return None


class Chapter(_Strict):
    id: str = Field(description="Chapter (Chương) number in Roman numerals.")
    title: str
    articles: tuple[int, int]
    status: RangeStatus
    sections: list[Section] = Field(default_factory=list)

    def contains(self, article: int) -> bool:
        return self.articles[0] <= article <= self.articles[1]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


class Part(_Strict):
    id: str
    title: str


class Document(_Strict):
    id: str
    kind: Literal["luat", "nghi-dinh", "nghi-quyet"]
    number: str
    title: str
    short_title: str
    issuer: str
    issued: dt.date
    in_force: dt.date | None = None
    articles: int | None = Field(None, description="Article count, where known.")
    amended_by: list[str] = Field(default_factory=list)
    verbatim_in_reference: list[int] = Field(
        default_factory=list,
        description="Articles whose text our reference holds verbatim (coverage floor).",
    )
    note: str | None = None
    chapters: list[Chapter] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)

    def chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def chapter_of(self, article: int) -> Chapter | None:
        return next((c for c in self.chapters if c.contains(article)), None)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


class Registry(_Strict):
    schema_version: Literal[1]
    documents: list[Document]

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]


@cache
def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    document = read_yaml(path)
    if not document.ok:
        raise ValueError(f"{path}: cannot read the registry: {document.problems}")
    return Registry.model_validate(document.data)
