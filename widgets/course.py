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

Module metadata lives in the front matter (see :mod:`widgets.modules`). Each call displays a
widget; the ``make_*`` functions build the same widget without displaying it (tests).

In Voilà with pre-started kernels the notebook runs before anyone asks for it; the first
call here waits for the visitor's request (``voila.utils.wait_for_request``) so that the
learner and progress shown are read when the page is opened, not when the kernel started.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Literal

import ipywidgets as w

from quizzes.problems import ContentError
from quizzes.schema import Question

from .learner import NameForm, current_learner
from .messages import tr
from .modules import ModuleInfo, list_modules
from .progress import Progress, module_line_html, status_text
from .progress_store import ModuleProgress, ProgressStore, ProgressUnavailable
from .selfcheck import Attempt, SelfCheck
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


class CourseSession:
    """This kernel's learner, progress store and the answers waiting for a learner name."""

    def __init__(self, *, data_dir: Path | None = None, courses_dir: Path | None = None) -> None:
        self.data_dir = data_dir
        self.courses_dir = courses_dir
        self.learner = current_learner(data_dir)
        self.pending: list[tuple[str, Attempt]] = []
        self.listeners: list[Callable[[], None]] = []
        self.store_problem: str | None = None
        self._store: ProgressStore | None = None
        self._bank: Mapping[str, Question] | None = None
        self._bank_loaded = False
        self._bank_error: ContentError | None = None
        self._store_opened = False
        self.identity_shown = False  # the learner's name (or the form) once per page

    # -- resources ------------------------------------------------------------------------
    @property
    def store(self) -> ProgressStore | None:
        if not self._store_opened:
            self._store_opened = True
            try:
                path = None if self.data_dir is None else Path(self.data_dir) / "progress.sqlite"
                self._store = ProgressStore(path)
            except ProgressUnavailable as error:
                self.store_problem = tr("progress_unavailable", reason=error)
            else:
                if self._store.reset_notice is not None:
                    self.store_problem = tr("progress_reset", aside=self._store.reset_notice.name)
        return self._store

    def bank(self) -> Mapping[str, Question] | None:
        """The question bank, loaded once per kernel; None when it has errors."""
        try:
            return self.load_bank()
        except ContentError:
            return None

    def load_bank(self) -> Mapping[str, Question]:
        """The question bank (once per kernel), or the ContentError that prevents it.

        ``DANCOSO_BANK`` (paths separated by ``os.pathsep``) replaces the project's bank:
        for trying new question files in a course, and for tests."""
        if not self._bank_loaded:
            from quizzes.bank import BANK_DIR, load_questions

            self._bank_loaded = True
            paths = [Path(p) for p in os.environ.get("DANCOSO_BANK", "").split(os.pathsep) if p]
            try:
                self._bank = load_questions(paths or [BANK_DIR])
            except ContentError as error:
                self._bank_error = error
        if self._bank_error is not None:
            raise self._bank_error
        return self._bank

    def modules(self, directory: Path | None = None) -> list[ModuleInfo]:
        return list_modules(directory or self.courses_dir or Path.cwd())

    # -- progress -------------------------------------------------------------------------
    def progress(self, module: str) -> ModuleProgress | None:
        store = self.store
        if store is None or self.learner is None:
            return None
        return store.module(self.learner, module)

    def all_progress(self) -> dict[str, ModuleProgress]:
        store = self.store
        if store is None or self.learner is None:
            return {}
        return store.modules(self.learner)

    def record(self, module: str, attempt: Attempt) -> bool:
        """Save the attempt; without a learner yet keep it until a name is entered."""
        if self.learner is None:
            self.pending.append((module, attempt))
            return False
        store = self.store
        if store is None:
            return False
        store.record(self.learner, module, attempt)
        self._notify()
        return True

    def set_learner(self, name: str) -> int:
        """Adopt the learner name and save answers given before it; returns how many."""
        self.learner = name
        pending, self.pending = self.pending, []
        store = self.store
        if store is not None:
            for module, attempt in pending:
                store.record(name, module, attempt)
        self._notify()
        return len(pending) if store is not None else 0

    def subscribe(self, listener: Callable[[], None]) -> None:
        self.listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener()


_session: CourseSession | None = None
_waited = False


def session() -> CourseSession:
    global _session
    if _session is None:
        _session = CourseSession()
    return _session


def reset_session(**options: object) -> CourseSession:
    """Start afresh (tests; a kernel uses one session): ``reset_session(data_dir=…)``."""
    global _session
    _session = CourseSession(**options)
    return _session


def _wait_for_visitor() -> None:
    """In a pre-started Voilà kernel, wait (once) until a visitor opens the page."""
    global _waited
    if _waited or os.environ.get("VOILA_PREHEAT") != "True":
        return
    _waited = True
    try:
        from voila.utils import wait_for_request
    except ImportError:  # pragma: no cover - Voilà sets the variable, so it is installed
        return
    current = session()
    current.bank()  # load the bank while nobody is waiting for it
    wait_for_request()
    current.learner = current_learner(current.data_dir)  # as it is now, not at start-up


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
    _wait_for_visitor()
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
    _wait_for_visitor()
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
    _wait_for_visitor()
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
    _wait_for_visitor()
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
