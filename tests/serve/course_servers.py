"""Course servers for the serving tests: `dancoso.voila_app` on a free 127.0.0.1 port.

Each server gets its own data directory (progress, learner name) under the test's tmp dir
and the widget fixture bank; whoever starts one stops it (kernels included).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from local_web import CHROMIUM as CHROMIUM  # re-exported for the serving tests
from local_web import CHROMIUM_FLAGS as CHROMIUM_FLAGS
from local_web import free_port as free_port

ROOT = Path(__file__).resolve().parents[2]
WIDGET_FILES = ROOT / "tests" / "widgets" / "files"
FIXTURE_COURSE = WIDGET_FILES / "course"
FIXTURE_BANK = WIDGET_FILES / "bank"


@dataclass
class CourseServer:
    url: str
    data_dir: Path
    process: subprocess.Popen
    log: Path

    def get(self, path: str, **options) -> httpx.Response:
        return httpx.get(self.url + path, timeout=120, **options)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def status(self) -> dict:
        return httpx.get(self.url + "/voila/api/dancoso/status", timeout=10).json()


def start_server(
    base: Path,
    *,
    source: Path = FIXTURE_COURSE,
    bank: Path | None = FIXTURE_BANK,
    max_kernels: int = 60,
    pool_size: int = 1,
    module_pool_size: int = 0,
    extra: tuple[str, ...] = (),
) -> CourseServer:
    from dancoso.prepare import prepare_courses

    data = base / "data"
    prepare_courses(data, source)
    port = free_port()
    env = {**os.environ, "DANCOSO_DATA": str(data), "DANCOSO_LANG": "vi"}
    env.pop("JUPYTERHUB_USER", None)
    if bank is not None:
        env["DANCOSO_BANK"] = str(bank)
    log = base / "voila.log"
    command = [
        sys.executable,
        "-m",
        "dancoso.voila_app",
        str(data / "courses"),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--show_tracebacks=True",  # an error in a cell must be visible to the test
        f"--CourseVoila.max_kernels={max_kernels}",
        f"--CourseVoila.home_pool_size={pool_size}",
        f"--CourseVoila.module_pool_size={module_pool_size}",
        *extra,
    ]
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            command, cwd=data, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    server = CourseServer(f"http://127.0.0.1:{port}", data, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà exited early:\n{server.log_text()}")
        try:
            if httpx.get(server.url + "/", timeout=2).status_code in (301, 302):
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"Voilà did not start:\n{server.log_text()}")


def run_async(make_coroutine):
    """``asyncio.run`` in a thread of its own: Playwright's sync API (the ``browser``
    fixture) keeps an event loop in the main thread, where ``asyncio.run`` refuses to run."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def stop_server(server: CourseServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


EXTERNAL_ASSET = re.compile(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["']?(?:https?:)?//""")
OUTPUTS = re.compile(
    r'<script type="application/vnd\.voila\.cell-output\+json">\s*(.*?)\s*</script>', re.S
)


def outputs(html: str) -> list[dict]:
    return [json.loads(block) for block in OUTPUTS.findall(html)]


def assert_clean_page(html: str) -> None:
    assert html.rstrip().endswith("</html>"), "the page was not completely rendered"
    assert '<html lang="vi">' in html
    assert not EXTERNAL_ASSET.search(html), EXTERNAL_ASSET.search(html).group(0)
    assert "cdn." not in html and "cdnjs" not in html and "unpkg" not in html
    for code in ("from widgets import course", "course.self_check(", "course.home("):
        assert code not in html, f"source code visible: {code}"
    for output in outputs(html):
        assert output.get("output_type") != "error", output
        assert output.get("name") != "stderr", output
