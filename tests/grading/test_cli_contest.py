"""`dancoso contest …` end to end: check, build, simulate, import, forget (short messages)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from contest_fixtures import BANK, BIN, QUIZ_FILES, SPEC


def dancoso(*arguments: str, cwd) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DANCOSO_LANG": "vi",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        [sys.executable, "-m", "dancoso.cli", *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_reports_file_and_line(tmp_path) -> None:
    good = dancoso("contest", "check", str(SPEC), "--bank", str(BANK), cwd=tmp_path)
    assert good.returncode == 0 and "hợp lệ" in good.stdout
    bad = dancoso(
        "contest",
        "check",
        str(QUIZ_FILES / "contests" / "bad-overlap.yaml"),
        "--bank",
        str(BANK),
        cwd=tmp_path,
    )
    assert bad.returncode == 1
    assert (
        "bad-overlap.yaml:25: lỗi: rounds[1].opens:" in bad.stderr and "Traceback" not in bad.stderr
    )


def test_help_has_examples(tmp_path) -> None:
    for command in ("build", "simulate", "import", "forget", "check"):
        result = dancoso("contest", command, "--help", cwd=tmp_path)
        assert result.returncode == 0 and "Ví dụ / example:" in result.stdout


@pytest.mark.slow
def test_build_simulate_forget(tmp_path) -> None:
    course = tmp_path / "course"
    built = dancoso(
        "contest",
        "build",
        str(SPEC),
        "--course-dir",
        str(course),
        "--bank",
        str(BANK),
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    assert "Đã tạo khoá nbgrader 'kiem-thu'" in built.stdout
    run = dancoso(
        "contest",
        "simulate",
        str(SPEC),
        "--course-dir",
        str(course),
        "--participants",
        "12",
        "--seed",
        "5",
        "--round",
        "vong-1",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert "Đã mô phỏng 12 người dự thi" in run.stdout
    from grading.course_layout import CourseLayout
    from grading.intake import Intake

    intake = Intake(course)
    pid = intake.people().ids()[0]
    gone = dancoso("contest", "forget", str(SPEC), "--course-dir", str(course), pid, cwd=tmp_path)
    assert gone.returncode == 0 and pid in gone.stdout
    assert intake.people().get(pid).fields is None and intake.ledger.attempts(participant=pid)
    again = dancoso("contest", "forget", str(SPEC), "--course-dir", str(course), pid, cwd=tmp_path)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    evil = dancoso(
        "contest", "forget", str(SPEC), "--course-dir", str(course), "../x", cwd=tmp_path
    )
    assert evil.returncode == 1 and "không hợp lệ" in evil.stderr
    demo = QUIZ_FILES.parents[2] / "quizzes" / "contests" / "demo.yaml"
    wrong = dancoso(
        "contest",
        "simulate",
        str(demo),
        "--course-dir",
        str(course),
        "--participants",
        "1",
        cwd=tmp_path,
    )
    assert wrong.returncode == 1 and "không phải" in wrong.stderr
    missing = dancoso(
        "contest",
        "import",
        str(SPEC),
        "--course-dir",
        str(tmp_path / "none"),
        "x.csv",
        cwd=tmp_path,
    )
    assert missing.returncode == 1 and "dancoso contest build" in missing.stderr
    assert CourseLayout.open(course).course_id == "kiem-thu"
