"""Preparing the course for serving: notebooks with hidden code, titles, home pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from course_servers import FIXTURE_COURSE

from dancoso.prepare import prepare_courses


def notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_modules_become_notebooks_with_hidden_code(tmp_path: Path) -> None:
    pages = prepare_courses(tmp_path, FIXTURE_COURSE)
    assert [p.name for p in pages.modules] == ["01-gioi-thieu.ipynb", "02-chuong-1.ipynb"]
    assert [p.name for p in pages.pages] == ["index.ipynb", "tien-do-cua-toi.ipynb"]
    assert pages.problems == []
    for path in pages.notebooks:
        content = notebook(path)
        code = [c for c in content["cells"] if c["cell_type"] == "code"]
        assert code, path
        for cell in code:
            assert cell["metadata"]["jupyter"] == {"source_hidden": True}
            assert "remove-input" in cell["metadata"]["tags"]
            assert cell["outputs"] == []
    module = notebook(tmp_path / "courses" / "02-chuong-1.ipynb")
    assert module["metadata"]["title"] == "Chương I — Những quy định chung (bài mẫu)"
    assert module["metadata"]["dancoso"]["module"] == "m02"
    home = notebook(tmp_path / "courses" / "index.ipynb")
    assert "course.home()" in "".join(home["cells"][1]["source"])


def test_preparing_twice_changes_nothing(tmp_path: Path) -> None:
    first = prepare_courses(tmp_path, FIXTURE_COURSE)
    stamps = {p: p.stat().st_mtime_ns for p in first.notebooks}
    contents = {p: p.read_bytes() for p in first.notebooks}
    second = prepare_courses(tmp_path, FIXTURE_COURSE)
    assert {p: p.stat().st_mtime_ns for p in second.notebooks} == stamps
    assert {p: p.read_bytes() for p in second.notebooks} == contents


def test_no_course_yet_still_gives_a_home(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    pages = prepare_courses(tmp_path / "data", empty)
    assert pages.modules == [] and pages.problems == []
    assert sorted(p.name for p in (tmp_path / "data" / "courses").iterdir()) == [
        "index.ipynb",
        "tien-do-cua-toi.ipynb",
    ]


def test_removed_modules_disappear_and_problems_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE_COURSE, source)
    prepare_courses(tmp_path / "data", source)
    (source / "01-gioi-thieu.md").unlink()
    twin = (source / "02-chuong-1.md").read_text(encoding="utf-8")
    (source / "03-trung-ma.md").write_text(twin, encoding="utf-8")
    (source / "04-hong.md").write_text(
        twin.replace("minutes: 25", "minutes: nhiều"), encoding="utf-8"
    )
    (tmp_path / "data" / "courses" / "ghi-chu-rieng.ipynb").write_text("{}", encoding="utf-8")
    pages = prepare_courses(tmp_path / "data", source)
    names = sorted(p.name for p in (tmp_path / "data" / "courses").glob("*.ipynb"))
    assert "01-gioi-thieu.ipynb" not in names
    assert "ghi-chu-rieng.ipynb" in names, "files that are not ours are left alone"
    assert any("03-trung-ma.md" in p and "'m02'" in p for p in pages.problems), pages.problems
    assert any(p.startswith("04-hong.md: minutes") for p in pages.problems), pages.problems


def test_the_home_page_of_the_course_becomes_index(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE_COURSE, source)
    (source / "00-trang-chu.md").write_text(
        '---\ndancoso: {module: home, title: "Trang chủ khoá học", order: 0}\n'
        "kernelspec: {display_name: Python 3, language: python, name: python3}\n---\n\n"
        "# Khoá học\n\n```{code-cell} python\nfrom widgets import course; course.home()\n```\n",
        encoding="utf-8",
    )
    pages = prepare_courses(tmp_path / "data", source)
    courses = tmp_path / "data" / "courses"
    assert not (courses / "00-trang-chu.ipynb").exists()
    assert "# Khoá học" in "".join(notebook(courses / "index.ipynb")["cells"][0]["source"])
    assert [p.name for p in pages.modules] == ["01-gioi-thieu.ipynb", "02-chuong-1.ipynb"]
    assert pages.problems == []
