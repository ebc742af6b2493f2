"""Progress views: "Tiến độ của tôi" (every module) and a module's progress line.

Both read a :class:`~widgets.progress_store.ProgressStore` and render static HTML inside a
widget: a native ``<progress>`` element with a label (screen readers announce it) and a plain
table that stays readable at 390 px (the last-activity column hides on narrow screens).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

import ipywidgets as w

from .messages import tr
from .modules import ModuleInfo
from .progress_store import ModuleProgress, ProgressStore
from .style import style_widget

__all__ = ["Progress", "status_text", "module_line_html", "progress_bar_html", "when_text"]


def status_text(progress: ModuleProgress | None) -> str:
    if progress is not None and progress.completed:
        return tr("status_done")
    if progress is not None and progress.started:
        return tr("status_started")
    return tr("status_new")


def when_text(stamp: str | None) -> str:
    if not stamp:
        return ""
    return dt.datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M")


def progress_bar_html(value: int, maximum: int, label: str) -> str:
    maximum = max(maximum, 1)
    return (
        f'<progress class="dancoso-bar" value="{value}" max="{maximum}" '
        f'aria-label="{escape(label)}">{value}/{maximum}</progress>'
    )


def module_line_html(progress: ModuleProgress | None, title: str) -> str:
    """'Hoàn thành — Tự kiểm tra: đúng 3/5 câu' and a bar, for a module header."""
    status = status_text(progress)
    css = "dancoso-status-done" if progress is not None and progress.completed else ""
    line = f'<span class="{css}">{escape(status)}</span>'
    if progress is not None and progress.total:
        score = tr("module_score", correct=progress.correct, total=progress.total)
        line += f" — {escape(score)}"
        bar = progress_bar_html(
            progress.correct, progress.total, tr("module_progress_label", title=title)
        )
    else:
        bar = ""
    return f'<p class="dancoso-module-progress">{line}</p>{bar}'


class Progress(w.VBox):
    """'Tiến độ của tôi': every module's status and self-check score for one learner."""

    def __init__(
        self,
        *,
        store: ProgressStore | None,
        learner: str | None,
        modules: Iterable[ModuleInfo],
        notice: str | None = None,
    ) -> None:
        self.store = store
        self.learner = learner
        self.modules = list(modules)
        self.notice = notice
        self.body = w.HTML("")
        super().__init__([style_widget(), self.body], layout=w.Layout(width="100%"))
        self.add_class("dancoso")
        self.add_class("dancoso-progress")
        self.refresh()

    def records(self) -> dict[str, ModuleProgress]:
        if self.store is None or self.learner is None:
            return {}
        return self.store.modules(self.learner)

    def refresh(self) -> None:
        self.body.value = self._html(self.records())

    def _html(self, records: dict[str, ModuleProgress]) -> str:
        parts = [f"<h2>{escape(tr('my_progress_title'))}</h2>"]
        if self.notice:
            parts.append(f'<p class="dancoso-warning" role="alert">{escape(self.notice)}</p>')
        if self.learner is None:
            parts.append(f"<p>{escape(tr('no_learner_progress'))}</p>")
        known = {m.module for m in self.modules}
        rows = [(m.title, m.notebook, records.get(m.module)) for m in self.modules]
        rows += [(name, None, p) for name, p in sorted(records.items()) if name not in known]
        done = sum(1 for _, _, p in rows if p is not None and p.completed)
        parts.append(f"<p>{escape(tr('overall', done=done, total=len(rows)))}</p>")
        parts.append(progress_bar_html(done, len(rows), tr("overall_label")))
        if not rows:
            return "".join(parts)
        header = "".join(
            f'<th scope="col">{escape(tr(key))}</th>'
            for key in ("col_module", "col_status", "col_score", "col_last")
        )
        body = []
        for title, notebook, progress in rows:
            name = (
                f'<a href="{escape(notebook)}">{escape(title)}</a>' if notebook else escape(title)
            )
            score = f"{progress.correct}/{progress.total}" if progress and progress.total else ""
            last = when_text(progress.last_activity) if progress else ""
            body.append(
                f"<tr><td>{name}</td><td>{escape(status_text(progress))}</td>"
                f"<td>{escape(score)}</td><td>{escape(last)}</td></tr>"
            )
        parts.append(
            f'<table class="dancoso-table"><thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )
        return "".join(parts)
