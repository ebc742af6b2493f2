"""Building blocks of the Voilà dashboards: the stylesheet, images, tables, the base class.

Charts arrive as SVG text and are shown as data-URI images: nothing is fetched from anywhere.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from html import escape

import ipywidgets as w

from .dashboard_data import DashboardConfig
from .results_model import ResultsInputError

__all__ = ["CSS", "Dashboard", "image", "html_table", "message"]

CSS = """<style>
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


def image(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'


def html_table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric=None) -> str:
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


def message(value: str) -> str:
    return f'<p class="dcs-msg">{escape(value)}</p>'


class Dashboard:
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
            return message(str(error))

    def _dropdown(self, label: str, options: list[tuple[str, str]]) -> w.Dropdown:
        dropdown = w.Dropdown(options=options, value=options[0][1], description=label)
        dropdown.style.description_width = "initial"
        dropdown.observe(lambda _change: self.render(), names="value")
        return dropdown

    def render(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError
