"""Fixtures for Voilà pages: a real Voilà server on a free localhost port, and Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_web import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_for_http

ROOT = Path(__file__).resolve().parents[2]


def notebook_from_myst(source: Path, target_dir: Path) -> Path:
    import jupytext
    import nbformat

    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / (source.stem + ".ipynb")
    nbformat.write(jupytext.read(source), target)
    return target


@pytest.fixture
def voila_page(tmp_path: Path):
    """Start Voilà on one notebook; yields a function (notebook, env) -> base URL."""
    started: list[subprocess.Popen] = []

    def start(notebook: Path, env: dict[str, str] | None = None) -> str:
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                str(notebook),
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                "--show_tracebacks=False",
            ],
            cwd=notebook.parent,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"voila-{port}.log").open("w"),
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, process)
        return url

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator:
    """A Playwright page in Debian's Chromium, phone-sized unless the test resizes it."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (see .ci/system-deps.sh)")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        yield page
        context.close()
        browser.close()
