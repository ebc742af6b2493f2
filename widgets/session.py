"""One course session per kernel: the learner, the progress store, the bank.

Pre-started Voilà kernels run the page before anyone opens it; :func:`wait_for_visitor`
holds the first course call until the visitor's request arrives, so that the learner and
progress are read when the page is opened, not when the kernel started.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from quizzes.problems import ContentError
from quizzes.schema import Question

from .learner import current_learner
from .messages import tr
from .modules import ModuleInfo, list_modules
from .progress_store import ModuleProgress, ProgressStore, ProgressUnavailable
from .selfcheck import Attempt

__all__ = ["CourseSession", "session", "reset_session", "wait_for_visitor"]


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


def wait_for_visitor() -> None:
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
