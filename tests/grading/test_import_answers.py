"""Importing answers gathered elsewhere: CSV rows and nbgrader zip-collect archives."""

from __future__ import annotations

import json
import zipfile

import pytest
from contest_fixtures import at

from grading.import_answers import import_answers
from grading.intake import Intake
from grading.paper_check import score_attempt
from quizzes.papers import shown_key

pytestmark = pytest.mark.slow


def key_letters(intake: Intake, pid: str, number: int) -> list[str]:
    contest = intake.contest
    paper = contest.paper(pid, "vong-1", number)
    questions = contest.questions("vong-1")
    keys = [shown_key(questions[s.question_id], s) for s in paper.slots]
    return [";".join(k) if isinstance(k, list) else k for k in keys]


def test_csv_rows_become_attempts_and_bad_rows_are_reported(course, tmp_path) -> None:
    intake = Intake(course)
    perfect = key_letters(intake, "ts-csv00001", 1)
    header = "participant,round,attempt,started_at,submitted_at,prediction," + ",".join(
        map(str, range(1, 11))
    )
    rows = [
        header,
        "ts-csv00001,vong-1,1,05/11/2026 09:00:00,05/11/2026 09:07:30,120," + ",".join(perfect),
        "ts-csv00002,vong-1,,,2026-11-05T10:00:00+07:00,,A,B",
        "../../etc,vong-1,1,,05/11/2026 09:00,,A",
        "ts-csv00003,vong-7,1,,05/11/2026 09:00,,A",
        "ts-csv00004,vong-1,1,,not a time,,A",
        "ts-csv00001,vong-1,1,,05/11/2026 09:09:00,,A",
    ]
    source = tmp_path / "bai-lam.csv"
    source.write_bytes(("\ufeff" + "\n".join(rows) + "\n").encode("utf-8"))
    report = import_answers(course_dir=course, source=source)
    assert (report.read, report.recorded, report.resubmissions) == (6, 3, 1)
    assert [e.split(": ", 1)[0].rsplit(":", 1)[1] for e in report.errors] == ["4", "5", "6"]
    assert "không hợp lệ" in report.errors[0]
    first = intake.ledger.get("ts-csv00001", "vong-1", 1)
    assert first.started_at == at(5, 9) and first.duration.total_seconds() == 450
    assert first.flags == {"unregistered"}  # imported people need not be registered here
    data = (intake.layout.inbound / first.name / "answers.json").read_bytes()
    assert score_attempt(intake.contest, "ts-csv00001", "vong-1", 1, data).correct == 10
    second = intake.ledger.get("ts-csv00002", "vong-1", 1)
    assert "no_start_time" in second.flags and second.submitted_at == at(5, 10)
    assert not list(course.rglob("etc"))


def test_zip_collect_archive(course, tmp_path) -> None:
    archive = tmp_path / "downloaded.zip"
    sheet = {
        "schema_version": 1,
        "round": "vong-1",
        "attempt": 2,
        "participant": "ts-zip00001",
        "answers": {"1": "A"},
        "prediction": 9,
    }
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr(
            "vong-1-lan-2/archive/vong-1-lan-2_ts-zip00001_attempt_2026-11-06-08-30-00_answers.json",
            json.dumps(sheet),
        )
        handle.writestr(
            "vong-1-lan-2/archive/vong-1-lan-2_ts-zip00001_attempt_2026-11-06-08-30-00_vong-1.ipynb",
            "{}",
        )
        handle.writestr(
            "../../vong-1-lan-1_ts-zip00002_attempt_2026-11-06-08-30-00_answers.json", "{}"
        )
        handle.writestr("vong-9_ts-zip00003_attempt_2026-11-06-08-30-00_answers.json", "{}")
    report = import_answers(course_dir=course, source=archive)
    assert (report.read, report.recorded) == (3, 2) and len(report.errors) == 1
    intake = Intake(course)
    imported = intake.ledger.get("ts-zip00001", "vong-1", 2)
    assert imported.submitted_at == at(6, 8, 30) and imported.assignment == "vong-1-lan-2"
    assert "no_start_time" in imported.flags
    broken = intake.ledger.get("ts-zip00002", "vong-1", 1)
    assert "malformed_answers" in broken.flags  # '{}' is kept, flagged, and scores 0
    assert not (
        tmp_path.parent / "vong-1-lan-1_ts-zip00002_attempt_2026-11-06-08-30-00_answers.json"
    ).exists()
