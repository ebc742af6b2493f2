"""Widget tests run headless: build the widget, act as a learner would, assert on traits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ipywidgets
import pytest

from quizzes.bank import load_questions

FILES = Path(__file__).resolve().parent / "files"
BANK = FILES / "bank"
COURSE = FILES / "course"


@pytest.fixture(scope="session")
def bank():
    return load_questions([BANK])


@pytest.fixture(autouse=True)
def _fresh_widgets() -> Iterator[None]:
    yield
    ipywidgets.Widget.close_all()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory, the fixture bank, no JupyterHub user, a fresh course session."""
    from widgets import course

    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("DANCOSO_DATA", str(data))
    monkeypatch.setenv("DANCOSO_BANK", str(BANK))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    course.reset_session()
    return data


@pytest.fixture
def courses_dir(tmp_path: Path) -> Path:
    """The fixture course prepared as notebooks, as `dancoso serve` would."""
    from dancoso.prepare import prepare_courses

    target = tmp_path / "prepared"
    prepare_courses(target, COURSE)
    return target / "courses"


@pytest.fixture
def synced_text():
    """A function returning everything every live widget would send to the browser."""
    # ``_instances`` is the registry behind the deprecated ``Widget.widgets``.
    from ipywidgets.widgets.widget import _instances

    def collect() -> str:
        return "\n".join(repr(widget.get_state()) for widget in list(_instances.values()))

    return collect
