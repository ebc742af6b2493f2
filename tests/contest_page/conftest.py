"""Fixtures of the contest-page tests: one built course per session, servers, Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from page_helpers import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    InProcessServer,
    ServedPage,
    build_course,
    build_essay_course,
    serve_page,
    stop_page,
)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(spec, course dir): the fixture contest, open now, built once for these tests."""
    return build_course(tmp_path_factory.mktemp("trang-thi"))


@pytest.fixture(scope="session")
def essay_built(tmp_path_factory) -> tuple[Path, Path]:
    """(spec, course dir): the essay contest (three choices, then an essay), open now."""
    return build_essay_course(tmp_path_factory.mktemp("tu-luan"))


@pytest.fixture(scope="module")
def app(built) -> Iterator[InProcessServer]:
    """The contest app in this process, with a clock the test can move."""
    server = InProcessServer(built[1])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def essay_app(essay_built) -> Iterator[InProcessServer]:
    """The contest app over the essay contest, in this process."""
    server = InProcessServer(essay_built[1])
    yield server
    server.stop()


@pytest.fixture
def served(built, tmp_path: Path) -> Iterator[ServedPage]:
    """``dancoso contest serve`` in its own process, stopped after the test."""
    page = serve_page(built[0], built[1], tmp_path / "server.log")
    yield page
    stop_page(page)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator:
    """A Playwright page in Debian's Chromium, 390×844 (a phone); only 127.0.0.1 reachable."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (see .ci/system-deps.sh)")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
        outside: list[str] = []

        def guard(route) -> None:
            if route.request.url.startswith("http://127.0.0.1:"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.outside_requests = outside
        yield page
        context.close()
        browser.close()
