"""Voilà serves the course: home first, modules render without code, errors or CDN links,
and a full server says "xin vui lòng chờ" instead of hanging."""

from __future__ import annotations

import json
import re
import time

import httpx
import pytest
from course_servers import CourseServer, assert_clean_page, outputs

pytestmark = pytest.mark.slow


def test_root_opens_the_course_home(course_server: CourseServer) -> None:
    response = course_server.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/voila/render/index.ipynb"


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("index.ipynb", "Trang chủ khoá học"),
        ("01-gioi-thieu.ipynb", "Giới thiệu khoá học (bài mẫu)"),
        ("02-chuong-1.ipynb", "Chương I — Những quy định chung (bài mẫu)"),
        ("tien-do-cua-toi.ipynb", "Tiến độ của tôi"),
    ],
)
def test_every_page_renders_without_code_errors_or_cdn(
    course_server: CourseServer, page: str, title: str
) -> None:
    response = course_server.get(f"/voila/render/{page}")
    assert response.status_code == 200
    html = response.text
    assert_clean_page(html)
    assert f"<title>{title}</title>" in html
    widget_views = [
        o for o in outputs(html) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert widget_views, "the page shows its widgets"


def test_page_config_keeps_everything_local(course_server: CourseServer) -> None:
    html = course_server.get("/voila/render/index.ipynb").text
    config = json.loads(
        re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert config["fullMathjaxUrl"] == "null" and config["mathjaxConfig"] == "null"
    assert [e["name"] for e in config["federated_extensions"]] == [
        "@jupyter-widgets/jupyterlab-manager",
        "@voila-dashboards/widgets-manager8",
    ]


def test_kernel_cap_gives_a_please_wait_page_and_leaving_frees_a_place(
    start_course_server,
) -> None:
    server = start_course_server(max_kernels=1, pool_size=0, module_pool_size=0)
    first = server.get("/voila/render/01-gioi-thieu.ipynb")
    assert first.status_code == 200
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', first.text).group(1)
    assert server.status()["visitor_kernels"] == 1

    waiting = server.get("/voila/render/02-chuong-1.ipynb")
    assert waiting.status_code == 503
    assert waiting.headers["Retry-After"] == "10"
    assert "Xin vui lòng chờ" in waiting.text
    assert '<meta http-equiv="refresh" content="10">' in waiting.text

    # The page's own shutdown call (sent when it is closed) needs no XSRF token here,
    # but must come from the same site.
    url = f"{server.url}/voila/api/shutdown/{kernel_id}"
    assert httpx.post(url, headers={"Referer": "https://elsewhere.example/"}).status_code == 403
    left = httpx.post(url, headers={"Referer": server.url + "/voila/render/01-gioi-thieu.ipynb"})
    assert left.status_code == 204
    assert httpx.post(url, headers={"Referer": server.url + "/"}).status_code == 204  # twice
    # The handler answers first and stops the kernel after: poll, with a deadline.
    deadline = time.monotonic() + 30
    while server.status()["visitor_kernels"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.status()["visitor_kernels"] == 0

    again = server.get("/voila/render/02-chuong-1.ipynb")
    assert again.status_code == 200
    assert_clean_page(again.text)


def test_idle_kernels_of_closed_pages_are_culled(start_course_server) -> None:
    server = start_course_server(
        pool_size=0,
        module_pool_size=0,
        extra=(
            "--MappingKernelManager.cull_idle_timeout=2",
            "--MappingKernelManager.cull_interval=1",
        ),
    )
    assert server.get("/voila/render/01-gioi-thieu.ipynb").status_code == 200
    assert server.status()["visitor_kernels"] == 1
    deadline = time.monotonic() + 30
    while server.status()["visitor_kernels"] and time.monotonic() < deadline:
        time.sleep(0.5)  # polling with a deadline: culling runs every second here
    assert server.status()["visitor_kernels"] == 0
