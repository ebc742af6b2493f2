"""Module metadata: the ``dancoso:`` front-matter block, read from .md and prepared .ipynb."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets import ModuleMetadataError, list_modules, read_module

FRONT = """---
jupytext:
  text_representation: {{extension: .md, format_name: myst}}
kernelspec: {{display_name: Python 3, language: python, name: python3}}
{block}
---

# Bài
"""


def write(path: Path, block: str) -> Path:
    path.write_text(FRONT.format(block=block), encoding="utf-8")
    return path


def test_read_from_markdown_and_notebook(tmp_path: Path, courses_dir: Path) -> None:
    source = write(
        tmp_path / "03-muc-1.md",
        'dancoso: {module: m03, title: "Công khai thông tin", minutes: 20, order: 3}',
    )
    info = read_module(source)
    assert (info.module, info.title, info.meta.minutes, info.notebook) == (
        "m03",
        "Công khai thông tin",
        20,
        "03-muc-1.ipynb",
    )
    prepared = read_module(courses_dir / "02-chuong-1.ipynb")
    assert prepared.module == "m02" and prepared.meta.order == 2


def test_course_order_and_pages_without_a_block(courses_dir: Path) -> None:
    modules = list_modules(courses_dir)
    assert [m.notebook for m in modules] == ["01-gioi-thieu.ipynb", "02-chuong-1.ipynb"]
    assert read_module(courses_dir / "index.ipynb") is None  # the home is not a module


@pytest.mark.parametrize(
    ("block", "field"),
    [
        ("dancoso: {module: M 02, title: x, minutes: 5, order: 1}", "module"),
        ("dancoso: {module: m02, title: x, minutes: 0, order: 1}", "minutes"),
        ("dancoso: {module: m02, minutes: 5, order: 1}", "title"),
        ("dancoso: {module: m02, title: x, minutes: 5, order: 1, author: y}", "author"),
    ],
    ids=["bad-id", "zero-minutes", "no-title", "unknown-field"],
)
def test_a_broken_block_names_file_and_field(tmp_path: Path, block: str, field: str) -> None:
    path = write(tmp_path / "bad.md", block)
    with pytest.raises(ModuleMetadataError) as caught:
        read_module(path)
    assert str(path) in str(caught.value) and field in caught.value.detail


def test_listing_skips_a_broken_notebook(tmp_path: Path, courses_dir: Path) -> None:
    broken = json.loads((courses_dir / "02-chuong-1.ipynb").read_text(encoding="utf-8"))
    broken["metadata"]["dancoso"]["minutes"] = "nhiều"
    (courses_dir / "02-chuong-1.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    (courses_dir / "rac.ipynb").write_text("{", encoding="utf-8")
    assert [m.module for m in list_modules(courses_dir)] == ["m01"]


def test_home_is_a_page_not_a_module(tmp_path: Path) -> None:
    home = read_module(
        write(tmp_path / "00-trang-chu.md", 'dancoso: {module: home, title: "Trang chủ"}')
    )
    assert home.meta.is_home and home.meta.minutes is None
    with pytest.raises(ModuleMetadataError, match="minutes"):
        read_module(write(tmp_path / "m.md", "dancoso: {module: m05, title: x, order: 5}"))
