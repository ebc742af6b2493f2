"""What the organiser and trainer dashboards show, as frames (no widgets here).

Configuration (environment variables, read when a dashboard opens):

``DANCOSO_COURSE_DIR``    the contest's nbgrader course directory (with ``results/``);
                          default ``<data>/demo`` (the ``make run`` demo) when it exists
``DANCOSO_CONTEST_SPEC``  the contest spec (YAML), when the course directory has no built
                          ``contest/spec.json``
``DANCOSO_DATA``          the data directory: ``progress.sqlite`` (course progress),
                          ``learners.csv`` (roster), the certificate key (anonymous codes)
``DANCOSO_COURSES``       course modules (default: the project's ``courses/``)
``DANCOSO_ROSTER``        learner roster CSV (``learner, display_name, unit``)

Filters: a round (or all rounds) and a unit, which means the unit and every unit below it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .counting import ALL_ROUNDS
from .results_texts import text

__all__ = ["DashboardConfig", "ContestData", "CourseData", "weakest_topics", "ALL"]

ALL = "*"


@dataclass(frozen=True)
class DashboardConfig:
    course_dir: Path | None
    spec_path: Path | None
    data_dir: Path
    courses: Path | None
    roster: Path | None

    @classmethod
    def from_env(cls) -> DashboardConfig:
        from quizzes.datadir import data_dir

        data = data_dir(create=False)
        course = os.environ.get("DANCOSO_COURSE_DIR")
        course_dir = Path(course) if course else (data / "demo")
        if not course and not course_dir.exists():
            course_dir = None
        spec = os.environ.get("DANCOSO_CONTEST_SPEC")
        courses = os.environ.get("DANCOSO_COURSES")
        roster = os.environ.get("DANCOSO_ROSTER")
        return cls(
            course_dir=course_dir,
            spec_path=Path(spec) if spec else None,
            data_dir=data,
            courses=Path(courses) if courses else None,
            roster=Path(roster) if roster else None,
        )


class ContestData:
    """The contest's computed results, or ``problem`` (a Vietnamese message) when unavailable."""

    def __init__(self, config: DashboardConfig) -> None:
        self.config = config
        self.problem: str | None = None
        self.results = None
        self.questions: dict = {}
        if config.course_dir is None:
            self.problem = text("dash_no_course_dir")
            return
        try:
            self.spec = self._spec()
        except (OSError, ValueError) as error:
            self.problem = text("dash_no_spec", detail=error)
            return
        from .results_build import contest_questions
        from .results_files import ResultsFilesMissing, read_results, units_frame
        from .results_report import compute_results

        try:
            files = read_results(config.course_dir)
        except ResultsFilesMissing:
            self.problem = text("dash_no_results", path=Path(config.course_dir) / "results")
            return
        self.questions = dict(contest_questions(config.course_dir))
        units = units_frame(self.spec, files.attempts)
        self.results = compute_results(
            self.spec, files.attempts, files.responses, units, questions=self.questions
        )

    def _spec(self):
        from quizzes.contest_spec import ContestSpec

        built = Path(self.config.course_dir) / "contest" / "spec.json"
        if built.exists():
            import json

            return ContestSpec.model_validate(json.loads(built.read_text("utf-8"))["spec"])
        if self.config.spec_path is None:
            raise ValueError(str(built))
        from quizzes.contest_load import load_contest_spec

        return load_contest_spec(self.config.spec_path)

    # -- filters --------------------------------------------------------------------------
    @cached_property
    def descendants(self) -> dict[str, set[str]]:
        from .unit_tree import unit_ancestry

        ancestry = unit_ancestry(self.results.units)
        return ancestry.groupby("ancestor_id")["unit_id"].agg(set).to_dict()

    def units_in(self, unit: str) -> set[str] | None:
        return None if unit == ALL else self.descendants.get(unit, {unit})

    def unit_options(self) -> list[tuple[str, str]]:
        from .unit_tree import unit_depths

        units = self.results.units
        depth = unit_depths(units)
        options = [(text("dash_all_units"), ALL)]
        for unit_id, name in zip(units["unit_id"], units["name"], strict=True):
            options.append(("\u2003" * int(depth.get(unit_id, 0)) + name, unit_id))
        return options

    def round_options(self) -> list[tuple[str, str]]:
        rounds = [(r.title, r.id) for r in self.spec.rounds]
        return [(text("site_all_rounds"), ALL), *rounds]

    # -- figures --------------------------------------------------------------------------
    def attempts(self, round_id: str, unit: str) -> pd.DataFrame:
        rows = self.results.attempts
        if round_id != ALL:
            rows = rows[rows["round_id"] == round_id]
        wanted = self.units_in(unit)
        return rows if wanted is None else rows[rows["unit_id"].isin(wanted)]

    def ranking(self, round_id: str, unit: str) -> pd.DataFrame:
        table = (
            self.results.overall.table if round_id == ALL else self.results.rounds[round_id].table
        )
        wanted = self.units_in(unit)
        return table if wanted is None else table[table["unit_id"].isin(wanted)]

    def distribution(self, round_id: str, unit: str) -> pd.DataFrame:
        from .statistics import score_distribution

        table = self.ranking(round_id, unit)
        total = self.results.question_count(ALL_ROUNDS if round_id == ALL else round_id)
        return score_distribution(table, n_questions=total)

    def participation(self, round_id: str, unit: str) -> pd.DataFrame:
        """Per-unit rows for the chosen round: the children of ``unit`` (or the leaves)."""
        stats = self.results.unit_stats
        stats = stats[stats["round_id"] == (ALL_ROUNDS if round_id == ALL else round_id)]
        units = self.results.units
        if unit == ALL:
            parents = set(units["parent_id"].dropna())
            chosen = [u for u in units["unit_id"] if u not in parents]
        else:
            children = list(units.loc[units["parent_id"] == unit, "unit_id"])
            chosen = children or [unit]
        return stats[stats["unit_id"].isin(chosen)]

    def flags(self, round_id: str) -> pd.DataFrame:
        flags = self.results.flags
        return flags if round_id == ALL else flags[flags["round_id"] == round_id]


