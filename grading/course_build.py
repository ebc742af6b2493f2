"""``dancoso contest build``: turn a contest spec into an nbgrader course, or update it.

    report = build_course(spec_path=Path("quizzes/contests/demo.yaml"), course_dir=Path("var/demo"))

Steps, each safe to repeat:

1. load the bank (faulty questions left out, reported) and the spec, checked against it;
2. lay out the course directory (:mod:`grading.course_layout`), write ``nbgrader_config.py``
   once (SQLite gradebook in the course by default; edit ``db_url`` for PostgreSQL — a rebuild
   keeps the file);
3. freeze each round's question pool (kept on later builds, see :mod:`grading.contest_store`);
4. write ``source/<round>-lan-<n>/<round>.ipynb`` for every attempt of every round;
5. put the assignments (due date = the round's closing time) and the registered participants
   (ids only — never personal data) into nbgrader's gradebook;
6. seal the own paper of every attempt of every student the organiser added with nbgrader's
   tools (not the contest page's registrants) into ``papers/`` beside the notebook
   (:mod:`grading.lab_papers`), for the JupyterLab way in;
7. run nbgrader's ``generate_assignment`` and ``release_assignment`` in-process, so the
   release holds no hidden test and JupyterLab users can fetch the papers.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from quizzes.bank import BANK_DIR
from quizzes.contest_load import load_contest_spec, usable_questions

from . import clock
from .attempts import AttemptLedger
from .contest_store import freeze_contest, load_frozen
from .course_layout import CourseLayout
from .lab_papers import LabReport, seal_lab_papers
from .paper_notebook import ESSAY_STUB, paper_notebook
from .registry_people import PeopleRegistry

__all__ = ["BuildError", "BuildReport", "build_course", "nbgrader_api", "NBGRADER_CONFIG"]

NBGRADER_CONFIG = """\
# nbgrader configuration of contest {course_id!r}, written by `dancoso contest build`.
# Edit freely (for example db_url, to put the gradebook on PostgreSQL): rebuilds keep this file.
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = {db_url!r}
c.Exchange.root = {exchange!r}
# Submissions are written by the contest server's account, not by one Unix account per
# participant, so nbgrader's owner check would warn about every one of them.
c.ExchangeCollect.check_owner = False
# Autograde (formgrader's button and `nbgrader autograde` too) with dancoso's preprocessors:
# cells a participant added or altered never run. `dancoso contest grade` also stages each
# submission as data (no links followed) before nbgrader sees it: prefer it.
try:
    from grading.preprocessors import autograde_preprocessors, sanitize_preprocessors
except ImportError:  # nbgrader run outside dancoso's environment: the stock pipeline
    pass
else:
    c.Autograde.sanitize_preprocessors = sanitize_preprocessors()
    c.Autograde.autograde_preprocessors = autograde_preprocessors()
