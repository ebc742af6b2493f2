"""Helpers of the grading tests: populated courses, hostile submissions, clones, one graded pair.

The expensive thing — a course with simulated and hostile attempts graded by both engines — is
built once per test session (:func:`graded_pair`) and shared by the modules that read it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from contest_fixtures import at, build

from grading.intake import Intake
from quizzes.papers import shown_key

HOSTILE = Path(__file__).parent / "files" / "hostile"
_CACHE: dict[str, object] = {}


def clone_course(source: Path, target: Path) -> Path:
    """A copy of a built course that points at itself (config and layout hold absolute paths)."""
    shutil.copytree(source, target, symlinks=True)
    for relative in ("nbgrader_config.py", "contest/layout.json"):
        path = target / relative
        text = path.read_text(encoding="utf-8").replace(str(source), str(target))
        path.write_text(text, encoding="utf-8")
    return target


def populate(course: Path, participants: int, seed: int):
    from grading.simulate import simulate

    return simulate(course_dir=course, participants=participants, seed=seed, progress=False)


def perfect_answers(contest, participant: str, round_id: str = "vong-1", number: int = 1) -> dict:
    paper = contest.paper(participant, round_id, number)
    questions = contest.questions(round_id)
    keys = {str(s.number): shown_key(questions[s.question_id], s) for s in paper.slots}
    return {number: key for number, key in keys.items() if key != []}  # essays have no key


def hostile_cases() -> list[dict]:
    return json.loads((HOSTILE / "cases.json").read_text(encoding="utf-8"))["cases"]


def _edit_notebook(path: Path, edits: list[dict], markers: Path, name: str) -> None:
    for edit in edits:
        if "replace" in edit:
            path.write_bytes((HOSTILE / edit["replace"]).read_bytes())
            return
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = notebook["cells"]

    def position(grade_id: str) -> int:
        return next(
            i
            for i, c in enumerate(cells)
            if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id
        )

    for edit in edits:
        if "append_cell" in edit:
            source = (HOSTILE / edit["append_cell"]).read_text(encoding="utf-8")
            cell = {
                "cell_type": "code",
                "execution_count": 1,
                "id": f"them-{len(cells)}",
                "metadata": {},
                "outputs": [],
                "source": source.replace("{marker}", str(markers / name)),
            }
            if edit.get("output_chars"):
                text = "x" * edit["output_chars"] + "\n"
                cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": text}]
            cells.append(cell)
        elif "delete" in edit:
            del cells[position(edit["delete"])]
        elif "edit" in edit:
            cell = cells[position(edit["edit"])]
            cell["source"] = edit["source"]
            cell["metadata"]["nbgrader"]["points"] = edit["points"]
        elif "duplicate" in edit:
            index = position(edit["duplicate"])
            cells.insert(index + 1, json.loads(json.dumps(cells[index])))  # same ids (#1083)
    path.write_text(json.dumps(notebook), encoding="utf-8")


def add_hostile(course: Path, markers: Path) -> dict[str, str]:
    """Submit every case of files/hostile/cases.json in round vong-1; ``{case: participant}``."""
    markers.mkdir(parents=True, exist_ok=True)
    intake = Intake(course)
    contest = intake.contest
    outside = markers.parent / "outside"
    outside.mkdir(exist_ok=True)
    people = {}
    for index, case in enumerate(hostile_cases()):
        participant = f"ts-hostile-{index:02d}"
        people[case["name"]] = participant
        intake.start(participant, "vong-1", now=at(10, 9, index))
        kind = case["answers"]
        perfect = perfect_answers(contest, participant)
        raw = None
        if kind.endswith(".json") or kind.endswith(".bin"):
            raw = (HOSTILE / kind).read_bytes()
        answers = {} if kind == "blank" else perfect
        if kind == "perfect+unknown":
            answers = {**perfect, "150": "A"}
        receipt = intake.submit(
            participant,
            "vong-1",
            1,
            answers=None if raw else answers,
            prediction=None if raw else 12,
            raw_answers=raw,
            now=at(10, 9 + 1, index),
        )
        folder = receipt.path
        target = folder / "answers.json"
        if kind == "missing":
            target.unlink()
        elif kind.startswith("generated:"):
            with open(target, "wb") as handle:  # sparse: 100 MB on paper, nothing on disk
                handle.truncate(int(kind.split(":")[1]))
        elif kind == "symlink-outside":
            stolen = outside / f"{participant}-answers.json"
            stolen.write_text(json.dumps({**json.loads(target.read_text()), "answers": perfect}))
            target.unlink()
            os.symlink(stolen, target)
        _edit_notebook(folder / "vong-1.ipynb", case["notebook"], markers, case["name"])
    return people


@dataclass
class GradedPair:
    """One population graded twice: by nbgrader (``nbgrader``) and by the fast engine."""

    base: Path
    clean_fast: Path  # the same course before the hostile cases, graded fast
    nbgrader: Path
    fast: Path
    markers: Path
    hostile: dict[str, str]
    reports: dict[str, object] = field(default_factory=dict)


def graded_pair(factory) -> GradedPair:
    """Built once per session: 34 simulated people plus the hostile cases (≥ 100 attempts)."""
    if "pair" in _CACHE:
        return _CACHE["pair"]
    from grading.grade_run import grade_contest

    base = factory.mktemp("graded-pair")
    course = base / "kiem-thu"
    build(course)
    populate(course, participants=34, seed=11)
    clean_fast = clone_course(course, base / "clean-fast")
    markers = base / "markers"
    hostile = add_hostile(course, markers)
    pair = GradedPair(
        base=base,
        clean_fast=clean_fast,
        nbgrader=clone_course(course, base / "nbgrader"),
        fast=clone_course(course, base / "fast"),
        markers=markers,
        hostile=hostile,
    )
    pair.reports["clean"] = grade_contest(course_dir=clean_fast, engine="fast")
    pair.reports["nbgrader"] = grade_contest(
        course_dir=pair.nbgrader, engine="nbgrader", workers=2, timeout=180
    )
    pair.reports["fast"] = grade_contest(course_dir=pair.fast, engine="fast", workers=2)
    _CACHE["pair"] = pair
    return pair
