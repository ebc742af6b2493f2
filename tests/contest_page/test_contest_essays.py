"""Essays (tự luận) on the contest page: written, saved, resumed, submitted — then the text is
in the exchange inbound's ``answers.json`` and in the graded notebook a marker opens in
formgrader. Too long or not text: refused with 400 and nothing stored.

The contest is ``tests/grading/files/essay-contest.yaml``: three single-choice questions, then
an essay (slot 4).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from page_helpers import (
    ESSAY_SLOT,
    assert_phone_friendly,
    essay_person,
    serious_violations,
    serve_page,
    stop_page,
)

from grading.grade_run import grade_contest
from quizzes.answers import MAX_ESSAY_CHARS

pytestmark = pytest.mark.slow

ESSAY = (
    "Theo khoản 1 Điều 3, công dân được biết, tham gia ý kiến, quyết định và kiểm tra, giám sát.\n"
    "Theo khoản 2 Điều 3: bảo đảm sự lãnh đạo của Đảng.\n<script>alert('x')</script>"
)
EXPECT_MS = 15_000


def registered(app) -> tuple[httpx.Client, str]:
    client = app.client()
    response = client.post("/api/register", json={"values": essay_person(), "consent": True})
    assert response.status_code == 201, response.text
    return client, response.json()["participant"]


def started(client: httpx.Client) -> dict:
    response = client.post("/api/rounds/vong-1/start", json={"practice": False})
    assert response.status_code == 200, response.text
    return response.json()


def path(data: dict, tail: str) -> str:
    attempt = data["attempt"]
    return f"/api/rounds/{attempt['round']}/{attempt['kind']}/{attempt['number']}/{tail}"


def inbound_sheet(course: Path, pid: str) -> dict:
    [submission] = [p for p in (course / "exchange").glob(f"*/inbound/{pid}+*")]
    return json.loads((submission / "answers.json").read_text(encoding="utf-8"))


def test_an_essay_is_written_saved_resumed_and_submitted(essay_app) -> None:
    client, pid = registered(essay_app)
    data = started(client)
    questions = data["paper"]["questions"]
    assert [q["choose"] for q in questions] == ["one", "one", "one", "text"]
    essay = questions[3]
    assert essay["type"] == "essay" and essay["options"] == []
    assert essay["max_chars"] == MAX_ESSAY_CHARS and essay["stem"]
    first = {"answers": {"1": "A"}, "essays": {ESSAY_SLOT: "Theo khoản 1"}, "seq": 1}
    assert client.put(path(data, "answers"), json=first).json()["saved"]
    newer = {"answers": {"1": "A"}, "essays": {ESSAY_SLOT: ESSAY}, "prediction": 30, "seq": 2}
    assert client.put(path(data, "answers"), json=newer).json()["saved"]
    again = started(client)  # a closed tab comes back
    assert again["resumed"] and again["seq"] == 2
    assert again["draft"] == {
        "answers": {"1": "A"},
        "essays": {ESSAY_SLOT: ESSAY},
        "prediction": 30,
    }
    receipt = client.post(path(data, "submit"), json={}).json()["receipt"]
    assert receipt["answered"] == 2 and receipt["unanswered"] == [2, 3]  # the essay counts
    stored = inbound_sheet(essay_app.service.layout.root, pid)
    assert stored["essays"] == {ESSAY_SLOT: ESSAY} and stored["answers"] == {"1": "A"}


def test_a_sheet_sent_with_submit_carries_its_essay(essay_app) -> None:
    client, pid = registered(essay_app)
    data = started(client)
    body = {"answers": {"2": "B"}, "essays": {ESSAY_SLOT: "  Chỉ gửi khi nộp bài.  "}}
    receipt = client.post(path(data, "submit"), json=body).json()["receipt"]
    assert receipt["unanswered"] == [1, 3]
    stored = inbound_sheet(essay_app.service.layout.root, pid)
    assert stored["essays"] == {ESSAY_SLOT: "  Chỉ gửi khi nộp bài.  "}


@pytest.mark.parametrize(
    ("essays", "code"),
    [
        ({ESSAY_SLOT: "ý" * (MAX_ESSAY_CHARS + 1)}, "essay_too_long"),
        ({ESSAY_SLOT: 42}, "bad_answers"),
        ({ESSAY_SLOT: ["Theo Điều 3"]}, "bad_answers"),
        ({ESSAY_SLOT: None}, "bad_answers"),
        ({"9": "Câu không có trên đề"}, "bad_answers"),
        ({"bốn": "Theo Điều 3"}, "bad_answers"),
        ("Theo Điều 3", "bad_answers"),
        # within the limit each, but over MAX_ANSWERS_BYTES together (\x1f is 6 bytes in JSON)
        ({str(n): "\x1f" * MAX_ESSAY_CHARS for n in (1, 2, 3, 4)}, "essays_too_large"),
    ],
)
def test_an_essay_too_long_or_not_text_is_refused_and_nothing_stored(
    essay_app, essays, code
) -> None:
    client, pid = registered(essay_app)
    data = started(client)
    kept = {"answers": {"1": "C"}, "essays": {ESSAY_SLOT: "Bản đã lưu"}, "seq": 1}
    assert client.put(path(data, "answers"), json=kept).json()["saved"]
    for verb, tail in (("PUT", "answers"), ("POST", "submit")):
        body = {"answers": {"1": "D"}, "essays": essays, "seq": 2}
        if tail == "submit":
            del body["seq"]
        response = client.request(verb, path(data, tail), json=body)
        assert response.status_code == 400, response.text
        assert response.json()["error"] == code and "Vui lòng" in response.json()["message"]
    draft = essay_app.service.intake.load_draft(pid, "vong-1", data["attempt"]["number"])
    assert dict(draft.answers) == {"1": "C"} and dict(draft.essays) == {ESSAY_SLOT: "Bản đã lưu"}
    attempt = essay_app.service.intake.ledger.get(pid, "vong-1", data["attempt"]["number"])
    assert not attempt.submitted


def test_the_longest_essay_is_accepted(essay_app) -> None:
    client, pid = registered(essay_app)
    data = started(client)
    longest = "ữ" * MAX_ESSAY_CHARS
    sheet = {"essays": {ESSAY_SLOT: longest}, "seq": 1}
    assert client.put(path(data, "answers"), json=sheet).json()["saved"]
    client.post(path(data, "submit"), json={})
    assert inbound_sheet(essay_app.service.layout.root, pid)["essays"] == {ESSAY_SLOT: longest}


def test_the_submitted_essay_is_in_the_graded_notebook(essay_app) -> None:
    client, pid = registered(essay_app)
    data = started(client)
    sheet = {"answers": {"1": "A"}, "essays": {ESSAY_SLOT: ESSAY}, "seq": 1}
    assert client.put(path(data, "answers"), json=sheet).json()["saved"]
    assert client.post(path(data, "submit"), json={}).status_code == 200
    course = essay_app.service.layout.root
    report = grade_contest(course_dir=course, engine="nbgrader", workers=1)
    assert report.graded >= 1
    graded = course / "autograded" / pid / "vong-1-lan-1" / "vong-1.ipynb"
    cells = json.loads(graded.read_text(encoding="utf-8"))["cells"]
    [cell] = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id") == "cau-04"]
    source = "".join(cell["source"])
    assert "Theo khoản 2 Điều 3: bảo đảm sự lãnh đạo của Đảng." in source
    assert "<script>alert('x')</script>" in source and "```text\n" in source  # text, fenced
    assert "Hướng dẫn chấm" in source  # the rubric is for the marker, in the graded copy only


# -- in a real browser ------------------------------------------------------------------------


@pytest.fixture
def essay_served(essay_built, tmp_path: Path) -> Iterator:
    page = serve_page(essay_built[0], essay_built[1], tmp_path / "server.log")
    yield page
    stop_page(page)


def register(page, url: str) -> str:
    values = essay_person()
    page.goto(url + "/")
    page.get_by_role("button", name="Đăng ký dự thi").click()
    page.fill("#f-ho_ten", values["ho_ten"])
    page.select_option("#f-don_vi", values["don_vi"])
    page.locator("#f-consent").check()
    page.get_by_role("button", name="Đăng ký dự thi").click()
    page.get_by_role("heading", name="Trang dự thi của tôi").wait_for()
    return page.locator(".code").inner_text()


@pytest.mark.browser
def test_an_essay_typed_on_a_phone_survives_a_reload_and_is_submitted(
    essay_served, essay_built, browser_page, tmp_path: Path
) -> None:
    page = browser_page
    page.set_default_timeout(EXPECT_MS)
    pid = register(page, essay_served.url)
    assert "3 trắc nghiệm, 1 tự luận" in page.locator(".facts").first.inner_text()
    page.get_by_role("button", name="Bắt đầu làm bài (lượt 1)").click()
    page.locator(".timer").wait_for()
    page.locator("#q-1 .option", has=page.locator("input[value=B]")).click()
    page.locator(".save-status", has_text="Đã lưu").wait_for()
    page.get_by_role("button", name="Câu 4 (tự luận), chưa trả lời").click()
    box = page.get_by_label("Bài làm câu 4")
    assert box.evaluate("e => e.tagName") == "TEXTAREA"
    assert box.get_attribute("maxlength") == str(MAX_ESSAY_CHARS)
    assert page.locator("#q-4 input").count() == 0  # no options to pick
    width = box.evaluate("e => e.getBoundingClientRect().width")
    assert 300 <= width <= 390
    box.fill("Theo khoản 1 Điều 3")
    box.press_sequentially(", công dân được biết.\nKhoản 2: sự lãnh đạo của Đảng.", delay=5)
    text = "Theo khoản 1 Điều 3, công dân được biết.\nKhoản 2: sự lãnh đạo của Đảng."
    assert page.locator("#tu-luan-4-dem").inner_text() == f"{len(text)}/20.000 ký tự"
    assert page.get_by_role("button", name="Câu 4 (tự luận), đã trả lời").count() == 1
    page.locator(".save-status[data-state=saved]").wait_for()
    page.screenshot(path=tmp_path / "essay.png", full_page=True)
    assert serious_violations(page) == []
    assert_phone_friendly(page)

    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.locator(".timer").wait_for()
    assert page.locator("#tu-luan-4").input_value() == text
    assert page.locator("#q-1 input[value=B]").is_checked()

    # Emptied, the essay is unanswered again in "Nộp bài"; written again, it is not.
    box = page.locator("#tu-luan-4")
    page.get_by_role("button", name="Xem tất cả câu hỏi").click()
    box.fill("")
    page.get_by_role("button", name="Nộp bài").click()
    assert "2, 3, 4" in page.locator("dialog#confirm").inner_text()
    page.get_by_role("button", name="Quay lại làm bài").click()
    box.fill(text)
    page.get_by_role("button", name="Nộp bài").click()
    dialog = page.locator("dialog#confirm")
    assert "2 câu: 2, 3." in dialog.inner_text()
    dialog.get_by_role("button", name="Nộp bài").click()
    page.get_by_role("heading", name="Đã nộp bài").wait_for()
    assert "2/4" in page.locator(".receipt").inner_text()
    assert page.outside_requests == []
    stored = inbound_sheet(essay_built[1], pid)
    assert stored["essays"] == {ESSAY_SLOT: text} and stored["answers"] == {"1": "B"}
