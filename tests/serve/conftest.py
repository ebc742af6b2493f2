"""Fixtures of the serving tests: course servers and a headless Debian Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from course_servers import CHROMIUM, CHROMIUM_FLAGS, CourseServer, start_server, stop_server


@pytest.fixture(scope="session")
def course_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CourseServer]:
    """The fixture course, pre-started kernels for the home and each module."""
    server = start_server(tmp_path_factory.mktemp("voila"), pool_size=2, module_pool_size=1)
    yield server
    stop_server(server)


@pytest.fixture
def start_course_server(tmp_path: Path) -> Iterator[Callable[..., CourseServer]]:
    """``start_course_server(**options)``: a server of this test's own, stopped afterwards."""
    started: list[CourseServer] = []

    def start(**options) -> CourseServer:
        server = start_server(tmp_path / f"server-{len(started)}", **options)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("Debian chromium is not installed (make system-deps)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
