"""The Binder configuration installs what pyproject.toml declares and opens the course."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path


def canonical(requirement: str) -> tuple[str, str]:
    name, _, spec = re.match(r"^([A-Za-z0-9._-]+)(.*)$", requirement.strip()).group(1, 0, 2)
    return re.sub(r"[-_.]+", "-", name).lower(), "".join(sorted(spec.replace(" ", "").split(",")))


def test_binder_requirements_match_pyproject(project_root: Path) -> None:
    declared = tomllib.loads((project_root / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = {canonical(r) for r in declared["project"]["dependencies"]}
    lines = (project_root / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pinned = {canonical(line) for line in lines if line.strip() and not line.startswith("#")}
    assert pinned == wanted, (
        "binder/requirements.txt and pyproject.toml disagree; copy [project].dependencies "
        f"into binder/requirements.txt. Missing: {sorted(wanted - pinned)}, "
        f"extra: {sorted(pinned - wanted)}"
    )


def test_binder_installs_the_project_and_opens_the_course(project_root: Path) -> None:
    binder = project_root / "binder"
    post_build = (binder / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps" in post_build
    assert 'dancoso serve --data-dir "$HOME/var" --prepare-only' in post_build
    assert "/lab/tree/var/courses/index.ipynb" in post_build
    assert 'DANCOSO_DATA="$HOME/var"' in (binder / "start").read_text(encoding="utf-8")
    for script in ("postBuild", "start"):
        assert os.access(binder / script, os.X_OK), f"binder/{script} must be executable"
