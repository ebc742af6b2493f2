"""The contest spec: one YAML file per contest under ``quizzes/contests/``.

An organiser describes a contest here — rounds and their windows, the paper (question quotas,
points, time limit, attempts, which attempt counts), the prediction question, ranking keys,
prizes, units with headcounts, registration fields and the consent text — and
``dancoso contest build`` turns it into an nbgrader course.

The ranking and prize models live in :mod:`quizzes.contest_prizes`, the strict base of every
model in :mod:`quizzes.contest_base`; their names are importable from here too.

Structure is checked by pydantic (``extra="forbid"``, a description on every field); the rules
that span fields (windows, overlaps, the unit tree, tier references…) live in
:mod:`quizzes.contest_rules` and run from a model validator, so a spec built in code is held
to the same rules. :func:`quizzes.contest_load.load_contest` reads the YAML and reports every
problem with ``file:line``.

Times are timezone-aware and in Vietnam time (``+07:00``, ``Asia/Ho_Chi_Minh``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .contest_base import Slug, StrictModel, Text
from .contest_prizes import RANK_KEYS, CollectiveRule, Prediction, Prizes, RankKey, Tier
from .schema import Question, QuestionType

__all__ = [
    "CONTEST_SCHEMA_VERSION",
    "VIETNAM_TZ",
    "RANK_KEYS",
    "Quota",
    "PaperSpec",
    "Prediction",
    "Round",
    "Tier",
    "CollectiveRule",
    "Prizes",
    "Unit",
    "RegistrationField",
    "Registration",
    "Consent",
    "ContestSpec",
    "assignment_id",
    "parse_assignment_id",
]

CONTEST_SCHEMA_VERSION = 1
VIETNAM_TZ = "Asia/Ho_Chi_Minh"
# Essays (tự luận) are drawn too: their answer cell is graded by hand in nbgrader's formgrader.
DRAWABLE_TYPES = (
    QuestionType.single,
    QuestionType.multiple,
    QuestionType.true_false,
    QuestionType.essay,
)
_ATTEMPT_SUFFIX = re.compile(r"^(?P<round>.+)-lan-(?P<attempt>[1-9][0-9]*)$")


def assignment_id(round_id: str, attempt: int) -> str:
    """The nbgrader assignment of one official attempt: ``<round>-lan-<attempt>``.

    nbgrader keeps one submission per (student, assignment) and ``collect`` takes the latest,
    so each attempt of a round is its own assignment; the source notebook is the same for all.
    """
    return f"{round_id}-lan-{attempt}"


def parse_assignment_id(assignment: str) -> tuple[str, int] | None:
    """``(round_id, attempt)`` of an assignment id made by :func:`assignment_id`, else None."""
    match = _ATTEMPT_SUFFIX.match(assignment)
    return (match["round"], int(match["attempt"])) if match else None


class Quota(StrictModel):
    """How many questions of one kind each paper draws. Filters left out match anything."""

    count: int = Field(ge=1, le=100, description="Questions drawn for this quota.")
    type: QuestionType = Field(
        QuestionType.single, description="Question type: single (A–D), multiple, true_false."
    )
    document: str | None = Field(None, description="Topic document id, e.g. luat-10-2022-qh15.")
    chapter: str | None = Field(None, description="Topic chapter (Chương), e.g. II.")
    section: str | None = Field(None, description="Topic section (Mục) within the chapter.")
    difficulty: list[Literal[1, 2, 3]] | None = Field(
        None, description="Allowed difficulties (1 easy, 2 medium, 3 hard); all if omitted."
    )
    tags: list[Slug] = Field(
        default_factory=list, description="Tags a question must all carry, e.g. [tinh-huong]."
    )

    @field_validator("difficulty", mode="before")
    @classmethod
    def _one_difficulty(cls, value: object) -> object:
        return [value] if isinstance(value, int) else value

    def describe(self) -> str:
        parts = [f"type={self.type.value}"]
        for name in ("document", "chapter", "section"):
            if getattr(self, name):
                parts.append(f"{name}={getattr(self, name)}")
        if self.difficulty:
            parts.append("difficulty=" + ",".join(map(str, self.difficulty)))
        if self.tags:
            parts.append("tags=" + ",".join(self.tags))
        return " ".join(parts)


class PaperSpec(StrictModel):
    """One attempt's paper and its rules."""

    quotas: list[Quota] = Field(min_length=1, description="Question quotas, in paper order.")
    points_per_question: float = Field(1.0, gt=0, description="Points for each correct answer.")
    time_limit_minutes: int = Field(ge=1, le=240, description="Countdown per attempt, minutes.")
    grace_seconds: int = Field(
        30, ge=0, le=600, description="Network slack after the limit before a submit is late."
    )
    attempts: int = Field(ge=1, le=20, description="Official attempts allowed per participant.")
    counting: Literal["best", "earliest_full", "sum"] = Field(
        "best",
        description="Which attempt counts: best score; the earliest full score (else best); "
        "or the sum of all attempts.",
    )
    practice: bool = Field(False, description="Offer practice attempts (thi thử) that never count.")
    shuffle_options: bool = Field(
        True,
        description="Shuffle options per participant (never for options that name other "
        "options, such as 'Cả A và B').",
    )

    @property
    def question_count(self) -> int:
        return sum(quota.count for quota in self.quotas)

    @property
    def max_points(self) -> float:
        return self.question_count * self.points_per_question


