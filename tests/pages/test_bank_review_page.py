"""The bank review page in Voilà and in a real browser: a reviewer approves a question."""

from __future__ import annotations

import html
import shutil
import urllib.request
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, notebook_from_myst

FILES = ROOT / "tests" / "quizzes" / "files"


@pytest.fixture
def review_setup(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    bank = tmp_path / "bank"
    bank.mkdir()
    shutil.copy(FILES / "good.yaml", bank / "bank.yaml")
    notebook = notebook_from_myst(ROOT / "pages" / "bank-review.md", tmp_path / "pages")
    env = {"DANCOSO_BANK": str(bank), "DANCOSO_DATA": str(tmp_path / "data"), "DANCOSO_LANG": "vi"}
    return bank, notebook, env


@pytest.mark.slow
def test_review_page_renders_without_code_or_errors(voila_page, review_setup) -> None:
    _bank, notebook, env = review_setup
    url = voila_page(notebook, env)
    with urllib.request.urlopen(url, timeout=120) as response:
        page = html.unescape(response.read().decode("utf-8"))
    assert "<h1" in page and "Rà soát ngân hàng câu hỏi" in page
    assert "from widgets.review import" not in page  # no source code reaches the reader
    assert "Traceback" not in page and "application/vnd.jupyter.stderr" not in page


@pytest.mark.slow
@pytest.mark.browser
def test_reviewer_approves_a_question_in_the_browser(
    voila_page, browser_page, review_setup, tmp_path: Path
) -> None:
    bank, notebook, env = review_setup
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(voila_page(notebook, env), timeout=120_000)
    page.get_by_placeholder("Họ và tên").fill("Nguyễn Văn Luật", timeout=120_000)
    page.get_by_placeholder("Văn bản, điều, khoản làm căn cứ").fill("Điều 6 Luật 10/2022/QH15")
    page.get_by_role("button", name="Duyệt", exact=True).click()
    page.get_by_text("t-d6-so-nghia-vu đã duyệt").wait_for(timeout=60_000)
    page.screenshot(path=str(tmp_path / "review-approved.png"), full_page=True)
    data = yaml.safe_load((bank / "bank.yaml").read_text(encoding="utf-8"))
    approved = next(q for q in data["questions"] if q["id"] == "t-d6-so-nghia-vu")
    assert (approved["status"], approved["reviewed_by"]) == ("reviewed", "Nguyễn Văn Luật")
