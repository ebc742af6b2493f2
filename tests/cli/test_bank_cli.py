"""`dancoso bank check|stats` as a person runs them: exit codes and exact messages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent.parent / "quizzes" / "files"


def dancoso(*arguments: str, cwd: Path, lang: str = "vi") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DANCOSO_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "dancoso.cli", *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_good_file_exits_0(tmp_path: Path) -> None:
    shutil.copy(FILES / "good.yaml", tmp_path)
    result = dancoso("bank", "check", "good.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Ngân hàng hợp lệ: 4 câu hỏi trong 1 tệp."


def test_check_bad_file_exits_1_with_exact_message(tmp_path: Path) -> None:
    shutil.copy(FILES / "bad-answer-not-option.yaml", tmp_path)
    result = dancoso("bank", "check", "bad-answer-not-option.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bad-answer-not-option.yaml:11: lỗi: [t-d4-k1-cu-tru] answer: đáp án E không nằm trong "
        "các phương án (chỉ có A–D).",
        "1 lỗi, 0 cảnh báo trong 1 tệp.",
    ]
    assert "Traceback" not in result.stderr


def test_english_locale(tmp_path: Path) -> None:
    shutil.copy(FILES / "bad-answer-not-option.yaml", tmp_path)
    result = dancoso("bank", "check", "bad-answer-not-option.yaml", cwd=tmp_path, lang="en")
    assert result.stderr.splitlines()[0] == (
        "bad-answer-not-option.yaml:11: error: [t-d4-k1-cu-tru] answer: answer E is not among "
        "the options (only A–D)."
    )


@pytest.mark.parametrize(
    "name",
    [
        "bad-legacy-encoding.yaml",
        "bad-yaml-syntax.yaml",
        "bad-empty.yaml",
        "bad-duplicate-key.yaml",
    ],
)
def test_broken_files_give_a_located_error_not_a_traceback(tmp_path: Path, name: str) -> None:
    shutil.copy(FILES / name, tmp_path)
    result = dancoso("bank", "check", name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{name}:")
    assert "Traceback" not in result.stderr


def test_missing_path(tmp_path: Path) -> None:
    result = dancoso("bank", "check", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "không có đường dẫn nowhere." in result.stderr


def test_fix_rewrites_bom_crlf_and_nfc_losslessly(tmp_path: Path) -> None:
    for name in ("bad-bom.yaml", "bad-crlf.yaml", "bad-not-nfc.yaml"):
        shutil.copy(FILES / name, tmp_path)
    assert dancoso("bank", "check", ".", cwd=tmp_path).returncode == 1
    result = dancoso("bank", "check", "--fix", ".", cwd=tmp_path)
    # The three files hold the same questions, so only duplicate errors may remain.
    remaining = {line.split(" ")[1] for line in result.stderr.splitlines()[:-1]}
    assert remaining == {"lỗi:"}
    assert all(code in result.stderr for code in ("trùng",))
    assert "BOM" not in result.stderr and "CRLF" not in result.stderr and "NFC" not in result.stderr
    good = (FILES / "good.yaml").read_bytes()
    for name in ("bad-bom.yaml", "bad-crlf.yaml", "bad-not-nfc.yaml"):
        assert (tmp_path / name).read_bytes() == good


def test_stats_json_keys(tmp_path: Path) -> None:
    shutil.copy(FILES / "good.yaml", tmp_path)
    result = dancoso("bank", "stats", "--json", "good.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert {"questions", "by_status", "by_type", "by_difficulty", "documents", "articles"} <= set(
        stats
    )
    assert stats["questions"] == 4
    assert stats["by_status"] == {"draft": 3, "reviewed": 1}
    assert stats["articles"] == {
        "luat-10-2022-qh15:4": 1,
        "luat-10-2022-qh15:6": 2,
        "nq-28-2024-travinh:measure-4": 1,
    }
    assert stats["reviewed_articles"] == {"luat-10-2022-qh15:4": 1}


def test_every_command_has_help_with_an_example(tmp_path: Path) -> None:
    commands = [
        [],
        ["bank"],
        ["bank", "check"],
        ["bank", "stats"],
        ["sources"],
        ["contest"],
        ["results"],
        ["serve"],
    ]
    for command in commands:
        result = dancoso(*command, "--help", cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        assert "Ví dụ / example:\n  dancoso" in result.stdout, command


def test_help_does_not_import_jupyter_or_pydantic(tmp_path: Path) -> None:
    # Start-up speed comes from lazy imports; this pins the property the benchmark measures.
    code = (
        "import sys\n"
        "from dancoso.cli import build_parser\n"
        "build_parser().format_help()\n"
        "heavy = [m for m in ('pydantic', 'nbformat', 'nbgrader', 'jupyter_server', 'yaml', 'pandas')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.strip() == "[]", result.stderr
