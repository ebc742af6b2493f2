"""The nbgrader engine: nbgrader's own autograde, with our preprocessors, in worker processes.

Per attempt, a worker

1. stages the submission into ``<course>/submitted/<student>/<assignment>/`` as data: the
   notebook (the released one when the submitted one is missing or unusable), ``answers.json``
   (capped, never through a link) and ``timestamp.txt`` from the server's submit time — nothing
   else, so a link, a FIFO or a 100 MB file never reaches nbgrader;
2. runs nbgrader's ``Autograde`` converter in-process with :mod:`grading.preprocessors` in its
   pipeline (participants' cells dropped or restored before execution), ``Execute.timeout``
   per cell and the pool's deadline per notebook (then the worker and its kernel are killed);
3. reads the grades nbgrader wrote into the worker's own SQLite gradebook (a copy of the
   course's assignments and cells) and returns them; the parent is the single writer of the
   course gradebook (:mod:`grading.gradebook_writer`), SQLite or PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import MetaData, create_engine, insert, select
from sqlalchemy.exc import SAWarning

from .exchange_inbound import nbgrader_timestamp
from .grade_fast import FastGrader
from .grade_record import GradedAttempt, Job, attempt_digest
from .grade_workers import WorkerPool
from .gradebook_db import NBGRADER_TABLES

__all__ = ["ENGINE", "CELL_TIMEOUT", "nbgrader_results", "NbgraderWorker"]

ENGINE = "nbgrader"
CELL_TIMEOUT = 30  # seconds per cell (nbgrader's Execute.timeout)
_STRUCTURE = (
    "course",
    "assignment",
    "notebook",
    "base_cell",
    "grade_cells",
    "solution_cells",
    "task_cells",
    "source_cell",
)
_UNUSABLE = {"notebook_missing", "notebook_too_large", "notebook_not_json", "notebook_invalid"}


def _copy_structure(source_url: str, target_url: str, assignments: set[str]) -> None:
    """A fresh gradebook with the course's assignments, notebooks and cells (same ids)."""
    from nbgrader.api import Base

    source = create_engine(source_url)
    metadata = MetaData()
    metadata.reflect(bind=source, only=list(NBGRADER_TABLES))
    target = create_engine(target_url)
    Base.metadata.create_all(bind=target)  # nbgrader's schema (no alembic run: tables exist)
    t = metadata.tables
    with source.connect() as src, target.begin() as dst:
        rows = {"course": [dict(r._mapping) for r in src.execute(select(t["course"]))]}
        chosen = src.execute(select(t["assignment"]).where(t["assignment"].c.name.in_(assignments)))
        rows["assignment"] = [dict(r._mapping) for r in chosen]
        ids = [r["id"] for r in rows["assignment"]]
        query = select(t["notebook"]).where(t["notebook"].c.assignment_id.in_(ids))
        rows["notebook"] = [dict(r._mapping) for r in src.execute(query)]
        notebooks = [r["id"] for r in rows["notebook"]]
        for name in ("base_cell", "source_cell"):
            query = select(t[name]).where(t[name].c.notebook_id.in_(notebooks))
            rows[name] = [dict(r._mapping) for r in src.execute(query)]
        cells = [r["id"] for r in rows["base_cell"]]
        for name in ("grade_cells", "solution_cells", "task_cells"):
            query = select(t[name]).where(t[name].c.id.in_(cells))
            rows[name] = [dict(r._mapping) for r in src.execute(query)]
        for name in _STRUCTURE:
            if rows.get(name):
                dst.execute(insert(t[name]), rows[name])
    source.dispose()
    target.dispose()


