"""The base of the contest spec's models: strict, frozen, NFC text; shared field types.

Every part of a contest spec (:mod:`quizzes.contest_spec`, :mod:`quizzes.contest_prizes`)
refuses unknown keys, is immutable once loaded and normalises its text to NFC, so the same
Vietnamese word typed on two keyboards compares equal.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .schema import SLUG
from .text import nfc

__all__ = ["StrictModel", "Slug", "Text"]

Slug = Annotated[str, Field(pattern=SLUG, max_length=40)]
Text = Annotated[str, Field(min_length=1)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc_text(cls, value: object) -> object:
        return nfc(value) if isinstance(value, str) else value
