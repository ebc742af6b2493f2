"""The real course (courses/*.md): its self-checks name bank questions, and Voilà renders
every page with the real bank — no code, no error, no missing question."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import httpx
import pytest
from course_servers import assert_clean_page, run_async

from dancoso.prepare import COURSES_DIR, prepare_courses
from widgets.modules import read_module

SOURCES = sorted(p for p in COURSES_DIR.glob("*.md") if p.name.lower() != "readme.md")
if not SOURCES:
    pytest.skip("no course module yet", allow_module_level=True)


def calls(path: Path, name: str) -> list[ast.Call]:
    """``course.<name>(…)`` calls in the module's code cells."""
    import jupytext

    found = []
    for cell in jupytext.read(path).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
            ):
                found.append(node)
    return found


@pytest.fixture(scope="module")
def bank():
    from quizzes.bank import load_questions

    return load_questions()


def test_the_course_prepares_without_problems(tmp_path: Path) -> None:
    pages = prepare_courses(tmp_path, COURSES_DIR)
    assert pages.problems == []
    assert (tmp_path / "courses" / "index.ipynb").exists()


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_self_check_questions_exist_in_the_bank(source: Path, bank) -> None:
    info = read_module(source)
    assert info is not None, f"{source.name}: no dancoso: block in the front matter"
    if info.meta.is_home:
        return
    checks = calls(source, "self_check")
    assert checks, f"{source.name}: no course.self_check(…)"
    for call in checks:
        module, ids = (ast.literal_eval(arg) for arg in call.args[:2])
        assert module == info.module, f"{source.name}: self_check for {module!r}"
        missing = [qid for qid in ids if qid not in bank]
        assert missing == [], f"{source.name}: not in the bank: {missing}"
        assert 5 <= len(ids) <= 10, f"{source.name}: {len(ids)} questions (5–10 wanted)"
    headers = calls(source, "header")
    assert [ast.literal_eval(h.args[0]) for h in headers] == [info.module]


@pytest.mark.slow
def test_voila_renders_every_page_of_the_course(start_course_server) -> None:
    server = start_course_server(source=COURSES_DIR, bank=None, pool_size=0, module_pool_size=0)
    pages = sorted(p.name for p in (server.data_dir / "courses").glob("*.ipynb"))
    assert len(pages) == len(SOURCES) + 1  # + "Tiến độ của tôi"

    async def render_all() -> dict[str, str]:
        limit = asyncio.Semaphore(3)  # two cores: a few kernels at a time

        async def render(client: httpx.AsyncClient, page: str) -> tuple[str, str]:
            async with limit:
                response = await client.get(f"{server.url}/voila/render/{page}", timeout=300)
                assert response.status_code == 200, page
                return page, response.text

        async with httpx.AsyncClient() as client:
            return dict(await asyncio.gather(*(render(client, p) for p in pages)))

    for page, html in run_async(render_all).items():
        assert_clean_page(html)
        assert "application/vnd.jupyter.widget-view+json" in html, page
