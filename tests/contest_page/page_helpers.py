"""Helpers of the contest-page tests: a course open now, servers, people, nbgrader.

The course is the grading tests' fixture contest (``tests/quizzes/files/contests/good.yaml``
over the fixture bank) with its windows moved around today, so the tests pass on any date:
round ``vong-1`` (10 questions, 10 minutes, 3 attempts, practice) is open; ``vong-2`` opens
in three weeks. The essay course is ``tests/grading/files/essay-contest.yaml`` moved the same
way: ``vong-1`` has three single-choice questions, then an essay (slot 4); 30 minutes, one
attempt, no practice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml
from local_web import CHROMIUM as CHROMIUM  # re-exported for the contest-page tests
from local_web import CHROMIUM_FLAGS as CHROMIUM_FLAGS
from local_web import assert_phone_friendly as phone_friendly
from local_web import free_port as free_port
from local_web import serious_violations as serious_violations

ROOT = Path(__file__).resolve().parents[2]
QUIZ_FILES = ROOT / "tests" / "quizzes" / "files"
BANK = QUIZ_FILES / "contest-bank"
BASE_SPEC = QUIZ_FILES / "contests" / "good.yaml"
ESSAY_FILES = ROOT / "tests" / "grading" / "files"
ESSAY_SPEC = ESSAY_FILES / "essay-contest.yaml"
ESSAY_BANK = ESSAY_FILES / "essay-bank"
ESSAY_SLOT = "4"
BIN = Path(sys.executable).parent
VN = dt.timezone(dt.timedelta(hours=7))
# What a finger must be able to hit (≥ 44 px high) on the page.
TARGETS = (
    "button, .option, .choice, select, textarea, input[type=text], input[type=tel], "
    "input[type=date]"
)
_people = itertools.count(1)


def write_spec(folder: Path, base: Path = BASE_SPEC) -> Path:
    """The fixture contest with vong-1 open from yesterday for 20 days."""
    spec = yaml.safe_load(base.read_text(encoding="utf-8"))
    today = dt.datetime.now(VN).replace(hour=8, minute=0, second=0, microsecond=0)
    windows = [(today - dt.timedelta(days=1), today + dt.timedelta(days=20))]
    windows.append((today + dt.timedelta(days=21), today + dt.timedelta(days=40)))
    for round_, (opens, closes) in zip(spec["rounds"], windows[: len(spec["rounds"])], strict=True):
        round_["opens"], round_["closes"] = opens.isoformat(), closes.isoformat()
    path = folder / "trang-thi.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def build_course(folder: Path) -> tuple[Path, Path]:
    """(spec path, course dir) of a freshly built contest."""
    from grading.course_build import build_course as build

    spec = write_spec(folder)
    course = folder / "kiem-thu"
    build(spec_path=spec, course_dir=course, bank_paths=[BANK])
    return spec, course


def build_essay_course(folder: Path) -> tuple[Path, Path]:
    """(spec path, course dir) of the essay contest, open now."""
    from grading.course_build import build_course as build

    spec = write_spec(folder, ESSAY_SPEC)
    course = folder / "tu-luan"
    build(spec_path=spec, course_dir=course, bank_paths=[BANK, ESSAY_BANK])
    return spec, course


def essay_person() -> dict[str, str]:
    """Valid form values of the essay contest (a name and a unit)."""
    return {"ho_ten": "Trần Văn Bình", "don_vi": "xa-a"}  # the form asks nothing unique


def person(**changes: str) -> dict[str, str]:
    """Valid form values with a phone and a CCCD no other test uses."""
    n = next(_people) + os.getpid() % 1000 * 1000
    values = {
        "ho_ten": "Nguyễn Thị Mỹ Linh",
        "ngay_sinh": "1990-05-17",
        "so_dien_thoai": f"098{n:07d}",
        "cccd": f"0841{n:08d}",
        "don_vi": "xa-a",
        "nhom": "Cán bộ",
    }
    values.update(changes)
    return values


def nbgrader(course: Path, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [str(BIN / "nbgrader"), *arguments],
        cwd=cwd or course,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass
class Clock:
    """The in-process server's clock: real time plus an offset the test moves."""

    offset: dt.timedelta = field(default_factory=dt.timedelta)

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(VN) + self.offset


class InProcessServer:
    """The contest app on its own event loop in a thread, with a clock the test controls."""

    def __init__(self, course: Path):
        from grading.contest_web.service import ContestService

        self.clock = Clock()
        self.service = ContestService(course, now=self.clock, workers=8)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        if not ready.wait(30):
            raise RuntimeError("the contest server did not start")
        self.url = f"http://127.0.0.1:{self.port}"

    def _run(self, ready: threading.Event) -> None:
        from grading.contest_web.app import start_server

        asyncio.set_event_loop(self.loop)

        async def begin():
            self.server, self.port, self.sweeper = start_server(
                self.service, host="127.0.0.1", port=0
            )

        self.loop.run_until_complete(begin())
        ready.set()
        self.loop.run_forever()

    def call(self, coroutine):
        """Run a coroutine of the service on the server's loop; its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(60)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def stop(self) -> None:
        async def end():
            self.sweeper.stop()
            self.server.stop()
            await self.server.close_all_connections()

        asyncio.run_coroutine_threadsafe(end(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)
        self.service.close()


@dataclass
class ServedPage:
    url: str
    process: subprocess.Popen
    log: Path


def serve_page(spec: Path, course: Path, log: Path) -> ServedPage:
    """``dancoso contest serve`` as people run it, on a free port; waits until it answers."""
    env = {**os.environ, "DANCOSO_LANG": "vi"}
    env.pop("DANCOSO_NOW", None)
    process = subprocess.Popen(
        [
            str(BIN / "dancoso"),
            "contest",
            "serve",
            str(spec),
            "--course-dir",
            str(course),
            "--port",
            "0",
        ],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"contest server exited:\n{log.read_text()}")
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", log.read_text())
        if found:
            url = found.group(0).rstrip("/")
            try:
                if httpx.get(url + "/api/time", timeout=5).status_code == 200:
                    return ServedPage(url, process, log)
            except httpx.HTTPError:
                pass
        time.sleep(0.1)  # polling while the server starts
    process.kill()
    raise TimeoutError(log.read_text())


def stop_page(page: ServedPage) -> None:
    if page.process.poll() is None:
        page.process.terminate()
        try:
            page.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            page.process.kill()


def assert_phone_friendly(page) -> None:
    """Nothing scrolls sideways; every visible touch target of the page is ≥ 44 px high."""
    phone_friendly(page, TARGETS)
