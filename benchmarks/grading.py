"""Grading throughput: the fast engine on N attempts beside nbgrader's autograde on a sample.

Run: .venv/bin/python benchmarks/grading.py --attempts 2000 [--sample 60] [--workers 2]
     [--simulate 3000] [--seed 7] [--keep DIR] [--json]

1. Builds the demo contest (quizzes/contests/demo.yaml, the real bank: 20 questions a paper)
   in a temporary folder and fills it: up to ``--simulate`` attempts through
   ``grading.simulate`` (the real intake, people and all); beyond that, attempts are written
   in bulk the way the intake writes them (the same inbound files and ledger rows, without
   fsync and registrations), so that 100,000 attempts take minutes, not hours, to prepare.
2. Grades every attempt with the fast engine in a fresh process (wall time, peak RSS of that
   process and its workers) — ``dancoso contest grade --engine fast`` does exactly this.
3. Grades a random sample of the same attempts with the nbgrader engine (nbgrader's autograde,
   one kernel a paper, ``--workers`` processes) into a separate gradebook and compares the
   sample's grades with the fast engine's: per question, per comment, per submission.

With ``--json`` the last line is one JSON object: attempts, fast_attempts_per_s,
nbgrader_attempts_per_s, ratio, identical (and the timings behind them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This file is benchmarks/grading.py: run as a script, its folder comes first on sys.path and
# would shadow the `grading` package. The package is what we measure, so the folder goes.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from grading.contest_store import load_frozen  # noqa: E402
from grading.course_layout import CourseLayout  # noqa: E402
from grading.exchange_inbound import nbgrader_timestamp, submission_name  # noqa: E402
from quizzes.contest_spec import assignment_id  # noqa: E402
from quizzes.papers import shown_key  # noqa: E402

ROOT = HERE.parent
DEMO = ROOT / "quizzes" / "contests" / "demo.yaml"
FAST = """
import resource, sys
from pathlib import Path
from grading.grade_run import grade_contest
report = grade_contest(course_dir=Path(sys.argv[1]), engine="fast", workers=int(sys.argv[2]))
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print({k: round(v, 1) for k, v in report.timings.items()})
print(report.graded, len(report.failed), own, workers)
"""


def _bulk_chunk(arguments) -> list[tuple]:
    """Attempts ``start..stop`` written as the intake writes them; returns ledger rows."""
    root, start, stop, seed = arguments
    layout = CourseLayout.open(root)
    contest = load_frozen(root)
    rng = random.Random(f"{seed}-{start}")
    rows, index = [], start
    while index < stop:
        participant = f"ts-b{index:07d}"
        round_ = contest.spec.rounds[index % len(contest.spec.rounds)]
        notebook = (layout.release_dir / f"{round_.id}-lan-1" / f"{round_.id}.ipynb").read_bytes()
        questions = contest.questions(round_.id)
        skill = rng.uniform(0.3, 0.97)
        for number in range(1, min(stop - index, rng.choice([1, 1, 2, 3])) + 1):
            paper = contest.paper(participant, round_.id, number)
            answers = {}
            for slot in paper.slots:
                key = shown_key(questions[slot.question_id], slot)
                answers[str(slot.number)] = key if rng.random() < skill else rng.choice("ABCD")
            begun = round_.opens + dt.timedelta(minutes=rng.randrange(60, 40_000))
            moment = begun + dt.timedelta(seconds=rng.randrange(60, 1100))
            sheet = {
                "schema_version": 1,
                "round": round_.id,
                "attempt": number,
                "participant": participant,
                "answers": answers,
                "prediction": rng.randrange(100, 5000),
                "saved_at": moment.isoformat(),
            }
            assignment = assignment_id(round_.id, number)
            name = submission_name(participant, assignment, moment)
            folder = layout.inbound / name
            folder.mkdir(parents=True)
            (folder / f"{round_.id}.ipynb").write_bytes(notebook)
            (folder / "answers.json").write_text(json.dumps(sheet), encoding="utf-8")
            (folder / "timestamp.txt").write_text(nbgrader_timestamp(moment))
            deadline = begun + dt.timedelta(minutes=round_.paper.time_limit_minutes)
            rows.append((participant, round_.id, number, assignment, begun, deadline, moment, name))
            index += 1
    return rows


def bulk_attempts(root: Path, start: int, count: int, seed: int, workers: int) -> None:
    step = 2000
    chunks = [
        (root, i, min(i + step, start + count), seed) for i in range(start, start + count, step)
    ]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_bulk_chunk, chunks)
    iso = lambda moment: moment.isoformat(timespec="microseconds")  # noqa: E731
    with sqlite3.connect(CourseLayout.open(root).ledger_file) as db:
        db.executemany(
            "INSERT INTO attempts (participant, round, kind, number, assignment, started_at, "
            "deadline, submitted_at, location, name, source, flags) "
            "VALUES (?, ?, 'official', ?, ?, ?, ?, ?, 'inbound', ?, 'benchmark', '')",
            [
                (p, r, n, a, iso(s), iso(d), iso(m), name)
                for rows in results
                for p, r, n, a, s, d, m, name in rows
            ],
        )


def prepare(folder: Path, attempts: int, simulate_limit: int, seed: int, workers: int) -> Path:
    from grading.course_build import build_course
    from grading.intake import Intake
    from grading.simulate import simulate

    course = folder / "demo"
    build_course(spec_path=DEMO, course_dir=course)
    intake = Intake(course)
    official = lambda: len(intake.ledger.attempts(kind="official"))  # noqa: E731
    target = min(attempts, simulate_limit)
    while official() < target - 8:  # a simulated person takes about three attempts
        people = max(1, (target - official()) // 4)
        simulate(course_dir=course, participants=people, seed=seed + official(), progress=False)
    done = official()
    if attempts > done:
        bulk_attempts(course, done, attempts - done, seed, workers)
    return course


def grade_fast(course: Path, workers: int) -> tuple[float, float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", FAST, str(course), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    graded, failed, own, workers = map(int, lines[-1].split())
    if failed:
        raise SystemExit(f"the fast engine failed on {failed} attempts")
    print(f"fast engine stages (s): {lines[-2]}")
    return seconds, (own + workers) / 1024, graded  # parent + the largest worker, MB


def grade_sample(course: Path, size: int, workers: int, seed: int):
    """The nbgrader engine on a sample, into its own gradebook; compared with the fast one."""
    from grading.grade_nbgrader import nbgrader_results
    from grading.grade_plan import plan_jobs
    from grading.grade_run import GradeReport
    from grading.gradebook_db import GradebookTables
    from grading.gradebook_dump import canonical_dump
    from grading.gradebook_writer import GradebookWriter

    layout = CourseLayout.open(course)
    contest = load_frozen(course)
    fast = GradebookTables.open(course)
    copy = course / "contest" / "sample-gradebook.db"
    jobs = [j for j in plan_jobs(layout, contest, book=fast) if j.in_gradebook]
    sample = random.Random(seed).sample(jobs, min(size, len(jobs)))
    shutil.copy(course / "gradebook.db.pristine", copy)  # assignments and cells, no grades
    book = GradebookTables.open(db_url=f"sqlite:///{copy}")
    structures = {j.assignment: book.structure(j.assignment) for j in sample}
    report = GradeReport(engine="nbgrader")
    started = time.perf_counter()
    records = nbgrader_results(
        course,
        sample,
        structures,
        {},
        str(book.engine.url),
        workers=workers,
        timeout=300,
        report=report,
    )
    GradebookWriter(book).write(list(records), now=dt.datetime.now(dt.UTC))
    seconds = time.perf_counter() - started
    keys = {(j.assignment, j.participant) for j in sample}
    students = {j.participant for j in sample}
    mine = canonical_dump(book, students=students)
    theirs = canonical_dump(fast, students=students)
    identical = all(
        [r for r in mine[t] if (r[0], r[1]) in keys]
        == [r for r in theirs[t] if (r[0], r[1]) in keys]
        for t in ("submissions", "grades", "comments", "state")
    )
    return seconds, len(sample), identical and not report.failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=60, help="attempts graded by nbgrader")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--simulate", type=int, default=3000, help="attempts via grading.simulate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="dancoso-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        course = prepare(folder, options.attempts, options.simulate, options.seed, options.workers)
        db = course / "gradebook.db"
        shutil.copy(db, str(db) + ".pristine")  # assignments and cells, no grades yet
        prepared = time.perf_counter() - started
        fast_s, peak_mb, graded = grade_fast(course, options.workers)
        nb_s, sampled, identical = grade_sample(
            course, options.sample, options.workers, options.seed
        )
    finally:
        if options.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    figures = {
        "attempts": graded,
        "fast_seconds": round(fast_s, 2),
        "fast_attempts_per_s": round(graded / fast_s, 1),
        "nbgrader_sample": sampled,
        "nbgrader_seconds": round(nb_s, 2),
        "nbgrader_attempts_per_s": round(sampled / nb_s, 3),
        "ratio": round((graded / fast_s) / (sampled / nb_s), 1),
        "identical": identical,
        "fast_peak_rss_mb": round(peak_mb, 1),
        "workers": options.workers,
        "prepare_seconds": round(prepared, 1),
    }
    print(f"attempts graded (fast engine):   {graded}")
    print(f"fast engine:      {figures['fast_attempts_per_s']:>10} attempts/s  ({fast_s:.1f} s)")
    print(
        f"nbgrader engine:  {figures['nbgrader_attempts_per_s']:>10} attempts/s  ({nb_s:.1f} s "
        f"for a sample of {sampled})"
    )
    print(f"ratio:            {figures['ratio']:>10}×")
    print(f"peak memory (fast grading process + its largest worker): {peak_mb:.0f} MB")
    print(f"sample graded identically by both engines: {identical}")
    if options.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
