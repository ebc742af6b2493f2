"""How a contest picks its winners: ranking keys, the prediction tie-break, prize tiers and
collective (unit) prizes — the parts of :class:`quizzes.contest_spec.ContestSpec` that the
results read (:mod:`grading.ranking`, :mod:`grading.prizes`, :mod:`grading.collective`).

The rules that tie them to the rest of the spec (tier references, prize points) live in
:mod:`quizzes.contest_rules`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .contest_base import Slug, StrictModel, Text

__all__ = ["RANK_KEYS", "RankKey", "Prediction", "Tier", "CollectiveRule", "Prizes"]

RANK_KEYS = (
    "correct",
    "prediction_error",
    "duration",
    "started_at",
    "submitted_at",
    "full_score_attempts",
)
RankKey = Literal[
    "correct", "prediction_error", "duration", "started_at", "submitted_at", "full_score_attempts"
]


class Prediction(StrictModel):
    """The prediction (tie-break) question: never scored, only ranks equal scores."""

    what: Literal["participants_in_round", "full_score_count"] = Field(
        description="What is predicted: people taking part in the round, or people with a "
        "full score in the round."
    )
    text: Text | None = Field(None, description="The question as shown; a default if omitted.")

    def shown_text(self, round_title: str) -> str:
        if self.text:
            return self.text
        if self.what == "participants_in_round":
            return f"Dự đoán: có bao nhiêu người tham gia {round_title}?"
        return f"Dự đoán: có bao nhiêu người trả lời đúng tất cả các câu hỏi của {round_title}?"


class Tier(StrictModel):
    """An individual prize tier, e.g. Giải Nhất × 1."""

    id: Slug = Field(description="Tier id, e.g. nhat, nhi, ba, khuyen-khich.")
    name: Text = Field(description="Shown name, e.g. Giải Nhất.")
    count: int = Field(ge=0, description="How many prizes of this tier per round.")


class CollectiveRule(StrictModel):
    """A collective (unit) prize rule."""

    id: Slug = Field(description="Rule id, e.g. ty-le-tham-gia.")
    name: Text = Field(description="Shown name, e.g. Giải tập thể — tỷ lệ tham gia cao nhất.")
    rule: Literal["participation_rate", "participants", "winners", "quang_nam"] = Field(
        description="participation_rate: distinct participants ÷ headcount; participants: "
        "distinct participants; winners: individual prize-winners; quang_nam: participation % "
        "(participants averaged over rounds ÷ headcount × 100) plus prize points."
    )
    count: int = Field(ge=1, description="How many units receive this prize.")
    among: Literal["leaf", "top"] = Field(
        "leaf", description="Which units compete: leaf units, or top-level units (subtree sums)."
    )
    prize_points: dict[str, float] | None = Field(
        None, description="quang_nam only: points per tier id, e.g. {nhat: 10, nhi: 8, ba: 6}."
    )


class Prizes(StrictModel):
    per_round: list[Tier] = Field(
        default_factory=list, description="Individual prize tiers awarded in every round."
    )
    max_share: float | None = Field(
        None, gt=0, le=1, description="Cap on winners as a share of participants (e.g. 0.5)."
    )
    one_per_person: bool = Field(
        True, description="A person winning in several rounds keeps only the highest prize."
    )
    collective: list[CollectiveRule] = Field(
        default_factory=list, description="Collective (unit) prize rules."
    )
