"""Way in 5a, as an nbgrader student uses it: the organiser adds the student with nbgrader's
own tools and builds; the student fetches the paper from the local exchange, runs the notebook,
opens their own sealed paper with their access code in the answer-sheet widget, answers
(choices and an essay), submits with nbgrader; the organiser collects and grades with
nbgrader's autograde — and the score is what the answers earn."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import os
import shutil
import subprocess

import nbformat
import pytest
from local_web import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_for_http
from page_helpers import BANK, BIN, ESSAY_BANK, ESSAY_SPEC, nbgrader, write_spec

from grading.course_build import build_course
from grading.course_layout import CourseLayout
from grading.feedback import write_feedback
from grading.grade_results import gradebook_scores
from grading.grade_run import grade_contest
from grading.gradebook_db import GradebookTables
from grading.intake import Intake
from grading.participant_ids import ID_PATTERN
from grading.results_files import read_results
from quizzes.answers import read_answer_sheet
from quizzes.papers import shown_key
from widgets.answer_sheet import AnswerSheetApp

pytestmark = pytest.mark.slow

ACCOUNT = getpass.getuser()  # nbgrader files a submission under the account's name
OTHER = "ts-khac0001"
ESSAY = "Theo Điều 11, công dân được bàn và quyết định trực tiếp."


def _dancoso(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "dancoso"), *arguments],
        env={**os.environ, "DANCOSO_LANG": "vi"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def lab_course(tmp_path_factory):
    """The essay contest (three choices, then an essay), open now, with two nbgrader students
    added the nbgrader way and the course rebuilt; returns (spec, course, codes)."""
    if not ID_PATTERN.fullmatch(ACCOUNT):
        pytest.skip(f"account name {ACCOUNT!r} cannot be a participant id")
    folder = tmp_path_factory.mktemp("lab")
    spec = write_spec(folder, ESSAY_SPEC)
    course = folder / "tu-luan"
    build_course(spec_path=spec, course_dir=course, bank_paths=[BANK, ESSAY_BANK])
    for student in (ACCOUNT, OTHER, "NguyenVanA"):  # the last can't be a participant id
        added = nbgrader(course, "db", "student", "add", student)
        assert added.returncode == 0, added.stderr
    built = _dancoso(
        "contest", "build", str(spec), "--course-dir", str(course),
        "--bank", str(BANK), "--bank", str(ESSAY_BANK),
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "niêm phong đề riêng của 2 thí sinh" in built.stdout
    assert "'NguyenVanA'" in built.stderr  # told why that student cannot take it in Lab
    listed = _dancoso("contest", "lab-codes", str(spec), "--course-dir", str(course), "--out", "-")
    assert listed.returncode == 0, listed.stderr
    codes = {
        row["participant_id"]: row["ma_lam_bai"]
        for row in csv.DictReader(io.StringIO(listed.stdout))
    }
    assert set(codes) == {ACCOUNT, OTHER}
    return spec, course, codes


def _fetch(course, home):
    layout = CourseLayout.open(course)
    common = [
        "--course",
        layout.course_id,
        f"--Exchange.root={layout.exchange}",
        f"--Exchange.cache={home / '.nbgrader-cache'}",  # the student's, not this machine's
    ]
    fetched = nbgrader(course, "fetch_assignment", "vong-1-lan-1", *common, cwd=home)
    assert fetched.returncode == 0, fetched.stderr
    return home / "vong-1-lan-1", common


def test_release_holds_sealed_papers_only(lab_course, tmp_path) -> None:
    _, course, _ = lab_course
    folder, _ = _fetch(course, tmp_path)
    text = (folder / "vong-1.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "check_slot" not in text
    assert "Phiếu trả lời ở đầu bài thi" in text  # the essay's released cell says where to write
    sealed = sorted((folder / "papers").iterdir())
    assert len(sealed) == 2
    contest = Intake(course).contest
    stems = [q.stem.encode() for q in contest.questions("vong-1").values()]
    for path in sealed:
        data = path.read_bytes()
        assert ACCOUNT.encode() not in data and OTHER.encode() not in data
        assert not any(stem[:30] in data for stem in stems)


def test_answer_sheet_refuses_wrong_codes(lab_course, tmp_path) -> None:
    _, course, codes = lab_course
    folder, _ = _fetch(course, tmp_path)
    app = AnswerSheetApp(folder, account=ACCOUNT)
    assert not app.unlock("not a code") and "12 chữ cái" in app.message.value
    assert not app.unlock("AAAA-BBBB-CCCC") and "Không có đề thi" in app.message.value
    assert not app.unlock(codes[OTHER]) and OTHER in app.message.value  # someone else's paper
    assert not (folder / "paper.json").exists() and app.slots == []
    moved = tmp_path / "vong-1-lan-2"  # a paper copied to another attempt does not open
    shutil.copytree(folder, moved)
    assert not AnswerSheetApp(moved, account=ACCOUNT).unlock(codes[ACCOUNT])


def test_fetch_answer_submit_collect_grade(lab_course, tmp_path) -> None:
    _, course, codes = lab_course
    folder, common = _fetch(course, tmp_path)
    contest = Intake(course).contest
    paper = contest.paper(ACCOUNT, "vong-1", 1)
    questions = contest.questions("vong-1")

    app = AnswerSheetApp(folder, account=ACCOUNT)
    assert app.unlock(codes[ACCOUNT].lower().replace("-", " "))  # typed loosely
    assert [s.kind for s in app.slots] == ["single", "single", "single", "essay"]
    shown_stems = [s.children[0].value for s in app.slots]
    for slot, html in zip(paper.slots, shown_stems, strict=True):
        assert questions[slot.question_id].stem[:20] in html  # the participant's own paper
    right = [shown_key(questions[s.question_id], s) for s in paper.slots[:3]]
    app.slots[0].input.value = right[0]
    app.slots[1].input.value = right[1]
    wrong = next(v for _, v in app.slots[2].input.options if v != right[2])
    app.slots[2].input.value = wrong
    app.slots[3].input.value = ESSAY
    app.prediction.input.value = "12"
    sheet = read_answer_sheet((folder / "answers.json").read_bytes())
    assert sheet.answers == {"1": right[0], "2": right[1], "3": wrong}
    assert sheet.essay(4) == ESSAY and sheet.prediction == 12
    assert "Chưa trả lời" not in app.status.value

    app.prediction.input.value = "mười hai"  # refused, the saved sheet is unchanged
    assert "số nguyên" in app.prediction.problem.value
    assert read_answer_sheet((folder / "answers.json").read_bytes()).prediction == 12

    again = AnswerSheetApp(folder, account=ACCOUNT)  # reopening: no code, answers restored
    assert [s.value for s in again.slots] == [right[0], right[1], wrong, ESSAY]
    again.go(3)
    assert again.questions.children[0] is again.slots[3]

    executed = subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace",
         "vong-1.ipynb"],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert executed.returncode == 0, executed.stderr
    outputs = nbformat.read(folder / "vong-1.ipynb", as_version=4).cells[1].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)

    submitted = nbgrader(course, "submit", "vong-1-lan-1", *common, cwd=tmp_path)
    assert submitted.returncode == 0, submitted.stderr
    collected = nbgrader(course, "collect", "vong-1-lan-1")
    assert collected.returncode == 0, collected.stderr

    report = grade_contest(course_dir=course, engine="nbgrader")
    assert report.failed == []
    attempt = Intake(course).ledger.get(ACCOUNT, "vong-1", 1)
    assert attempt.source == "nbgrader" and "unregistered" not in attempt.flags
    book = GradebookTables.open(course)
    try:
        scores = gradebook_scores(book)
    finally:
        book.close()
    points = contest.round("vong-1").paper.points_per_question
    assert scores[("vong-1-lan-1", ACCOUNT)] == 2 * points  # two right, one wrong, essay unmarked
    graded = (course / "autograded" / ACCOUNT / "vong-1-lan-1" / "vong-1.ipynb").read_text(
        encoding="utf-8"
    )
    assert "công dân được bàn và quyết định trực tiếp" in graded  # the essay, for the marker

    # In the results: counted (the flag no_start_time does not keep it out), timed at the
    # whole limit, since nobody measured its time.
    [row] = read_results(course).attempts.query("participant_id == @ACCOUNT").to_dict("records")
    assert row["flags"] == "" and row["score"] == 2 * points
    assert row["duration_s"] == 60 * contest.round("vong-1").paper.time_limit_minutes

    # After the round closes: feedback through nbgrader's own release/fetch, as in the
    # Assignment List's "Fetch Feedback".
    after = contest.round("vong-1").closes + dt.timedelta(hours=1)
    assert write_feedback(course, rounds=["vong-1"], now=after)
    released = nbgrader(course, "release_feedback", "vong-1-lan-1")
    assert released.returncode == 0, released.stderr
    fetched = nbgrader(course, "fetch_feedback", "vong-1-lan-1", *common, cwd=tmp_path)
    assert fetched.returncode == 0, fetched.stderr
    [page] = (folder / "feedback").glob("*/vong-1.html")
    html = page.read_text(encoding="utf-8")
    assert questions[paper.slots[0].question_id].stem[:30] in html  # their own paper, keyed now


@pytest.fixture
def voila_on(tmp_path):
    """``voila_on(folder)``: the project's Voilà (no CDN) serving ``folder`` on 127.0.0.1."""
    started = []

    def start(folder):
        port = free_port()
        log = (tmp_path / "voila.log").open("w", encoding="utf-8")
        process = subprocess.Popen(
            [str(BIN / "python"), "-m", "dancoso.voila_app", str(folder), "--no-browser",
             "--Voila.ip=127.0.0.1", f"--port={port}", "--show_tracebacks=True",
             "--CourseVoila.home_pool_size=0", "--CourseVoila.module_pool_size=0"],
            cwd=folder, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        started.append((process, log))
        url = f"http://127.0.0.1:{port}"
        wait_for_http(url + "/", process, any_status=True)
        return url

    yield start
    for process, log in started:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.mark.browser
def test_answer_sheet_in_a_browser_on_a_phone(lab_course, tmp_path, voila_on, browser_page):
    _, course, codes = lab_course
    home = tmp_path / "hoc-vien"
    home.mkdir()
    folder, _ = _fetch(course, home)
    contest = Intake(course).contest
    paper = contest.paper(ACCOUNT, "vong-1", 1)
    first = shown_key(contest.questions("vong-1")[paper.slots[0].question_id], paper.slots[0])
    url = voila_on(home)
    page = browser_page
    page.goto(url + "/voila/render/vong-1-lan-1/vong-1.ipynb")
    page.wait_for_selector("input[placeholder='XXXX-XXXX-XXXX']", timeout=120_000)
    assert page.locator("text=from widgets").count() == 0
    page.fill("input[placeholder='XXXX-XXXX-XXXX']", "AAAA-BBBB-CCCC")
    page.click("button:has-text('Mở đề thi')")
    page.wait_for_selector("text=Không có đề thi nào ứng với mã này")
    page.fill("input[placeholder='XXXX-XXXX-XXXX']", codes[ACCOUNT])
    page.click("button:has-text('Mở đề thi')")
    cards = page.locator(".dancoso-card")
    cards.first.wait_for(timeout=60_000)
    shown = page.locator("[role=timer]").inner_text()
    assert shown.startswith(("Còn lại 29:", "Còn lại 30:00"))  # a 30-minute paper
    assert "hết giờ lúc" in shown
    cards.nth(0).locator("label", has_text=f"{first}. ").click()
    page.fill(".dancoso-card textarea", ESSAY)
    page.fill(".dancoso-card input[placeholder='Số nguyên, không âm']", "40")
    page.keyboard.press("Tab")  # the prediction syncs when the box loses focus
    page.wait_for_selector("text=Đã lưu lúc")
    page.wait_for_selector("text=Chưa trả lời: 2, 3.")
    ticking = page.locator("[role=timer]").inner_text()
    page.wait_for_function(  # once answering, the clock ticks in the page
        "text => document.querySelector('[role=timer]').innerText !== text", arg=ticking
    )
    sheet = read_answer_sheet((folder / "answers.json").read_bytes())
    assert sheet.answers == {"1": first} and sheet.essay(4) == ESSAY and sheet.prediction == 40
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, f"the sheet scrolls sideways at 390 px ({width} > {client})"
    page.locator("[role=timer]").scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "phieu-tra-loi.png")
    assert page.outside_requests == []

    page.reload()  # reopening: straight to the questions, answers restored
    page.locator(".dancoso-card textarea").wait_for(timeout=120_000)
    assert page.locator(".dancoso-card textarea").input_value() == ESSAY
    assert page.locator(".dancoso-card").nth(0).locator("input[type=radio]:checked").count() == 1


