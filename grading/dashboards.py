"""The organiser and trainer dashboards (Voilà pages ``pages/*-dashboard.md``).

    from grading.dashboards import organiser_dashboard; organiser_dashboard()

Each call displays one widget tree: filters (round, unit) and sections of charts (SVG images
as data URIs: nothing is fetched from anywhere) and tables. What is shown comes from
:mod:`grading.dashboard_data`, configured by environment variables documented there. Problems
(no contest configured, nothing graded yet) are shown as a short Vietnamese message, never as
a traceback.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from html import escape

import ipywidgets as w
import pandas as pd

from .dashboard_data import ALL, ContestData, CourseData, DashboardConfig, weakest_topics
from .results_charts import attempts_over_time_svg, bars_svg, distribution_svg, units_svg
from .results_model import ResultsInputError
from .results_texts import duration_text, number_text, share_text, text

__all__ = ["organiser_dashboard", "trainer_dashboard", "OrganiserDashboard", "TrainerDashboard"]

_CSS = """<style>
.dcs-dash { max-width: 1100px; font-size: 15px; }
.dcs-dash h2 { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; border-bottom: 2px solid #d7dde4; }
.dcs-dash .dcs-live { background: #eef4fb; border-left: 4px solid #1f5fa8; padding: 0.4rem 0.7rem; }
.dcs-dash .dcs-msg { background: #fff8e6; border-left: 4px solid #b8860b; padding: 0.5rem 0.8rem; }
.dcs-dash img { width: 100%; max-width: 720px; height: auto; display: block; }
.dcs-dash .dcs-scroll { overflow-x: auto; max-width: 100%; }
.dcs-dash table { border-collapse: collapse; width: 100%; }
.dcs-dash th, .dcs-dash td { padding: 4px 8px; border-bottom: 1px solid #d7dde4;
  text-align: left; vertical-align: top; }
.dcs-dash td.n, .dcs-dash th.n { text-align: right; font-variant-numeric: tabular-nums; }
.dcs-dash select, .dcs-dash button { min-height: 40px; font-size: 15px; }
.dcs-dash .widget-dropdown { width: 100%; max-width: 420px; }
</style>"""


def _image(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric=None) -> str:
    numeric = numeric or [False] * len(headers)
    head = "".join(
        f"<th{' class=n' if n else ''}>{escape(h)}</th>"
        for h, n in zip(headers, numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if n else ''}>{escape(str(v))}</td>"
            for v, n in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f'<div class="dcs-scroll"><table><tr>{head}</tr>{body}</table></div>'


def _message(value: str) -> str:
    return f'<p class="dcs-msg">{escape(value)}</p>'


class _Dashboard:
    """Filters above sections; every section re-renders when a filter changes."""

    def __init__(self) -> None:
        self.config = DashboardConfig.from_env()
        self.box = w.VBox(layout=w.Layout(width="100%"))
        self.box.add_class("dcs-dash")
        self.box.add_class("dancoso")

    def _guard(self, render: Callable[[], str]) -> str:
        try:
            return render()
        except (ResultsInputError, OSError, ValueError, KeyError) as error:
            return _message(str(error))

    def _dropdown(self, label: str, options: list[tuple[str, str]]) -> w.Dropdown:
        dropdown = w.Dropdown(options=options, value=options[0][1], description=label)
        dropdown.style.description_width = "initial"
        dropdown.observe(lambda _change: self.render(), names="value")
        return dropdown

    def render(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class OrganiserDashboard(_Dashboard):
    """Live view of a contest: attempts over time, participation, scores, item flags."""

    def __init__(self) -> None:
        super().__init__()
        self.refresh_button = w.Button(description=text("dash_refresh"), icon="")
        self.refresh_button.on_click(lambda _button: self.load())
        self.live = w.HTML()
        self.sections = [w.HTML() for _ in range(4)]
        self.load()

    def load(self) -> None:
        self.data = ContestData(self.config)
        if self.data.problem:
            self.box.children = [w.HTML(_CSS), w.HTML(_message(self.data.problem))]
            return
        self.round = self._dropdown(text("dash_round"), self.data.round_options())
        self.unit = self._dropdown(text("dash_unit"), self.data.unit_options())
        filters = w.HBox([self.round, self.unit, self.refresh_button],
                         layout=w.Layout(flex_flow="row wrap"))  # fmt: skip
        self.box.children = [w.HTML(_CSS), self.live, filters, *self.sections]
        self.render()

    def render(self) -> None:
        round_id, unit = self.round.value, self.unit.value
        attempts = self.data.attempts(round_id, unit)
        last = attempts["submitted_at"].max() if len(attempts) else None
        stamp = (
            pd.Timestamp(last).tz_convert("Asia/Ho_Chi_Minh").strftime("%H:%M %d/%m/%Y")
            if last is not None
            else "—"
        )  # noqa: E501
        self.live.value = (
            '<p class="dcs-live">'
            + escape(
                text(
                    "dash_live",
                    attempts=number_text(len(attempts)),
                    people=number_text(attempts["participant_id"].nunique()),
                    last=stamp,
                )  # fmt: skip
            )
            + "</p>"
        )
        renders = [self._over_time, self._participation, self._distribution, self._flags]
        for section, draw in zip(self.sections, renders, strict=True):
            section.value = self._guard(lambda draw=draw: draw(round_id, unit))

    def _over_time(self, round_id: str, unit: str) -> str:
        title = text("dash_attempts_over_time")
        attempts = self.data.attempts(round_id, unit)
        svg = attempts_over_time_svg(attempts["submitted_at"], title)
        return f"<h2>{escape(title)}</h2>" + _image(svg, title)

    def _participation(self, round_id: str, unit: str) -> str:
        label = dict((v, k) for k, v in self.data.round_options())[round_id]
        title = text("site_units_title", round=label)
        rows = self.data.participation(round_id, unit)
        table_rows = [
            (
                r.name,
                number_text(r.participants),
                number_text(r.headcount)
                if r.headcount == r.headcount and r.headcount is not None
                else "—",
                share_text(r.rate),
                number_text(r.attempts),
            )  # fmt: skip
            for r in rows.itertuples(index=False)
        ]
        headers = [text("col_unit"), text("col_participants"), text("col_headcount")]
        headers += [text("col_rate"), text("col_attempts")]
        return (
            f"<h2>{escape(title)}</h2>"
            + _image(units_svg(rows, title), title)
            + _table(headers, table_rows, [False, True, True, True, True])
        )

    def _distribution(self, round_id: str, unit: str) -> str:
        label = dict((v, k) for k, v in self.data.round_options())[round_id]
        title = text("site_distribution_title", round=label)
        rows = self.data.distribution(round_id, unit)
        table_rows = [(r.text, share_text(r.share)) for r in rows.itertuples() if r.count]
        return (
            f"<h2>{escape(title)}</h2>"
            + _image(distribution_svg(rows, title), title)
            + _table([text("col_correct"), text("col_people_share")], table_rows, [False, True])
        )

    def _flags(self, round_id: str, _unit: str) -> str:
        title = text("dash_item_flags")
        flags = self.data.flags(round_id)
        if not len(flags):
            return f"<h2>{escape(title)}</h2>" + _message(text("dash_no_flags", n=20))
        rows = [(f.question_id, f.round_id, f.flag, f.note) for f in flags.itertuples()]
        headers = [text("dash_question"), text("col_round"), text("dash_flag"), text("dash_note")]
        return f"<h2>{escape(title)}</h2>" + _table(headers, rows)


class TrainerDashboard(_Dashboard):
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
        self.box.children = [w.HTML(_CSS), self.unit, *self.sections]
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
            return f"<h2>{escape(title)}</h2>" + _message(self.course.problem)
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
            + _image(chart, text("dash_completed_course"))
            + _table(
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
            + _table(
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
            return f"<h2>{escape(title)}</h2>" + _message(self.contest.problem or "")
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
            + _table(
                [text("col_unit"), text("col_participants"), text("col_rate"), text("col_correct")],
                unit_rows,
                [False, True, True, True],
            )  # fmt: skip
            + f"<h2>{escape(title)} — {escape(text('dash_per_participant'))}</h2>"
            + _table(
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
                parts.append(f"<h3>{escape(heading)}</h3>" + _message(text("dash_no_topics")))
                continue
            chart = bars_svg(list(weak["topic"]), list(weak["share_right"]), heading)
            rows = [(r.topic, number_text(r.answers), share_text(r.share_right))
                    for r in weak.itertuples(index=False)]  # fmt: skip
            parts.append(
                f"<h3>{escape(heading)}</h3>"
                + _image(chart, heading)
                + _table(
                    [text("dash_topic"), text("dash_answers"), text("dash_share_right")],
                    rows,
                    [False, True, True],
                )  # fmt: skip
            )
        return "".join(parts)


def _show(widget: w.Widget) -> None:
    from IPython.display import display

    display(widget)


def organiser_dashboard() -> None:
    """Display the organiser dashboard (one-liner for ``pages/organiser-dashboard.md``)."""
    _show(OrganiserDashboard().box)


def trainer_dashboard() -> None:
    """Display the trainer dashboard (one-liner for ``pages/trainer-dashboard.md``)."""
    _show(TrainerDashboard().box)
