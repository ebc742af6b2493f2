"""The organiser and trainer dashboards (Voilà pages ``pages/*-dashboard.md``).

    from grading.dashboards import organiser_dashboard; organiser_dashboard()

Each call displays one widget tree: filters (round, unit) and sections of charts and tables.
What is shown comes from :mod:`grading.dashboard_data`, configured by environment variables
documented there. Problems (no contest configured, nothing graded yet) are shown as a short
Vietnamese message, never as a traceback. The trainer dashboard lives in
:mod:`grading.trainer_dashboard`.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w
import pandas as pd

from .dashboard_data import ContestData
from .dashboard_widgets import CSS, Dashboard, html_table, image, message
from .results_charts import attempts_over_time_svg, distribution_svg, units_svg
from .results_texts import number_text, share_text, text

__all__ = ["organiser_dashboard", "trainer_dashboard", "OrganiserDashboard"]


class OrganiserDashboard(Dashboard):
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
            self.box.children = [w.HTML(CSS), w.HTML(message(self.data.problem))]
            return
        self.round = self._dropdown(text("dash_round"), self.data.round_options())
        self.unit = self._dropdown(text("dash_unit"), self.data.unit_options())
        filters = w.HBox([self.round, self.unit, self.refresh_button],
                         layout=w.Layout(flex_flow="row wrap"))  # fmt: skip
        self.box.children = [w.HTML(CSS), self.live, filters, *self.sections]
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
        return f"<h2>{escape(title)}</h2>" + image(svg, title)

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
            + image(units_svg(rows, title), title)
            + html_table(headers, table_rows, [False, True, True, True, True])
        )

    def _distribution(self, round_id: str, unit: str) -> str:
        label = dict((v, k) for k, v in self.data.round_options())[round_id]
        title = text("site_distribution_title", round=label)
        rows = self.data.distribution(round_id, unit)
        table_rows = [(r.text, share_text(r.share)) for r in rows.itertuples() if r.count]
        return (
            f"<h2>{escape(title)}</h2>"
            + image(distribution_svg(rows, title), title)
            + html_table([text("col_correct"), text("col_people_share")], table_rows, [False, True])
        )

    def _flags(self, round_id: str, _unit: str) -> str:
        title = text("dash_item_flags")
        flags = self.data.flags(round_id)
        if not len(flags):
            return f"<h2>{escape(title)}</h2>" + message(text("dash_no_flags", n=20))
        rows = [(f.question_id, f.round_id, f.flag, f.note) for f in flags.itertuples()]
        headers = [text("dash_question"), text("col_round"), text("dash_flag"), text("dash_note")]
        return f"<h2>{escape(title)}</h2>" + html_table(headers, rows)


def _show(widget: w.Widget) -> None:
    from IPython.display import display

    display(widget)


def organiser_dashboard() -> None:
    """Display the organiser dashboard (one-liner for ``pages/organiser-dashboard.md``)."""
    _show(OrganiserDashboard().box)


def trainer_dashboard() -> None:
    """Display the trainer dashboard (one-liner for ``pages/trainer-dashboard.md``)."""
    from .trainer_dashboard import TrainerDashboard

    _show(TrainerDashboard().box)
