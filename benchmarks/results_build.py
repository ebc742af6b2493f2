"""Timing of ``dancoso results build`` on a synthetic contest of 100,000 participants.

Run: .venv/bin/python benchmarks/results_build.py [--participants 100000] [--seed 7] [--json]
     [--keep DIR]

Target: the whole command — read the grader's Parquet files, rank every round and the contest,
prizes and collective prizes, statistics, item analysis of every counted attempt, prize
certificates, the public site with its SVG charts, and the organiser's results.xlsx and CSV
files — in ≤ 10 s for 100,000 participants.

The contest is ``quizzes/contests/demo.yaml`` (2 rounds of 20 questions, 3 attempts each, 15
units), built like ``dancoso contest build`` leaves it (spec and frozen question pools under
``contest/``), with every round closed. ``grading.results_sample`` draws 1–3 attempts per
person and round (75 % turnout, about 1 % flagged) and one response row per question: about
300,000 attempts and 6,000,000 responses. 1,000 people are registered in the private registry
(60 % consent to publication), so that names and certificates go through the real lookups.

The command is run as a fresh process (``python -m dancoso.cli``: imports included), three
times; the median is reported with the step timings (``--timings``) of that run, and beside it,
in the same run, the reference: a fresh process that only imports pandas and reads the two
Parquet files (the floor of any build that starts from them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# benchmarks/grading.py would shadow the grading package: drop this folder from the path.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "quizzes" / "contests" / "demo.yaml"
AFTER = "2027-02-01T09:00:00+07:00"


def prepare(folder: Path, participants: int, seed: int) -> dict:
    from grading.contest_store import freeze_contest
    from grading.course_layout import CourseLayout
    from grading.results_files import write_results
    from grading.results_sample import register_people, sample_frames
    from quizzes.contest_load import load_contest_spec, usable_questions

    for old in folder.iterdir():  # --keep DIR: start afresh, the files are regenerated
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    spec = load_contest_spec(SPEC)
    bank, _problems = usable_questions()
    layout = CourseLayout.create(folder / "course", spec.id)
    now = dt.datetime.fromisoformat(AFTER)
    freeze_contest(layout, spec, bank, attempts_by_round={}, now=now)
    began = time.perf_counter()
    frames = sample_frames(spec, participants, questions=bank, seed=seed)
    generated = time.perf_counter() - began
    write_results(layout.root, attempts=frames.attempts, responses=frames.responses)
    ids = list(dict.fromkeys(frames.attempts["participant_id"]))[:1000]
    register_people(layout.root, spec, ids, attempts=frames.attempts, seed=seed)
    sizes = {p.name: p.stat().st_size for p in (layout.root / "results").iterdir()}
    return {
        "course": layout.root,
        "attempts": len(frames.attempts),
        "responses": len(frames.responses),
        "generate_s": generated,
        "parquet_bytes": sizes,
    }


def run_build(course: Path, out: Path, data: Path) -> tuple[float, float, dict[str, float]]:
    """Wall-clock and CPU seconds (all processes of the command) and the step timings."""
    command = [sys.executable, "-m", "dancoso.cli", "results", "build", str(SPEC),
               "--course-dir", str(course), "--out", str(out), "--timings"]  # fmt: skip
    env = {**os.environ, "DANCOSO_DATA": str(data), "DANCOSO_NOW": AFTER, "DANCOSO_LANG": "vi"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    steps = {
        m[1].strip(): float(m[2])
        for m in re.finditer(r"^\s+(.+?)\s+([\d.]+) s$", done.stderr, re.M)
    }
    return wall, cpu, steps


def run_reference(course: Path) -> float:
    """Wall seconds of a fresh process that reads both Parquet files with pandas."""
    folder = course / "results"
    code = (
        "import pandas as pd; "
        f"pd.read_parquet({str(folder / 'responses.parquet')!r}); "
        f"pd.read_parquet({str(folder / 'attempts.parquet')!r})"
    )
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dancoso-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        prepared = prepare(folder, args.participants, args.seed)
        runs, references = [], []
        for number in range(args.repeat):
            references.append(run_reference(prepared["course"]))
            runs.append(run_build(prepared["course"], folder / f"site-{number}", folder / "data"))
        reference = statistics.median(references)
        walls = [wall for wall, _cpu, _steps in runs]
        median = statistics.median(walls)
        _wall, cpu, steps = runs[walls.index(median)]
        site = folder / "site-0"
        site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        xlsx = (folder / "site-0-organiser" / "results.xlsx").stat().st_size

    report = {
        "participants": args.participants,
        "attempts": prepared["attempts"],
        "responses": prepared["responses"],
        "command_seconds": [round(w, 2) for w in walls],
        "median_seconds": round(median, 2),
        "cpu_seconds_of_median_run": round(cpu, 2),
        "reference_read_parquet_seconds": round(reference, 2),
        "ratio_to_reference": round(median / reference, 1),
        "target_seconds": 10,
        "steps_of_median_run": {k: round(v, 2) for k, v in steps.items()},
        "site_bytes": site_bytes,
        "xlsx_bytes": xlsx,
        "parquet_bytes": prepared["parquet_bytes"],
        "load_average": os.getloadavg()[0],
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print(
        f"{args.participants:,} participants, {prepared['attempts']:,} attempts, "
        f"{prepared['responses']:,} responses"
    )
    print(f"  dancoso results build: {', '.join(f'{w:.2f}' for w in walls)} s "
          f"(median {median:.2f} s; target ≤ 10 s); CPU {cpu:.2f} s over both cores")  # fmt: skip
    print(f"  reference (fresh process reading both Parquet files): {reference:.2f} s; "
          f"ratio {median / reference:.1f}×")  # fmt: skip
    for name, seconds in steps.items():
        print(f"    {name:<36} {seconds:6.2f} s")
    print(f"  public site {site_bytes / 1e6:.1f} MB, results.xlsx {xlsx / 1e6:.1f} MB; "
          f"load average {report['load_average']:.1f} on {os.cpu_count()} cores")  # fmt: skip


if __name__ == "__main__":
    main()
