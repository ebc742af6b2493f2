"""An official on a phone (390×844, Debian's Chromium): register, answer, submit — then the
submission is in nbgrader's exchange inbound and a real ``nbgrader collect`` takes it.

Checked on the way: a refused registration names its fields; answers save as they change
(also after the network drops and comes back) and survive a reload; the map and the keyboard
work; "Nộp bài" names the unanswered questions; at the time limit the page submits by itself;
axe-core finds no serious or critical violation; nothing scrolls sideways; touch targets are
≥ 44 px; no request leaves 127.0.0.1. Screenshots go to the test's tmp dir.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from page_helpers import assert_phone_friendly, nbgrader, person, serious_violations

from grading.intake import Intake

pytestmark = [pytest.mark.slow, pytest.mark.browser]

EXPECT_MS = 15_000


def register(page, url: str, values: dict[str, str], shots: Path | None = None) -> str:
    page.goto(url + "/")
    page.get_by_role("button", name="Đăng ký dự thi").click()
    consent = page.locator("#f-consent")
    assert not consent.is_checked()  # never pre-ticked (Decree 356)
    page.fill("#f-ho_ten", values["ho_ten"])
    page.fill("#f-ngay_sinh", values["ngay_sinh"])
    page.fill("#f-so_dien_thoai", values["so_dien_thoai"])
    page.fill("#f-cccd", values["cccd"])
    page.select_option("#f-don_vi", values["don_vi"])
    page.get_by_label(values["nhom"], exact=True).check()
    if shots:  # a wrong CCCD and no consent first: refused, field by field
        page.fill("#f-cccd", "12345")
        page.get_by_role("button", name="Đăng ký dự thi").click()
        page.locator(".problems").wait_for()
        assert "12 chữ số" in page.locator("#err-cccd").inner_text()
        assert "đồng ý" in page.locator("#err-consent").inner_text()
        assert page.locator("#f-cccd").get_attribute("aria-invalid") == "true"
        page.screenshot(path=shots / "02-registration-refused.png", full_page=True)
        assert serious_violations(page) == []
        assert_phone_friendly(page)
        page.fill("#f-cccd", values["cccd"])
    consent.check()
    page.get_by_role("button", name="Đăng ký dự thi").click()
    page.get_by_role("heading", name="Trang dự thi của tôi").wait_for()
    return page.locator(".code").inner_text()


def visible_card(page):
    return page.locator(".question:not([hidden])")


def test_register_answer_submit_and_nbgrader_collects_it(
    served, built, browser_page, tmp_path: Path
) -> None:
    page = browser_page
    shots = tmp_path / "screenshots"
    shots.mkdir()
    page.set_default_timeout(EXPECT_MS)
    page.goto(served.url + "/")
    page.get_by_role("heading", name="Cuộc thi kiểm thử").wait_for()
    assert page.locator("details.rules").count() == 2
    page.screenshot(path=shots / "01-home.png", full_page=True)
    assert serious_violations(page) == []
    assert_phone_friendly(page)

    pid = register(page, served.url, person(), shots)
    assert pid.startswith("ts-")
    page.screenshot(path=shots / "03-my-rounds.png", full_page=True)

    # One question per screen; answers by touch and by keyboard; the map follows.
    page.get_by_role("button", name="Bắt đầu làm bài (lượt 1)").click()
    page.locator(".timer").wait_for()
    assert page.locator(".timer").inner_text().startswith("Thời gian còn lại: 10:00") or (
        page.locator(".timer").inner_text().startswith("Thời gian còn lại: 09:5")
    )
    assert visible_card(page).count() == 1
    visible_card(page).locator(".option", has=page.locator("input[value=B]")).click()
    page.locator(".save-status", has_text="Đã lưu").wait_for()
    page.get_by_role("button", name="Câu sau ›").click()
    visible_card(page).locator("input[value=A]").focus()
    page.keyboard.press("Space")
    page.locator(".save-status", has_text="Đã lưu").wait_for()
    assert page.get_by_role("button", name="Câu 1, đã trả lời").count() == 1
    assert page.get_by_role("button", name="Câu 2, đã trả lời").count() == 1
    page.screenshot(path=shots / "04-paper.png", full_page=True)
    assert serious_violations(page) == []
    assert_phone_friendly(page)

    # The network drops: the answer waits on the phone and is saved when it returns.
    page.get_by_role("button", name="Câu 3, chưa trả lời").click()
    page.context.set_offline(True)
    visible_card(page).locator(".option", has=page.locator("input[value=C]")).click()
    page.locator(".save-status[data-state=offline], .save-status[data-state=retrying]").wait_for()
    page.screenshot(path=shots / "05-offline.png")
    page.context.set_offline(False)
    page.locator(".save-status", has_text="Đã lưu").wait_for(timeout=30_000)

    # All questions on one page; the prediction question.
    page.get_by_role("button", name="Xem tất cả câu hỏi").click()
    assert page.locator(".question:not([hidden])").count() == 11
    page.fill("#du-doan", "12a")
    assert page.locator("#du-doan-loi").is_visible()
    page.fill("#du-doan", "1234")
    page.locator(".save-status", has_text="Đã lưu").wait_for()

    # A reload (a closed tab) comes back to the same paper with the answers. (Should a save
    # still be pending, the page asks before leaving: this official says yes.)
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.locator(".timer").wait_for()
    assert page.locator("#du-doan").input_value() == "1234"
    assert page.locator("#q-1 input[value=B]").is_checked()
    assert page.locator("#q-3 input[value=C]").is_checked()

    # "Nộp bài": the confirmation names what is unanswered, then the receipt.
    page.get_by_role("button", name="Nộp bài").click()
    dialog = page.locator("dialog#confirm")
    assert "4, 5, 6, 7, 8, 9, 10" in dialog.inner_text()
    page.screenshot(path=shots / "06-confirm.png")
    dialog.get_by_role("button", name="Nộp bài").click()
    page.get_by_role("heading", name="Đã nộp bài").wait_for()
    receipt = page.locator(".receipt").inner_text()
    assert "3/10" in receipt and "1234" in receipt
    page.screenshot(path=shots / "07-receipt.png", full_page=True)
    assert serious_violations(page) == []
    assert page.outside_requests == []

    # The submission is in nbgrader's inbound, exactly as `nbgrader submit` leaves it …
    spec, course = built
    intake = Intake(course)
    [submission] = [p for p in intake.layout.inbound.iterdir() if p.name.startswith(pid + "+")]
    assert submission.name.split("+")[1] == "vong-1-lan-1"
    stored = json.loads((submission / "answers.json").read_text(encoding="utf-8"))
    assert stored["answers"]["1"] == "B" and stored["answers"]["2"] == "A"
    assert stored["answers"]["3"] == "C" and stored["prediction"] == 1234
    # … and the real nbgrader collects it.
    collected = nbgrader(course, "collect", "vong-1-lan-1")
    assert collected.returncode == 0, collected.stderr
    copy = course / "submitted" / pid / "vong-1-lan-1" / "answers.json"
    assert json.loads(copy.read_text(encoding="utf-8")) == stored


def test_the_page_submits_by_itself_when_time_is_up(served, built, browser_page) -> None:
    page = browser_page
    page.set_default_timeout(EXPECT_MS)
    page.clock.install()  # the phone's clock; the server keeps its own
    pid = register(page, served.url, person())
    page.get_by_role("button", name="Bắt đầu làm bài (lượt 1)").click()
    page.locator(".timer").wait_for()
    visible_card(page).locator(".option", has=page.locator("input[value=D]")).click()
    page.locator(".save-status", has_text="Đã lưu").wait_for()
    page.clock.fast_forward("10:01")
    page.get_by_role("heading", name="Đã nộp bài").wait_for()
    assert "nộp tự động" in page.locator(".receipt").inner_text()
    attempt = Intake(built[1]).ledger.get(pid, "vong-1", 1)
    assert attempt.submitted and attempt.counts  # on the server's time: within the limit


def test_another_phone_logs_in_again_and_practises(served, browser_page) -> None:
    page = browser_page
    page.set_default_timeout(EXPECT_MS)
    values = person()
    register(page, served.url, values)
    other = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = other.new_page()
        phone.set_default_timeout(EXPECT_MS)
        phone.goto(served.url + "/")
        phone.get_by_role("button", name="Đã đăng ký? Đăng nhập lại").click()
        phone.fill("#f-so_dien_thoai", values["so_dien_thoai"])
        phone.fill("#f-cccd", values["cccd"])
        phone.fill("#f-ngay_sinh", "1990-05-18")  # a wrong date of birth is refused
        phone.get_by_role("button", name="Đăng nhập").click()
        phone.locator(".problems").wait_for()
        assert "không khớp" in phone.locator(".problems").inner_text()
        phone.fill("#f-ngay_sinh", values["ngay_sinh"])
        phone.get_by_role("button", name="Đăng nhập").click()
        phone.get_by_role("heading", name="Trang dự thi của tôi").wait_for()
        assert serious_violations(phone) == []

        phone.get_by_role("button", name="Thi thử").click()
        phone.locator(".timer").wait_for()
        assert "Thi thử" in phone.locator(".paper-title").inner_text()
        visible_card(phone).locator(".option").first.click()
        phone.get_by_role("button", name="Nộp bài").click()
        phone.locator("dialog#confirm").get_by_role("button", name="Nộp bài").click()
        phone.get_by_role("heading", name="Đã nộp bài").wait_for()
        receipt = phone.locator(".receipt").inner_text()
        assert "Kết quả thi thử" in receipt and "/10 câu đúng" in receipt
    finally:
        other.close()