class Round(StrictModel):
    """A round (đợt / vòng): a window in which participants take their attempts."""

    id: Slug = Field(description="Round id, e.g. vong-1; part of nbgrader assignment ids.")
    title: Text = Field(description="Shown title, e.g. Đợt 1.")
    opens: dt.datetime = Field(
        description="Window start, Vietnam time, e.g. 2026-12-01T08:00:00+07:00."
    )
    closes: dt.datetime = Field(description="Window end, Vietnam time; after opens.")
    paper: PaperSpec = Field(description="The paper and its attempt rules.")
    prediction: Prediction | None = Field(
        None, description="Round-specific prediction question; the contest's if omitted."
    )
    prizes: list[Tier] | None = Field(
        None, description="Round-specific prize tiers; prizes.per_round if omitted."
    )

    def contains(self, moment: dt.datetime) -> bool:
        return self.opens <= moment <= self.closes

    def assignment_ids(self) -> list[str]:
        return [assignment_id(self.id, n) for n in range(1, self.paper.attempts + 1)]


class Unit(StrictModel):
    """A participating unit (đơn vị): an agency, a commune, a school…"""

    id: Slug = Field(description="Unit id, e.g. xa-cang-long.")
    name: Text = Field(description="Shown name, e.g. UBND xã Càng Long.")
    parent: str | None = Field(None, description="Parent unit id, if any.")
    headcount: int | None = Field(
        None, ge=0, description="Eligible people, for participation rates."
    )


FieldKind = Literal["name", "date_of_birth", "phone", "cccd", "email", "unit", "choice", "text"]
SINGLE_KINDS = ("name", "date_of_birth", "phone", "cccd", "email", "unit")
UNIQUE_KINDS = ("phone", "cccd", "email")


class RegistrationField(StrictModel):
    key: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,39}$", description="Field key, e.g. so_dien_thoai."
    )
    label: Text = Field(description="Label shown on the form, e.g. Số điện thoại.")
    kind: FieldKind = Field(
        description="name | date_of_birth | phone (VN mobile) | cccd (12 digits) | email | "
        "unit (from units) | choice (from choices) | text."
    )
    required: bool = Field(False, description="Whether the form refuses an empty value.")
    unique: bool = Field(
        False, description="One registration per value (phone, cccd or email only)."
    )
    choices: list[Text] | None = Field(None, description="Allowed values of a choice field.")


class Registration(StrictModel):
    fields: list[RegistrationField] = Field(min_length=1, description="The form, in order.")
    min_age: int | None = Field(None, ge=0, le=100, description="Minimum age on the day.")

    def field_of_kind(self, kind: str) -> RegistrationField | None:
        return next((f for f in self.fields if f.kind == kind), None)


class Consent(StrictModel):
    """Consent to process personal data (Law 91/2025): never pre-ticked, recorded per person."""

    version: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        description="Version of the consent text, recorded with every consent."
    )
    text: Text = Field(description="What the person agrees to: data, purpose, controller, rights.")
    publish_text: Text | None = Field(
        None, description="Separate, optional consent to publish name and unit if they win."
    )


class ContestSpec(StrictModel):
    """A whole contest. Build it with ``dancoso contest build SPEC --course-dir DIR``."""

    schema_version: Literal[1] = Field(description="Version of this schema; currently 1.")
    id: Slug = Field(description="Contest id; the nbgrader course id.")
    title: Text = Field(description="Contest title.")
    organiser: Text = Field(description="Organising body (Ban Tổ chức).")
    rules: str | None = Field(None, description="Extra rules text (thể lệ) shown on every paper.")
    seed: Annotated[str, Field(min_length=8)] = Field(
        description="Secret from which every paper is derived; never change it once a round opens."
    )
    draw_status: Literal["reviewed", "any"] = Field(
        "reviewed", description="Draw only reviewed questions (default), or any."
    )
    exclude_tags: list[Slug] = Field(
        default_factory=list,
        description="Never draw a question carrying one of these tags (for example cap-huyen: "
        "keys that rest on the district level, abolished on 1/7/2025). Takes effect when a "
        "round's pool is frozen (first build, or --refreeze while the round has no attempt).",
    )
    rounds: list[Round] = Field(min_length=1, description="Rounds, in time order.")
    prediction: Prediction | None = Field(None, description="Prediction question of each round.")
    ranking: list[RankKey] = Field(
        default_factory=lambda: ["correct", "prediction_error", "duration", "started_at"],
        description="Ranking keys in order: " + ", ".join(RANK_KEYS) + "; correct first.",
    )
    prizes: Prizes = Field(default_factory=Prizes, description="Individual and collective prizes.")
    units: list[Unit] = Field(default_factory=list, description="Participating units.")
    registration: Registration = Field(description="Registration form.")
    consent: Consent = Field(description="Personal-data consent text and its version.")

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> ContestSpec:
        # The loader runs the same rules itself to locate each problem on its line.
        if info.context and info.context.get("defer_rules"):
            return self
        from .contest_rules import spec_issues

        issues = spec_issues(self)
        if issues:
            raise ValueError("; ".join(issue.message() for issue in issues))
        return self

    def drawable(self, questions: Mapping[str, Question]) -> dict[str, Question]:
        """The questions this contest may draw from, before quotas and status: those carrying
        none of ``exclude_tags``."""
        excluded = set(self.exclude_tags)
        return {k: q for k, q in questions.items() if excluded.isdisjoint(q.tags)}

    def round(self, round_id: str) -> Round:
        for item in self.rounds:
            if item.id == round_id:
                return item
        raise KeyError(round_id)

    def prediction_for(self, round_: Round) -> Prediction | None:
        return round_.prediction or self.prediction

    def tiers_for(self, round_: Round) -> list[Tier]:
        return list(round_.prizes if round_.prizes is not None else self.prizes.per_round)

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def assignments(self) -> dict[str, tuple[str, int]]:
        """Every official nbgrader assignment: ``{assignment_id: (round_id, attempt)}``."""
        return {
            assignment_id(r.id, n): (r.id, n)
            for r in self.rounds
            for n in range(1, r.paper.attempts + 1)
        }