def test_no_key_or_explanation_in_any_widget_state(lab_course, tmp_path) -> None:
    """Everything the opened sheet would sync to the browser: stems and options only."""
    from ipywidgets.widgets.widget import _instances

    _, course, codes = lab_course
    folder, _ = _fetch(course, tmp_path)
    app = AnswerSheetApp(folder, account=ACCOUNT)
    assert app.unlock(codes[ACCOUNT])
    app.slots[0].input.value = app.slots[0].input.options[0][1]
    synced = "\n".join(repr(widget.get_state()) for widget in list(_instances.values()))
    contest = Intake(course).contest
    for question in contest.questions("vong-1").values():
        assert question.id not in synced
        assert question.explanation[:40] not in synced
        for item in question.rubric or []:
            assert item.criterion[:40] not in synced
    assert contest.spec.seed not in synced


@pytest.mark.browser
def test_assignment_list_in_jupyterlab(lab_course, tmp_path) -> None:
    """The whole way in through JupyterLab's own UI: Nbgrader › Assignment List › Fetch, open
    the notebook, Run All, type the code, answer, then Submit — and the submission is in the
    exchange with the answer."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    _, course, codes = lab_course
    layout = CourseLayout.open(course)
    home = tmp_path / "home"
    home.mkdir()
    (home / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {layout.course_id!r}\n"
        f"c.Exchange.root = {str(layout.exchange)!r}\n"
        f"c.Exchange.cache = {str(tmp_path / 'cache')!r}\n",
        encoding="utf-8",
    )
    before = {p.name for p in layout.inbound.iterdir()}
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    with (tmp_path / "lab.log").open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--port={port}", "--IdentityProvider.token=kiem-thu", f"--ServerApp.root_dir={home}",
             "--allow-root"],
            cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/api/status?token=kiem-thu", server, 120)
        with playwright_sync.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            outside: list[str] = []
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith("http://127.0.0.1:")
                    else (outside.append(route.request.url), route.abort())
                ),
            )
            page = context.new_page()
            page.goto(f"{url}/lab?token=kiem-thu")
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click(timeout=120_000)
            page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
            page.locator("#released_assignments_list button", has_text="Fetch").first.click()
            page.locator("#fetched_assignments_list a.assignment-notebooks-link").click()
            page.locator("#fetched_assignments_list a", has_text="vong-1").last.click()
            page.locator(".jp-NotebookPanel").wait_for(timeout=60_000)
            # Run All only once the kernel is up and the notebook has the focus.
            page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=120_000)
            page.locator(".jp-NotebookPanel .jp-Cell").first.click()
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
            page.get_by_text("Run All Cells", exact=True).click()
            page.screenshot(path=tmp_path / "jupyterlab-run-all.png")
            page.fill("input[placeholder='XXXX-XXXX-XXXX']", codes[ACCOUNT], timeout=120_000)
            page.click("button:has-text('Mở đề thi')")
            first = page.locator(".dancoso-card").nth(0).locator(".widget-radio-box label")
            first.first.click(timeout=60_000)
            page.wait_for_selector("text=Đã lưu lúc")
            page.screenshot(path=tmp_path / "jupyterlab-phieu-tra-loi.png")
            page.locator(".lm-TabBar-tabLabel", has_text="Assignments").click()
            page.locator("#fetched_assignments_list button", has_text="Submit").click()
            page.locator("#submitted_assignments_list .list_item").first.wait_for(timeout=60_000)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert outside == []
    [entry] = [p for p in layout.inbound.iterdir() if p.name not in before]
    assert entry.name.startswith(f"{ACCOUNT}+vong-1-lan-1+")
    sheet = read_answer_sheet((entry / "answers.json").read_bytes())
    assert sheet.answers == {"1": "A"}  # the first option shown, as clicked


def test_countdown_locks_the_sheet_at_the_limit(lab_course, tmp_path) -> None:
    """The clock counts from when the paper was opened (the kernel's, i.e. the server's clock);
    at the limit the answers are saved and locked, and the sheet says to submit."""
    _, course, codes = lab_course
    folder, _ = _fetch(course, tmp_path)
    app = AnswerSheetApp(folder, account=ACCOUNT)
    assert app.unlock(codes[ACCOUNT])
    assert app.clock is not None and not app.clock.ticker.playing  # until the first action
    opened = dt.datetime.fromisoformat(app.paper["opened_at"])
    limit = dt.timedelta(minutes=app.paper["time_limit_minutes"])
    assert app.clock.tick(opened + limit - dt.timedelta(seconds=75)) == 75
    assert "Còn lại 01:15" in app.clock.label.value
    app.slots[0].input.value = app.slots[0].input.options[1][1]
    assert app.clock.ticker.playing  # the first answer starts the page's clock
    assert app.clock.tick(opened + limit + dt.timedelta(seconds=1)) == 0
    assert app.locked and app.slots[0].input.disabled and not app.clock.ticker.playing
    assert "Hết giờ" in app.clock.label.value
    saved = (folder / "answers.json").read_bytes()
    app.slots[1].input.value = app.slots[1].input.options[0][1]  # a late change is not saved
    assert (folder / "answers.json").read_bytes() == saved

    paper = json.loads((folder / "paper.json").read_text(encoding="utf-8"))
    paper["opened_at"] = (opened - 2 * limit).isoformat()  # reopened long after the limit
    (folder / "paper.json").write_text(json.dumps(paper), encoding="utf-8")
    again = AnswerSheetApp(folder, account=ACCOUNT)
    assert again.locked and again.slots[0].value == app.slots[0].value
