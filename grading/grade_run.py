"""``dancoso contest grade``: score every submitted attempt into nbgrader's gradebook.

    report = grade_contest(course_dir=Path("var/demo"), engine="fast", workers=2)

Steps, each safe to repeat and to interrupt (``kill -9`` included):

1. record what the inbound holds that the ledger missed
   (:func:`grading.reconcile.reconcile_inbound`);
2. plan one job per submitted official attempt (:mod:`grading.grade_plan`);
3. grade with the chosen engine — ``nbgrader`` (:mod:`grading.grade_nbgrader`: nbgrader's
   autograde with our preprocessors, in worker processes) or ``fast``
   (:mod:`grading.grade_fast`: the same verdicts without a kernel) — skipping attempts whose
   digest (submission bytes, papers, time, rules) is already in the gradebook;
4. write grades and state in batches, one transaction each (:mod:`grading.gradebook_writer`);
5. write ``results/attempts.parquet`` and ``responses.parquet`` (:mod:`grading.grade_results`).

``engine="auto"`` uses nbgrader for a handful of attempts and the fast engine beyond
:data:`AUTO_LIMIT`; both give identical grades (tests/grading/test_grade_engines.py). The fast
engine also leaves graded notebooks for formgrader (all of them, or beyond
:data:`NOTEBOOK_LIMIT` attempts only those a person must look at; see ``notebooks``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import clock
from .contest_store import load_frozen
from .course_layout import CourseLayout
from .grade_record import GradedAttempt, Job, attempt_digest
from .grade_workers import WorkerPool
from .gradebook_db import GradebookTables
from .gradebook_writer import GradebookWriter

__all__ = [
    "ENGINES",
    "NOTEBOOKS",
    "AUTO_LIMIT",
    "NOTEBOOK_LIMIT",
    "GradeReport",
    "grade_contest",
    "fast_results",
]

ENGINES = ("auto", "nbgrader", "fast")
NOTEBOOKS = ("auto", "all", "needed")
AUTO_LIMIT = 50  # attempts: beyond this, "auto" uses the fast engine
# Attempts: beyond this, the fast engine writes graded notebooks only where a person will look
# (essays to mark, flagged submissions); creating 100,000 folders and files costs more than
# grading them. ``notebooks="all"`` writes the rest, also for attempts graded earlier.
NOTEBOOK_LIMIT = 10_000
CHUNK = 250  # attempts per fast-engine job (a worker returns them together)
BATCH = 2000  # attempts per gradebook transaction


@dataclass
class GradeReport:
    engine: str
    planned: int = 0
    graded: int = 0
    skipped: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # assignment, student, why
    reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # plan, grade, results
    results: Path | None = None


def _needs_a_person(record: GradedAttempt) -> bool:
    """Formgrader is where a person looks: essays to mark, submissions with a reason."""
    return record.flagged or any(score is None for score in record.grades.values())


def _fast_chunk_handler(root: Path, structures: dict, done: dict, notebooks: str):
    def setup():
        from .grade_autograded import autograded_path, write_autograded
        from .grade_fast import FastGrader

        grader = FastGrader(root, structures)

        def handle(chunk: list[Job]) -> tuple[list[GradedAttempt], int]:
            graded, skipped = [], 0
            for job in chunk:
                submission = grader.read(job)
                key = (job.assignment, job.participant)
                unchanged = done.get(key) == attempt_digest(job, submission.digest)
                if unchanged:
                    skipped += 1
                    path = autograded_path(root, *reversed(key), job.notebook_name)
                    if notebooks != "all" or not job.in_gradebook or path.exists():
                        continue
                record = grader.grade(job, submission)
                wanted = notebooks == "all" or _needs_a_person(record)
                if wanted and job.in_gradebook:
                    write_autograded(root, grader, record, submission)
                if not unchanged:
                    graded.append(record)
            return graded, skipped

        return handle

    return setup


def fast_results(
    root: Path,
    jobs: list[Job],
    structures: dict,
    done: dict,
    *,
    workers: int,
    report: GradeReport,
    bar=None,
    notebooks: str = "all",
) -> Iterator[GradedAttempt]:
    """Grade ``jobs`` with the fast engine in ``workers`` processes; yields changed attempts."""
    setup = _fast_chunk_handler(root, structures, done, notebooks)
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    if workers <= 1:
        handle = setup()
        outcomes: Iterable = ((chunk, handle(chunk)) for chunk in chunks)
        outcomes = ((chunk, (True, value, None)) for chunk, value in outcomes)
    else:
        pool = WorkerPool(workers=workers, setup=setup, timeout=None)
        outcomes = ((c, (o.ok, o.value, o.error)) for c, o in pool.run(chunks))
    for chunk, (ok, value, error) in outcomes:
        if not ok:
            report.failed += [(j.assignment, j.participant, error or "") for j in chunk]
        else:
            graded, skipped = value
            report.skipped += skipped
            yield from graded
        if bar is not None:
            bar.update(len(chunk))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def grade_contest(
    *,
    course_dir: Path,
    rounds: Iterable[str] | None = None,
    engine: str = "auto",
    workers: int = 1,
    force: bool = False,
    progress: bool = False,
    timeout: float = 120.0,
    now: dt.datetime | None = None,
    write_results: bool = True,
    batch: int = BATCH,
    notebooks: str = "auto",
) -> GradeReport:
    """Grade every new or changed attempt; raises CourseNotBuilt, KeyError (unknown round)."""
    from .grade_plan import graded_digests, plan_jobs
    from .intake import Intake
    from .reconcile import reconcile_inbound

    started = time.perf_counter()
    layout = CourseLayout.open(course_dir)
    reconcile_inbound(Intake(layout.root))
    contest = load_frozen(layout.root)
    wanted = list(rounds) if rounds else None
    for round_id in wanted or []:
        contest.round(round_id)  # KeyError for an unknown round
    book = GradebookTables.open(layout.root)
    try:
        jobs = plan_jobs(layout, contest, rounds=wanted, book=book)
        done = {} if force else graded_digests(book)
        chosen = engine
        if engine == "auto":
            chosen = "nbgrader" if len(jobs) - len(done) <= AUTO_LIMIT else "fast"
        report = GradeReport(engine=chosen, planned=len(jobs))
        report.timings["plan"] = time.perf_counter() - started
        structures = {j.assignment: book.structure(j.assignment) for j in jobs}
        writer = GradebookWriter(book)
        bar = _bar(len(jobs), progress)
        if chosen == "fast":
            if notebooks == "auto":
                notebooks = "all" if len(jobs) - len(done) <= NOTEBOOK_LIMIT else "needed"
            records = fast_results(
                layout.root,
                jobs,
                structures,
                done,
                workers=workers,
                report=report,
                bar=bar,
                notebooks=notebooks,
            )
        elif chosen == "nbgrader":
            from .grade_nbgrader import nbgrader_results

            records = nbgrader_results(
                layout.root,
                jobs,
                structures,
                done,
                book.engine.url.render_as_string(False),
                workers=workers,
                timeout=timeout,
                report=report,
                bar=bar,
            )
        else:
            raise ValueError(f"unknown engine {engine!r}")
        moment = clock.in_vietnam(now or clock.now())
        for records_ in _batches(records, batch):
            writer.write(records_, now=moment)
            report.graded += len(records_)
            for record in records_:
                report.reasons.update(record.reasons)
        if bar is not None:
            bar.close()
        report.timings["grade"] = time.perf_counter() - started - report.timings["plan"]
        if write_results:
            from .grade_results import write_grade_results

            report.results = write_grade_results(layout, contest, book)
            report.timings["results"] = time.perf_counter() - started - sum(report.timings.values())
    finally:
        book.close()
    report.seconds = time.perf_counter() - started
    return report


def _bar(total: int, progress: bool):
    if not progress:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked
    return tqdm(total=total, desc="Chấm bài", unit="lượt", smoothing=0.1)
