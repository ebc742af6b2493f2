"""The project's environment as installed by `make test`: packaging, extensions, lint."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_packages_are_declared_explicitly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "dancoso"
    assert project["project"]["requires-python"] == ">=3.11"
    packages = set(project["tool"]["setuptools"]["packages"])
    assert {"quizzes", "widgets", "grading"} <= packages
    floors = " ".join(project["project"]["dependencies"])
    for floor in ("nbgrader>=0.9.6", "voila>=0.5.6", "jupyterlab>=4.3,<5", "ipywidgets>=8.1"):
        assert floor in floors


def test_top_level_layout() -> None:
    for entry in (
        "courses",
        "quizzes",
        "grading",
        "widgets",
        "tests",
        "binder",
        "benchmarks",
        "pyproject.toml",
        "README.md",
        "Makefile",
        ".ci/run",
    ):
        assert (ROOT / entry).exists(), entry


def test_readme_gives_exactly_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Hai lệnh / The two commands", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_broken_jupyterlab_extension() -> None:
    result = subprocess.run(
        [str(BIN / "jupyter"), "labextension", "list"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    listing = result.stdout + result.stderr
    assert result.returncode == 0, listing
    assert "@jupyter/nbgrader" in listing and "@jupyter-widgets/jupyterlab-manager" in listing
    for marker in ("X ", "disabled", "is not compatible", "error", "Uninstalled core extensions"):
        assert marker not in listing.replace("\x1b", " "), listing


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(BIN)) or shutil.which("ruff")
    assert ruff, "ruff is installed by the test extra"
    check = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    style = subprocess.run(
        [ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert style.returncode == 0, style.stdout
