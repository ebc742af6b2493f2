"""The gradebook on PostgreSQL: a throwaway server, a course whose ``db_url`` points at it, both
engines and an interrupted run — the same grades as on SQLite.

The server is PostgreSQL's own binaries (Debian's ``postgresql`` package; ``.ci/system-deps.sh``
installs it): ``initdb`` into a temporary folder, ``postgres`` on a free 127.0.0.1 port with
its socket beside the data. ``initdb`` refuses to run as root, so as root (CI) the server runs
as ``nobody`` through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from contest_fixtures import build
from grade_fixtures import clone_course, populate
from sqlalchemy import func, select

from grading.grade_run import grade_contest
from grading.gradebook_db import GradebookTables
from grading.gradebook_dump import canonical_dump

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
SUPERUSER = "dancoso"


def _binaries() -> Path | None:
    for candidate in ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1]):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, folder: Path, binaries: Path):
        self.folder, self.binaries = folder, binaries
        self.port = _free_port()
        self.as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(folder, "nobody")

    def run(self, tool: str, *arguments: str) -> None:
        command = [*self.as_user, str(self.binaries / tool), *arguments]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr

    def start(self) -> None:
        data = self.folder / "data"
        self.run(
            "initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-locale"
        )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F"
        log = str(self.folder / "server.log")
        self.run("pg_ctl", "-D", str(data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create(self, database: str, template: str | None = None) -> str:
        import psycopg

        extra = f" TEMPLATE {template}" if template else ""
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {database}{extra}")
        return self.url(database)


@pytest.fixture(scope="module")
def server():
    binaries = _binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries missing: run `make system-deps`")
    folder = Path(tempfile.mkdtemp(prefix="dancoso-pg-"))  # outside root-only pytest dirs
    os.chmod(folder, 0o755)
    instance = Server(folder, binaries)
    try:
        instance.start()
        yield instance
        instance.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _point_at(course: Path, url: str) -> None:
    config = course / "nbgrader_config.py"
    lines = [
        f"c.CourseDirectory.db_url = {url!r}"
        if line.startswith("c.CourseDirectory.db_url")
        else line
        for line in config.read_text(encoding="utf-8").splitlines()
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def course(server, tmp_path_factory) -> Path:
    """A course built straight onto PostgreSQL, with simulated attempts (the hostile ones are
    graded on SQLite by the engine tests; the database does not change what they score)."""
    url = server.create("kiem_thu")
    path = tmp_path_factory.mktemp("pg") / "kiem-thu"
    build(path, db_url=url)
    populate(path, participants=5, seed=4)
    return path


def _copy(server, course: Path, name: str, target: Path) -> Path:
    """A clone of the course on a copy of its (still ungraded) database."""
    copy = clone_course(course, target)
    _point_at(copy, server.create(name, template="kiem_thu"))
    return copy


def _dump(course: Path) -> dict:
    book = GradebookTables.open(course)
    try:
        return canonical_dump(book)
    finally:
        book.close()


def test_both_engines_agree_on_postgresql_and_with_sqlite(server, course, tmp_path) -> None:
    slow = _copy(server, course, "nbgrader_run", tmp_path / "nbgrader")
    fast = _copy(server, course, "fast_run", tmp_path / "fast")
    assert "postgresql://" in (fast / "nbgrader_config.py").read_text(encoding="utf-8")
    slow_report = grade_contest(course_dir=slow, engine="nbgrader", workers=2, timeout=180)
    fast_report = grade_contest(course_dir=fast, engine="fast", workers=2)
    assert not slow_report.failed and fast_report.graded == slow_report.graded >= 10
    assert _dump(slow) == _dump(fast)
    # The same course on SQLite (the default) grades the same.
    local = clone_course(course, tmp_path / "sqlite")
    _point_at(local, f"sqlite:///{local / 'gradebook.db'}")
    build(local)  # the SQLite gradebook gets the assignments
    grade_contest(course_dir=local, engine="fast")
    assert _dump(local)["grades"] == _dump(fast)["grades"]
    again = grade_contest(course_dir=fast, engine="fast")
    assert again.graded == 0 and again.skipped == again.planned


SCRIPT = """
import sys
from pathlib import Path
from sqlalchemy import func, select

from grading.grade_run import grade_contest
grade_contest(course_dir=Path(sys.argv[1]), engine="fast", batch=1)
"""


def test_kill_nine_and_resume_on_postgresql(server, course, tmp_path) -> None:
    reference = _copy(server, course, "reference_run", tmp_path / "reference")
    grade_contest(course_dir=reference, engine="fast")
    total = len(_dump(reference)["state"])
    killed = _copy(server, course, "killed_run", tmp_path / "killed")
    book = GradebookTables.open(killed)
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, str(killed)])
    deadline = time.monotonic() + 120
    committed = 0
    while process.poll() is None and time.monotonic() < deadline:
        with book.engine.connect() as db:
            committed = db.execute(select(func.count()).select_from(book.state)).scalar()
        if committed >= total // 2:
            break
        time.sleep(0.01)  # polling the database, with a deadline
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with book.engine.connect() as db:
        committed = db.execute(select(func.count()).select_from(book.state)).scalar()
    book.close()
    assert 0 < committed < total
    report = grade_contest(course_dir=killed, engine="fast")
    assert report.graded == total - committed
    assert _dump(killed) == _dump(reference)
