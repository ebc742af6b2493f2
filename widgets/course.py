"""The notebook-facing API of the course: one-line calls for course authors.

In a module ``courses/NN-name.md`` (MyST markdown)::

    ```{code-cell} ipython3
    from widgets import course
    course.header("m02")
    ```
    … the lesson …
    ```{code-cell} ipython3
    course.self_check("m02", ["l10-d1-pham-vi-dieu-chinh", "l10-d2-co-so-gom"])
    ```

- ``course.header(module)`` — links home, the learner's name (asked once if unknown) and
  the module's progress bar; it updates when the self-check is answered.
- ``course.self_check(module, ids, *, topic=None, n=None, mode="list")`` — the self-check;
  each check is recorded for the learner. ``topic={"chapter": "I"}`` with ``n=5`` draws five
  reviewed questions of that topic (the same five for everyone in this module).
- ``course.home()`` — the course home: every module with its time and the learner's status.
- ``course.my_progress()`` — "Tiến độ của tôi".

Module metadata is the ``dancoso:`` block of the front matter (checked by
:class:`widgets.modules.ModuleMeta`; ``module: home`` marks the course home page)::

    ---
    kernelspec: {display_name: Python 3, language: python, name: python3}
    dancoso: {module: m02, title: "Chương I — Những quy định chung", minutes: 25, order: 2}
    ---

Each call displays a widget; the ``make_*`` functions build the same widget without
displaying it (tests). Links are relative (``02-chuong-1.ipynb``), so they work in Voilà and
in JupyterLab. In pre-started Voilà kernels the first call waits for the visitor (see
:mod:`widgets.session`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Literal

import ipywidgets as w

from .learner import NameForm
from .messages import tr
from .modules import ModuleInfo
from .progress import Progress, module_line_html, status_text
from .progress_store import ModuleProgress
from .selfcheck import Attempt, SelfCheck
from .session import CourseSession, reset_session, session, wait_for_visitor
from .style import style_widget

__all__ = [
    "HOME_NOTEBOOK",
    "PROGRESS_NOTEBOOK",
    "CourseSession",
    "session",
    "reset_session",
    "header",
    "self_check",
    "home",
    "my_progress",
    "make_header",
    "make_self_check",
    "make_home",
    "make_my_progress",
]

HOME_NOTEBOOK = "index.ipynb"
PROGRESS_NOTEBOOK = "tien-do-cua-toi.ipynb"


def _learner_box(current: CourseSession, refresh: Callable[[], None]) -> w.VBox:
    """The learner's name, or the form asking for it; turns into the name once saved.
    Only the first call on a page shows anything: one name line (or form) is enough."""
    box = w.VBox(layout=w.Layout(width="100%"))
    if current.identity_shown:
        return box
    current.identity_shown = True
    confirmation: list[str] = []

    def show_name() -> None:
        lines = [tr("learner_is", name=current.learner), *confirmation]
        box.children = [w.HTML("".join(f'<p role="status">{escape(t)}</p>' for t in lines))]

    def saved(name: str) -> None:
        confirmation.append(tr("learner_saved", name=name))
        count = current.set_learner(name)  # notifies every view, this one included
        if count:
            confirmation.append(tr("pending_saved", count=count))
            show_name()
        refresh()

    def update() -> None:
        if current.learner is not None:
            show_name()

    if current.learner is not None:
        show_name()
    else:
        box.children = [NameForm(on_saved=saved, data_dir=current.data_dir)]
        current.subscribe(update)
    return box


def _nav_links(*, home_link: bool = True) -> w.HTML:
    links = []
    if home_link:
        links.append(f'<a href="{HOME_NOTEBOOK}">← {escape(tr("course_home"))}</a>')
    links.append(f'<a href="{PROGRESS_NOTEBOOK}">{escape(tr("my_progress_title"))}</a>')
    return w.HTML(f'<nav class="dancoso-nav-links">{" ".join(links)}</nav>')


def _notice(current: CourseSession) -> w.HTML:
    current.store  # noqa: B018 - opening the store is what surfaces a reset or a failure
    if current.store_problem is None:
        return w.HTML("")
    return w.HTML(f'<p class="dancoso-warning" role="alert">{escape(current.store_problem)}</p>')


# -- builders ---------------------------------------------------------------------------------
def make_header(module: str) -> w.VBox:
    wait_for_visitor()
    current = session()
    titles = {m.module: m.title for m in current.modules()}
    title = titles.get(module, module)
    line = w.HTML("")

    def refresh() -> None:
        line.value = module_line_html(current.progress(module), title)

    refresh()
    current.subscribe(refresh)
    box = w.VBox(
        [style_widget(), _nav_links(), _notice(current), _learner_box(current, refresh), line],
        layout=w.Layout(width="100%"),
    )
    box.add_class("dancoso")
    box.add_class("dancoso-header")
    return box


def make_self_check(
    module: str,
    question_ids: Iterable[str] = (),
    *,
    topic: Mapping[str, str] | None = None,
    n: int | None = None,
    mode: Literal["list", "step"] = "list",
) -> w.VBox:
    wait_for_visitor()
    current = session()
    status = w.HTML("")

    def attempted(attempt: Attempt) -> None:
        saved = current.record(module, attempt)
        if not saved and current.learner is None:
            status.value = f'<p class="dancoso-warning">{escape(tr("not_saved_yet"))}</p>'
        elif not saved and current.store_problem:
            status.value = f'<p class="dancoso-warning">{escape(current.store_problem)}</p>'
        else:
            status.value = ""

    check = SelfCheck(
        question_ids,
        load_bank=current.load_bank,
        topic=topic,
        n=n,
        seed=module,
        mode=mode,
        on_attempt=attempted,
    )
    children: list[w.Widget] = [check, status]
    if current.learner is None and not current.identity_shown:
        children.insert(0, _learner_box(current, lambda: None))
    box = w.VBox(children, layout=w.Layout(width="100%"))
    box.add_class("dancoso")
    box.self_check = check  # for tests and callers that want the parts
    return box


def make_home(directory: Path | None = None) -> w.VBox:
    wait_for_visitor()
    current = session()
    modules = current.modules(directory)
    listing = w.HTML("")

    def refresh() -> None:
        listing.value = _home_html(modules, current.all_progress())

    refresh()
    current.subscribe(refresh)
    box = w.VBox(
        [
            style_widget(),
            _notice(current),
            _learner_box(current, refresh),
            listing,
            _nav_links(home_link=False),
        ],
        layout=w.Layout(width="100%"),
    )
    box.add_class("dancoso")
    box.add_class("dancoso-home")
    return box


def make_my_progress(directory: Path | None = None) -> w.VBox:
    wait_for_visitor()
    current = session()
    current.store  # noqa: B018 - surfaces store problems before showing them
    view = Progress(
        store=current.store,
        learner=current.learner,
        modules=current.modules(directory),
        notice=current.store_problem,
    )

    def refresh() -> None:
        view.learner = current.learner
        view.refresh()

    current.subscribe(refresh)
    box = w.VBox([_learner_box(current, refresh), view], layout=w.Layout(width="100%"))
    box.add_class("dancoso")
    return box


def _home_html(modules: list[ModuleInfo], progress: dict[str, ModuleProgress]) -> str:
    parts = [f"<p>{escape(tr('home_intro'))}</p>"]
    if not modules:
        parts.append(f"<p>{escape(tr('no_modules'))}</p>")
        return "".join(parts)
    done = sum(1 for m in modules if m.module in progress and progress[m.module].completed)
    parts.append(f"<p>{escape(tr('overall', done=done, total=len(modules)))}</p>")
    items = []
    for info in modules:
        record = progress.get(info.module)
        status = status_text(record)
        css = "dancoso-status-done" if record is not None and record.completed else ""
        score = ""
        if record is not None and record.total:
            score = " — " + escape(tr("module_score", correct=record.correct, total=record.total))
        items.append(
            f'<li><a href="{escape(info.notebook)}">{escape(info.title)}</a>'
            f'<span class="dancoso-meta">{escape(tr("minutes", minutes=info.meta.minutes))} · '
            f'<span class="{css}">{escape(status)}</span>{score}</span></li>'
        )
    label = escape(tr("module_list"))
    parts.append(f'<ul class="dancoso-modules" aria-label="{label}">{"".join(items)}</ul>')
    return "".join(parts)


# -- the one-liners -----------------------------------------------------------------------------
def _show(widget: w.Widget) -> None:
    from IPython.display import display

    display(widget)


def header(module: str) -> None:
    """Links home, the learner (asked once) and this module's progress."""
    _show(make_header(module))


def self_check(
    module: str,
    question_ids: Iterable[str] = (),
    *,
    topic: Mapping[str, str] | None = None,
    n: int | None = None,
    mode: Literal["list", "step"] = "list",
) -> None:
    """The module's self-check; every check is recorded in the learner's progress."""
    _show(make_self_check(module, question_ids, topic=topic, n=n, mode=mode))


def home(directory: Path | None = None) -> None:
    """The course home: modules in order, estimated time, the learner's status."""
    _show(make_home(directory))


def my_progress(directory: Path | None = None) -> None:
    """'Tiến độ của tôi'."""
    _show(make_my_progress(directory))