# An essay is written in the answer sheet: its released answer cell says so.
c.ClearSolutions.text_stub = {essay_stub!r}
"""


class BuildError(RuntimeError):
    """nbgrader refused a step; the message carries its log."""


@dataclass
class BuildReport:
    layout: CourseLayout
    pools: dict[str, str]
    pool_sizes: dict[str, int]
    assignments: list[str]
    students: int
    bank_warnings: list[str] = field(default_factory=list)
    lab: LabReport | None = None


def _tools_on_path() -> None:
    # nbgrader runs the `alembic` command when it creates a gradebook; it lives beside this
    # interpreter, which is not on PATH when the venv is not activated (.venv/bin/dancoso …).
    here = str(Path(sys.executable).parent)
    if shutil.which("alembic") is None and here not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = here + os.pathsep + os.environ.get("PATH", "")


def nbgrader_api(layout: CourseLayout):
    """An in-process ``NbGraderAPI`` for the course (imports nbgrader: ~5 s the first time)."""
    _tools_on_path()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(layout.config_file.name, path=str(layout.root)).load_config()
    config.ExchangeReleaseAssignment.force = True
    config.ClearSolutions.text_stub = ESSAY_STUB
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def _check(result: dict, step: str) -> None:
    if not result.get("success"):
        raise BuildError(
            f"nbgrader {step} failed:\n{result.get('log', '')}\n{result.get('error', '')}"
        )


def build_course(
    *,
    spec_path: Path,
    course_dir: Path,
    bank_paths: Iterable[Path] = (BANK_DIR,),
    db_url: str | None = None,
    exchange: Path | None = None,
    refreeze: Iterable[str] = (),
    now: dt.datetime | None = None,
) -> BuildReport:
    """Create or update the course; raises ContentError (spec/bank), PaperChanged, BuildError."""
    moment = clock.in_vietnam(now or clock.now())
    bank, bank_problems = usable_questions(list(bank_paths))
    spec = load_contest_spec(Path(spec_path), bank=bank)
    course_dir = Path(course_dir).resolve()
    try:
        layout = CourseLayout.open(course_dir)
        if layout.course_id != spec.id:
            raise BuildError(f"{course_dir} holds contest {layout.course_id!r}, not {spec.id!r}")
        layout = CourseLayout.create(course_dir, spec.id, exchange or layout.exchange)
    except FileNotFoundError:
        layout = CourseLayout.create(course_dir, spec.id, exchange)
    if not layout.config_file.exists():
        layout.config_file.write_text(
            NBGRADER_CONFIG.format(
                course_id=spec.id,
                root=str(layout.root),
                db_url=db_url or f"sqlite:///{layout.root / 'gradebook.db'}",
                exchange=str(layout.exchange),
                essay_stub=ESSAY_STUB,
            ),
            encoding="utf-8",
        )
    pools = freeze_contest(
        layout,
        spec,
        bank,
        attempts_by_round=_attempts_by_round(layout),
        refreeze=frozenset(refreeze),
        now=moment,
    )
    assignments = []
    for round_ in spec.rounds:
        text = nbformat.writes(paper_notebook(spec, round_))
        for assignment in round_.assignment_ids():
            folder = layout.source_dir / assignment
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / layout.notebook_name(round_.id)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            assignments.append(assignment)
    people = PeopleRegistry(layout.people_file, spec)
    students = people.ids()
    frozen = load_frozen(layout.root)
    roster = _gradebook_roster(layout, spec, assignments, students)
    # The JupyterLab way in is for Jupyter accounts the organiser added to nbgrader; people
    # who registered on the contest page take it there (their ids are not account names).
    lab = seal_lab_papers(layout, frozen, sorted(set(roster) - set(students)))
    _generate_and_release(layout, assignments)
    warnings = [p.render() for p in bank_problems if p.severity == "error"]
    return BuildReport(
        layout=layout,
        pools=pools,
        pool_sizes={r: len(q) for r, q in frozen.pools.items()},
        assignments=assignments,
        students=len(roster),
        bank_warnings=warnings,
        lab=lab,
    )


def _attempts_by_round(layout: CourseLayout) -> dict[str, int]:
    """Attempts per round, from the ledger and the inbound (after recording any submission
    the ledger missed: JupyterLab's ``nbgrader submit``, or a crash before recording)."""
    ledger = AttemptLedger(layout.ledger_file)
    if not layout.spec_file.exists():
        return ledger.counts_by_round()
    from .intake import Intake
    from .reconcile import inbound_counts, reconcile_inbound

    intake = Intake(layout.root)
    reconcile_inbound(intake)
    counts = Counter(ledger.counts_by_round())
    return dict(counts | inbound_counts(intake))


def _gradebook_roster(
    layout: CourseLayout, spec, assignments: list[str], students: list[str]
) -> list[str]:
    """Put the assignments and the registered participants into nbgrader's gradebook and
    return every student it knows: those registered on the contest page and those the
    organiser added with nbgrader's own tools (``nbgrader db student add|import``)."""
    from nbgrader.api import Gradebook

    api = nbgrader_api(layout)
    closes = {a: r.closes for r in spec.rounds for a in r.assignment_ids()}
    with Gradebook(api.coursedir.db_url, course_id=layout.course_id) as gradebook:
        for assignment in assignments:
            due = closes[assignment].astimezone(dt.UTC).replace(tzinfo=None)
            gradebook.update_or_create_assignment(assignment, duedate=due)
        known = {s.id for s in gradebook.students}
        for student in students:
            if student not in known:
                gradebook.update_or_create_student(student)
        return sorted(known | set(students))


def _generate_and_release(layout: CourseLayout, assignments: list[str]) -> None:
    api = nbgrader_api(layout)
    for assignment in assignments:
        _check(api.generate_assignment(assignment, force=True, create=True), "generate_assignment")
        _check(api.release_assignment(assignment), "release_assignment")


def sync_students(layout: CourseLayout, students: Iterable[str]) -> int:
    """Add participants (ids only) to the gradebook; returns how many were new."""
    from nbgrader.api import Gradebook

    api = nbgrader_api(layout)
    added = 0
    with Gradebook(api.coursedir.db_url, course_id=layout.course_id) as gradebook:
        known = {s.id for s in gradebook.students}
        for student in students:
            if student not in known:
                gradebook.update_or_create_student(student)
                added += 1
    return added
