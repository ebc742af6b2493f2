"""A learner's journey on a phone-sized screen, in Debian's Chromium driven by Playwright:
course home → name → module → self-check → feedback → reload → progress kept.

Also checked on the way: axe-core finds no serious or critical accessibility violation, no
request leaves this machine, nothing scrolls sideways at 390 px, touch targets are ≥ 44 px
and the self-check works from the keyboard. Screenshots go to the test's tmp dir.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from local_web import assert_phone_friendly as phone_friendly
from local_web import serious_violations

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LOCAL_HOSTS = {"127.0.0.1"}
TARGETS = (
    ".dancoso button, .dancoso .widget-radio-box label, .dancoso .widget-checkbox label, "
    ".dancoso input[type=text], .dancoso-modules a"
)


def assert_phone_friendly(page) -> None:
    phone_friendly(page, TARGETS)


def test_learner_journey_on_a_phone(start_course_server, browser, tmp_path: Path) -> None:
    server = start_course_server(pool_size=1, module_pool_size=1)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    outside: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    shots = tmp_path / "screenshots"
    shots.mkdir()
    try:
        # The course home, first thing at the root URL.
        page.goto(server.url + "/")
        page.wait_for_selector(".dancoso-home .dancoso-modules a", timeout=120_000)
        assert page.url.endswith("/voila/render/index.ipynb")
        assert page.title() == "Trang chủ khoá học"
        assert page.locator("text=from widgets").count() == 0
        page.screenshot(path=shots / "01-home.png", full_page=True)
        assert serious_violations(page) == []
        assert_phone_friendly(page)

        # An absurd name is refused, a real one kept.
        page.fill(".dancoso-name-form input[type=text]", "12345")
        page.click("text=Lưu tên")
        page.wait_for_selector("text=Họ và tên chỉ gồm chữ cái")
        page.fill(".dancoso-name-form input[type=text]", "Nguyễn Thị Lan")
        page.click("text=Lưu tên")
        page.wait_for_selector("text=Học viên: Nguyễn Thị Lan")

        # Open a module from the home.
        page.click("text=Chương I — Những quy định chung (bài mẫu)")
        page.wait_for_selector(".dancoso-selfcheck .dancoso-card", timeout=120_000)
        assert page.url.endswith("/voila/render/02-chuong-1.ipynb")
        assert page.locator("text=Học viên: Nguyễn Thị Lan").count() == 1
        page.screenshot(path=shots / "02-module.png", full_page=True)
        assert serious_violations(page) == []
        assert_phone_friendly(page)

        cards = page.locator(".dancoso-card")
        # Question 1 by touch: the right answer.
        cards.nth(0).locator("label", has_text="D. Trình tự bầu cử").click()
        cards.nth(0).locator("button", has_text="Kiểm tra").click()
        feedback = cards.nth(0).locator(".dancoso-feedback")
        feedback.wait_for()
        assert "Đúng rồi!" in feedback.inner_text()
        assert "Căn cứ: Điều 1 Luật Thực hiện dân chủ ở cơ sở" in feedback.inner_text()

        # Question 2 from the keyboard only: Space ticks a box, Enter presses the button.
        cards.nth(1).locator("input[type=checkbox]").nth(3).focus()
        page.keyboard.press("Space")
        cards.nth(1).locator("button", has_text="Kiểm tra").focus()
        page.keyboard.press("Enter")
        wrong = cards.nth(1).locator(".dancoso-feedback")
        wrong.wait_for()
        assert "Chưa đúng." in wrong.inner_text() and "Đáp án đúng: A, B, C." in wrong.inner_text()

        # Question 3: true.
        cards.nth(2).locator("label", has_text="Đúng").click()
        cards.nth(2).locator("button", has_text="Kiểm tra").click()
        cards.nth(2).locator(".dancoso-feedback").wait_for()
        page.wait_for_selector("text=Hoàn thành — Tự kiểm tra: đúng 2/3 câu")
        page.wait_for_selector("text=Kết quả tự kiểm tra: đúng 2/3 câu (67 %).")
        cards.nth(2).screenshot(path=shots / "03-feedback.png")
        assert serious_violations(page) == []

        # Reload: a fresh (pre-started) kernel reads the saved progress.
        page.reload()
        page.wait_for_selector(".dancoso-selfcheck .dancoso-card", timeout=120_000)
        page.wait_for_selector("text=Hoàn thành — Tự kiểm tra: đúng 2/3 câu", timeout=30_000)
        assert page.locator(".dancoso-feedback").count() == 0, "a new page starts unanswered"
        page.screenshot(path=shots / "04-reloaded.png", full_page=True)

        page.goto(server.url + "/")
        page.wait_for_selector("text=Đã hoàn thành 1/2 bài học.", timeout=120_000)
        page.screenshot(path=shots / "05-home-after.png", full_page=True)
    finally:
        context.close()
    assert outside == [], f"requests left this machine: {sorted(set(outside))}"
    assert len(list(shots.glob("*.png"))) == 5
