"""The trainer dashboard: course progress and contest scores per unit and person, and the
weakest topics by chapter and article (self-checks and contest answers together).

Shown by ``pages/trainer-dashboard.md`` through :func:`grading.dashboards.trainer_dashboard`.
Trainers see learners' names from the roster, but contest participants only by consented
name or anonymous code, as on the public site.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w
import pandas as pd

from .dashboard_data import ALL, ContestData, CourseData, weakest_topics
from .dashboard_widgets import CSS, Dashboard, html_table, image, message
from .results_charts import bars_svg
from .results_texts import duration_text, number_text, share_text, text

__all__ = ["TrainerDashboard"]


class TrainerDashboard(Dashboard):
    """Course progress and contest scores per unit and person; the weakest topics."""

    def __init__(self) -> None:
        super().__init__()
        self.contest = ContestData(self.config)
        unit_names = {}
        if self.contest.results is not None:
            units = self.contest.results.units
            unit_names = dict(zip(units["unit_id"], units["name"], strict=True))
        self.unit_names = unit_names
        self.course = CourseData(self.config, unit_names)
        options = (
            self.contest.unit_options()
            if self.contest.results is not None
            else [(text("dash_all_units"), ALL)]
            + [(u, u) for u in sorted(set(self.course.summary["unit"].dropna()))]
        )
        self.unit = self._dropdown(text("dash_unit"), options)
        self.sections = [w.HTML() for _ in range(3)]
        self.box.children = [w.HTML(CSS), self.unit, *self.sections]
        self.render()

    def units_in(self, unit: str) -> set[str] | None:
        if unit == ALL:
            return None
        if self.contest.results is not None:
            return self.contest.units_in(unit)
        return {unit}

    def unit_name(self, unit: str | float) -> str:
        if not isinstance(unit, str) or unit == ALL:
            return text("dash_unassigned")
        return self.unit_names.get(unit, unit)

    def render(self) -> None:
        unit = self.unit.value
        renders = [self._progress, self._scores, self._weak]
        for section, draw in zip(self.sections, renders, strict=True):
            section.value = self._guard(lambda draw=draw: draw(unit))

    def _progress(self, unit: str) -> str:
        title = text("dash_course_progress")
        if self.course.problem:
            return f"<h2>{escape(title)}</h2>" + message(self.course.problem)
        wanted = self.units_in(unit)
        per_unit = self.course.per_unit(wanted)
        unit_rows = [
            (
                self.unit_name(r.unit),
                number_text(r.learners),
                number_text(r.completed),
                number_text(r.modules_done, 1),
            )  # fmt: skip
            for r in per_unit.itertuples(index=False)
        ]
        people = self.course.people(wanted)
        total = len(self.course.modules)
        person_rows = [
            (
                r.display_name,
                self.unit_name(r.unit),
                f"{r.modules_done}/{total}",
                text("dash_yes") if r.completed else text("dash_no"),
            )  # fmt: skip
            for r in people.itertuples(index=False)
        ]
        share = per_unit["completed"] / per_unit["learners"].where(per_unit["learners"] > 0)
        chart = bars_svg([self.unit_name(u) for u in per_unit["unit"]], list(share.fillna(0)),
                         text("dash_completed_course"))  # fmt: skip
        return (
            f"<h2>{escape(title)} — {escape(text('dash_per_unit'))}</h2>"
            + image(chart, text("dash_completed_course"))
            + html_table(
                [
                    text("col_unit"),
                    text("dash_learners"),
                    text("dash_completed_course"),
                    text("dash_modules_done"),
                ],
                unit_rows,
                [False, True, True, True],
            )  # fmt: skip
            + f"<h2>{escape(title)} — {escape(text('dash_per_person'))}</h2>"
            + html_table(
                [
                    text("dash_learner"),
                    text("col_unit"),
                    text("dash_modules_done"),
                    text("dash_completed_course"),
                ],
                person_rows,
            )  # fmt: skip
        )

    def _scores(self, unit: str) -> str:
        title = text("dash_contest_scores")
        if self.contest.results is None:
            return f"<h2>{escape(title)}</h2>" + message(self.contest.problem or "")
        results = self.contest.results
        wanted = self.units_in(unit)
        stats = results.unit_stats[results.unit_stats["round_id"] == "*"]
        if wanted is not None:
            stats = stats[stats["unit_id"].isin(wanted)]
        unit_rows = [
            (
                r.name,
                number_text(r.participants),
                share_text(r.rate),
                number_text(r.mean_correct, 1) if r.participants else "—",
            )  # fmt: skip
            for r in stats.itertuples(index=False)
        ]
        table = self.contest.ranking(ALL, unit).head(100)
        codes = self._codes(table["participant_id"])
        total = results.question_count("*")
        person_rows = [
            (
                r.rank,
                codes[r.participant_id],
                self.unit_name(r.unit_id),
                f"{r.correct}/{total}",
                duration_text(r.duration_s),
            )  # fmt: skip
            for r in table.itertuples(index=False)
        ]
        return (
            f"<h2>{escape(title)} — {escape(text('dash_per_unit'))}</h2>"
            + html_table(
                [text("col_unit"), text("col_participants"), text("col_rate"), text("col_correct")],
                unit_rows,
                [False, True, True, True],
            )  # fmt: skip
            + f"<h2>{escape(title)} — {escape(text('dash_per_participant'))}</h2>"
            + html_table(
                [
                    text("col_rank"),
                    text("col_person"),
                    text("col_unit"),
                    text("col_correct"),
                    text("col_time"),
                ],
                person_rows,
                [True, False, False, True, True],
            )  # fmt: skip
        )

    def _codes(self, ids: pd.Series) -> dict[str, str]:
        """Consented names, else anonymous codes (the site's): trainers see no more."""
        from .certificates import secret_key
        from .results_files import public_identity
        from .results_site import anonymous_code

        spec = self.contest.spec
        identity = public_identity(self.config.course_dir, spec, list(ids))
        names = dict(zip(identity["participant_id"], identity["display_name"], strict=True))
        secret = secret_key(self.config.data_dir)
        return {
            pid: names.get(pid) or text("dash_anonymous", code=anonymous_code(secret, spec.id, pid))
            for pid in ids
        }

    def _weak(self, unit: str) -> str:
        from quizzes.bank import bank_dir, load_bank

        from .question_info import question_frame

        title = text("dash_weak_topics")
        wanted = self.units_in(unit)
        answers = [self.course.self_check_answers(wanted)]
        questions = dict(self.contest.questions)
        if self.contest.results is not None:
            responses = self.contest.results.responses
            if wanted is not None:
                people = self.contest.results.attempts
                people = set(people.loc[people["unit_id"].isin(wanted), "participant_id"])
                responses = responses[responses["participant_id"].isin(people)]
            answers.append(responses[["question_id", "correct"]])
        missing = set(self.course.answers.get("question_id", [])) - set(questions)
        if missing:
            for item in load_bank([bank_dir()]).questions:
                questions.setdefault(item.question.id, item.question)
        info = question_frame(questions)
        combined = pd.concat(answers, ignore_index=True)
        parts = [f"<h2>{escape(title)}</h2>"]
        for by, label in (("chapter", "dash_by_chapter"), ("article", "dash_by_article")):
            weak = weakest_topics(combined, info, by=by)
            heading = f"{title} — {text(label)}"
            if not len(weak):
                parts.append(f"<h3>{escape(heading)}</h3>" + message(text("dash_no_topics")))
                continue
            chart = bars_svg(list(weak["topic"]), list(weak["share_right"]), heading)
            rows = [(r.topic, number_text(r.answers), share_text(r.share_right))
                    for r in weak.itertuples(index=False)]  # fmt: skip
            parts.append(
                f"<h3>{escape(heading)}</h3>"
                + image(chart, heading)
                + html_table(
                    [text("dash_topic"), text("dash_answers"), text("dash_share_right")],
                    rows,
                    [False, True, True],
                )  # fmt: skip
            )
        return "".join(parts)