class CourseData:
    """Learners' progress from the progress store, with their units from the roster."""

    def __init__(self, config: DashboardConfig, unit_names: dict[str, str] | None = None):
        from widgets.progress_store import ProgressStore

        from .course_progress import learner_summary, load_roster, required_modules

        self.path = Path(config.data_dir) / "progress.sqlite"
        self.problem: str | None = None
        self.modules = required_modules(config.courses)
        self.roster = load_roster(config.roster)
        names_to_ids = {name: uid for uid, name in (unit_names or {}).items()}
        self.roster["unit"] = self.roster["unit"].map(lambda u: names_to_ids.get(u, u))
        if not self.path.exists():
            self.problem = text("dash_no_progress", path=self.path)
            columns = ["learner", "module", "answered", "correct", "total", "score", "completed",
                       "completed_at", "last_activity"]  # fmt: skip
            self.progress = pd.DataFrame(columns=columns).astype({"completed": bool})
            self.answers = pd.DataFrame(columns=["learner", "module", "question_id", "correct"])
        else:
            store = ProgressStore(self.path)
            self.progress = store.progress_frame()
            self.answers = store.attempts_frame()
        self.summary = learner_summary(self.progress, self.modules, self.roster)

    def people(self, unit_ids: set[str] | None) -> pd.DataFrame:
        rows = self.summary
        return rows if unit_ids is None else rows[rows["unit"].isin(unit_ids)]

    def per_unit(self, unit_ids: set[str] | None) -> pd.DataFrame:
        rows = self.people(unit_ids).assign(unit=lambda f: f["unit"].fillna(ALL))
        grouped = rows.groupby("unit", sort=True)
        return pd.DataFrame(
            {
                "learners": grouped.size(),
                "completed": grouped["completed"].sum(),
                "modules_done": grouped["modules_done"].mean(),
            }
        ).reset_index()

    def self_check_answers(self, unit_ids: set[str] | None) -> pd.DataFrame:
        answers = self.answers.dropna(subset=["correct"])
        if unit_ids is not None:
            learners = set(self.people(unit_ids)["learner"])
            answers = answers[answers["learner"].isin(learners)]
        return answers[["question_id", "correct"]].astype({"correct": bool})


def weakest_topics(
    answers: pd.DataFrame, questions: pd.DataFrame, *, by: str = "chapter", top: int = 10
) -> pd.DataFrame:
    """Topics with the lowest share of right answers: ``topic, answers, share_right``.

    ``answers`` has question_id and correct (contest responses and self-check answers alike);
    ``questions`` is :func:`grading.question_info.question_frame`; ``by`` is ``chapter`` or
    ``article``. Topics with fewer than 5 answers are left out (too few to judge).
    """
    column = "chapter_label" if by == "chapter" else "article_label"
    if not len(answers) or not len(questions):
        return pd.DataFrame(columns=["topic", "answers", "share_right"])
    merged = answers.merge(questions[["question_id", column]], on="question_id", how="inner")
    grouped = merged.groupby(column)["correct"]
    out = pd.DataFrame({"answers": grouped.size(), "share_right": grouped.mean()})
    out = out[out["answers"] >= 5].sort_values(["share_right", "answers"], ascending=[True, False])
    return out.head(top).rename_axis("topic").reset_index()