class NbgraderWorker:
    """One worker's state: its private gradebook and a fast grader for the answer facts."""

    def __init__(self, root: Path, structures: dict, db_url: str, cell_timeout: int, scratch: Path):
        self.root = Path(root)
        self.structures = structures
        self.cell_timeout = cell_timeout
        self.folder = Path(tempfile.mkdtemp(prefix="worker-", dir=scratch))
        self.db_url = f"sqlite:///{self.folder / 'gradebook.db'}"
        wanted = {name for name, s in structures.items() if s is not None}
        _copy_structure(db_url, self.db_url, wanted)
        self.facts = FastGrader(self.root, structures)
        self.engine = create_engine(self.db_url)
        self.tables = MetaData()
        self.tables.reflect(bind=self.engine, only=list(NBGRADER_TABLES))
        logging.getLogger("traitlets").setLevel(logging.ERROR)
        # nbgrader's ORM and nbformat's repairs of altered notebooks warn on every paper; the
        # reasons are recorded by grading.grade_submission instead.
        warnings.filterwarnings("ignore", category=SAWarning)
        warnings.filterwarnings("ignore", module="nbformat")
        self.config = self._config()

    def _config(self):
        from traitlets.config.loader import PyFileConfigLoader

        from .preprocessors import autograde_preprocessors, sanitize_preprocessors

        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.db_url = self.db_url
        config.Autograde.sanitize_preprocessors = sanitize_preprocessors()
        config.Autograde.autograde_preprocessors = autograde_preprocessors()
        config.Autograde.create_student = True
        config.Execute.timeout = self.cell_timeout
        config.Execute.interrupt_on_timeout = True
        # Kernels talk over Unix sockets in the worker's folder, not TCP on localhost.
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(self.folder / "kernel")
        return config

    def stage(self, job: Job, submission) -> None:
        """``submitted/<student>/<assignment>/``: notebook, answers and time — as data."""
        target = self.root / "submitted" / job.participant / job.assignment
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        notebook = submission.notebook
        if notebook is None or submission.reasons & _UNUSABLE:
            notebook = self.facts.release(job).data
        (target / job.notebook_name).write_bytes(notebook)
        if submission.answers is not None:
            (target / "answers.json").write_bytes(submission.answers)
        (target / "timestamp.txt").write_text(nbgrader_timestamp(job.submitted_at))

    def autograde(self, job: Job) -> None:
        from nbgrader.converters import Autograde
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        coursedir.assignment_id = job.assignment
        coursedir.student_id = job.participant
        converter = Autograde(coursedir=coursedir, config=self.config)
        converter.force = True
        converter.start()

    def read_back(self, job: Job) -> tuple[dict, dict]:
        """What nbgrader wrote for this submission: auto scores and auto comments by cell."""
        t = self.tables.tables
        a, sa, sn, cell = (
            t["assignment"],
            t["submitted_assignment"],
            t["submitted_notebook"],
            t["base_cell"],
        )
        found = {}
        with self.engine.connect() as db:
            for name, column in (("grade", "auto_score"), ("comment", "auto_comment")):
                table = t[name]
                query = (
                    select(cell.c.name, table.c[column])
                    .select_from(table)
                    .join(cell, cell.c.id == table.c.cell_id)
                    .join(sn, sn.c.id == table.c.notebook_id)
                    .join(sa, sa.c.id == sn.c.assignment_id)
                    .join(a, a.c.id == sa.c.assignment_id)
                    .where(a.c.name == job.assignment, sa.c.student_id == job.participant)
                )
                found[name] = {row[0]: row[1] for row in db.execute(query)}
        return found["grade"], found["comment"]

    def __call__(self, job: Job) -> GradedAttempt:
        submission = self.facts.read(job)
        digest = attempt_digest(job, submission.digest)
        facts, _, _ = self.facts.facts(job, submission)
        reasons = set(submission.reasons | facts.reasons)
        structure = self.structures.get(job.assignment)
        grades: dict = {}
        comments: dict = {}
        if structure is not None:
            self.stage(job, submission)
            try:
                self.autograde(job)
            except Exception:
                reasons.add("autograde_failed")
            grades, comments = self.read_back(job)
            if "autograde_failed" in reasons or not grades:
                reasons.add("autograde_failed")
                grades = {name: 0.0 for name in structure.grade_cells}
            tests = {n: v for n, v in grades.items() if n not in structure.solution_cells}
            correct = sum(v == structure.grade_cells[n][1] for n, v in tests.items() if v)
            points = sum(v or 0.0 for v in tests.values())
            if (correct, points) != (facts.correct, facts.points):
                reasons.add("engines_disagree")  # never expected: kept visible if it happens
            facts = type(facts)(**{**facts.__dict__, "correct": correct, "points": points})
        return GradedAttempt(
            job=job,
            digest=digest,
            engine=ENGINE,
            grades=grades,
            comments=comments,
            facts=facts,
            reasons=frozenset(reasons),
        )


def _failed(root: Path, structures: dict, job: Job, why: str) -> GradedAttempt:
    """The record of an attempt nbgrader could not grade in time: 0 points, reason kept."""
    grader = FastGrader(root, structures)
    submission = grader.read(job)
    facts, _, _ = grader.facts(job, submission)
    structure = structures.get(job.assignment)
    grades = {name: 0.0 for name in (structure.grade_cells if structure else {})}
    facts = type(facts)(**{**facts.__dict__, "correct": 0, "points": 0.0})
    return GradedAttempt(
        job=job,
        digest=attempt_digest(job, submission.digest),
        engine=ENGINE,
        grades=grades,
        comments={n: None for n in (structure.solution_cells if structure else {})},
        facts=facts,
        reasons=frozenset(submission.reasons | {why}),
    )


def nbgrader_results(
    root: Path,
    jobs: list[Job],
    structures: dict,
    done: dict,
    db_url: str,
    *,
    workers: int,
    timeout: float,
    report,
    bar=None,
    cell_timeout: int = CELL_TIMEOUT,
) -> Iterator[GradedAttempt]:
    """Grade ``jobs`` with nbgrader in ``workers`` processes; yields changed attempts."""
    reader = FastGrader(root, structures)
    changed = []
    for job in jobs:  # reading is cheap; only changed attempts start a kernel
        digest = attempt_digest(job, reader.read(job).digest)
        if done.get((job.assignment, job.participant)) == digest:
            report.skipped += 1
            if bar is not None:
                bar.update(1)
        else:
            changed.append(job)
    if not changed:
        return
    scratch = tempfile.TemporaryDirectory(prefix="dancoso-grade-")

    def setup():
        # Kernels are started with this interpreter's tools (jupyter, alembic) on PATH.
        os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]
        return NbgraderWorker(root, structures, db_url, cell_timeout, Path(scratch.name))

    pool = WorkerPool(workers=workers, setup=setup, timeout=timeout)
    with scratch:
        yield from _collect(pool.run(changed), root, structures, report, bar)


def _collect(outcomes, root, structures, report, bar) -> Iterator[GradedAttempt]:
    for job, outcome in outcomes:
        if bar is not None:
            bar.update(1)
        if outcome.ok:
            yield outcome.value
            continue
        why = "timeout" if outcome.error == "timeout" else "autograde_failed"
        report.failed.append((job.assignment, job.participant, outcome.error or why))
        yield _failed(root, structures, job, why)
