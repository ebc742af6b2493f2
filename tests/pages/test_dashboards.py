"""The organiser and trainer dashboards in Voilà and in a real browser (1280 px and 390 px)."""

from __future__ import annotations

import datetime as dt
import html
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, notebook_from_myst

DEMO = ROOT / "quizzes" / "contests" / "demo.yaml"
PAGES = {
    "organiser": ("organiser-dashboard.md", "Theo dõi cuộc thi", "Lượt dự thi theo ngày"),
    "trainer": ("trainer-dashboard.md", "Theo dõi học tập", "Tiến độ học tập"),
}


@pytest.fixture(scope="module")
def dashboard_data(tmp_path_factory) -> dict[str, str]:
    """A data directory with a graded demo contest, a registry, course progress and a roster."""
    from grading.results_build import contest_questions
    from grading.results_files import write_results
    from grading.results_sample import register_people, sample_frames, sample_progress
    from quizzes.contest_load import load_contest_spec

    root = tmp_path_factory.mktemp("dashboards")
    spec = load_contest_spec(DEMO)
    course = root / "data" / "demo"
    until = dt.datetime(2026, 12, 28, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    frames = sample_frames(spec, 250, questions=contest_questions(course), seed=3, until=until)
    write_results(course, attempts=frames.attempts, responses=frames.responses)
    ids = list(dict.fromkeys(frames.attempts["participant_id"]))[:80]
    register_people(course, spec, ids, attempts=frames.attempts, seed=3)
    roster = sample_progress(root / "data" / "progress.sqlite", spec, 24, seed=3)
    roster.to_csv(root / "data" / "learners.csv", index=False)
    return {
        "DANCOSO_DATA": str(root / "data"),
        "DANCOSO_COURSE_DIR": str(course),
        "DANCOSO_CONTEST_SPEC": str(DEMO),
        "DANCOSO_LANG": "vi",
        "OPENBLAS_NUM_THREADS": "1",
    }


def test_dashboard_widgets_headless(dashboard_data, monkeypatch) -> None:
    for key, value in dashboard_data.items():
        monkeypatch.setenv(key, value)
    from grading.dashboards import OrganiserDashboard
    from grading.trainer_dashboard import TrainerDashboard

    organiser = OrganiserDashboard()
    assert "lượt dự thi" in organiser.live.value
    organiser.round.value = "vong-2"
    organiser.unit.value = "khoi-xa"
    text = "".join(section.value for section in organiser.sections)
    assert "Đợt 2" in text and "UBND xã Càng Long" in text and "Sở Tư pháp" not in text
    assert "dcs-msg" not in text.split("Câu hỏi cần rà soát")[0]  # no error before the flags
    trainer = TrainerDashboard()
    text = "".join(section.value for section in trainer.sections)
    assert "Tiến độ học tập" in text and "Nội dung còn yếu — Theo chương" in text
    assert "Chương" in text and "Điều" in text
    assert "ts-" not in text  # trainers see consented names or anonymous codes only


@pytest.mark.slow
@pytest.mark.parametrize("which", sorted(PAGES))
def test_dashboard_renders_in_voila(which, voila_page, dashboard_data, tmp_path: Path) -> None:
    source, title, _section = PAGES[which]
    notebook = notebook_from_myst(ROOT / "pages" / source, tmp_path / "pages")
    url = voila_page(notebook, dashboard_data)
    with urllib.request.urlopen(url, timeout=180) as response:
        assert response.status == 200
        page = html.unescape(response.read().decode("utf-8"))
    assert "<h1" in page and title in page
    assert "from grading.dashboards import" not in page  # no source code reaches the reader
    assert "Traceback" not in page and "application/vnd.jupyter.stderr" not in page


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("which", sorted(PAGES))
def test_dashboard_in_the_browser(
    which, voila_page, browser_page, dashboard_data, tmp_path: Path
) -> None:
    source, _title, section = PAGES[which]
    notebook = notebook_from_myst(ROOT / "pages" / source, tmp_path / "pages")
    url = voila_page(notebook, dashboard_data)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url, timeout=180_000)
        page.get_by_text(section).first.wait_for(timeout=180_000)
        page.locator("img[alt]").first.wait_for(timeout=60_000)
        if which == "organiser":
            page.locator("select").first.select_option(label="Đợt 2")
            page.get_by_text("Phân bố số câu trả lời đúng — Đợt 2").wait_for(timeout=60_000)
        else:
            page.locator("select").first.select_option(label="Sở Tư pháp")
            page.wait_for_function(  # the other units leave the tables once re-rendered
                "!document.body.innerText.includes('UBND phường Duyên Hải')", timeout=60_000
            )
            page.get_by_text("Nội dung còn yếu — Theo điều").wait_for(timeout=60_000)
        page.screenshot(path=str(tmp_path / f"{which}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width + 2, f"{which} at {width}px scrolls sideways ({overflow}px)"
        assert "Traceback" not in page.content()
    assert not errors, errors


def test_dashboards_explain_what_is_missing(tmp_path: Path, monkeypatch) -> None:
    """Nothing configured, nothing graded, no learners: a short message, never a traceback."""
    monkeypatch.setenv("DANCOSO_DATA", str(tmp_path / "empty"))
    monkeypatch.delenv("DANCOSO_COURSE_DIR", raising=False)
    monkeypatch.delenv("DANCOSO_ROSTER", raising=False)
    from grading.dashboards import OrganiserDashboard
    from grading.trainer_dashboard import TrainerDashboard

    organiser = OrganiserDashboard()
    shown = "".join(getattr(child, "value", "") for child in organiser.box.children)
    assert "DANCOSO_COURSE_DIR" in shown
    monkeypatch.setenv("DANCOSO_COURSE_DIR", str(tmp_path / "chua-cham"))
    monkeypatch.setenv("DANCOSO_CONTEST_SPEC", str(DEMO))
    organiser = OrganiserDashboard()
    shown = "".join(getattr(child, "value", "") for child in organiser.box.children)
    assert "Chưa có kết quả chấm" in shown
    trainer = TrainerDashboard()
    shown = "".join(section.value for section in trainer.sections)
    assert "Chưa có dữ liệu học tập" in shown and "Chưa có kết quả chấm" in shown
