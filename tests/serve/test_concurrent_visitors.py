"""Many visitors at once: every load completes, nothing comes from outside this machine,
and kernels are given back when the pages are left.

Twenty simulated visitors (HTTP) each open the course home and then a module, all at the
same time; then real browser pages open a module together and must show working widgets.
"""

from __future__ import annotations

import asyncio
import re
import time
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from course_servers import CourseServer, run_async

pytestmark = pytest.mark.slow

VISITORS = 20
BROWSER_PAGES = 5
LOCAL_HOSTS = {"127.0.0.1"}
ASSET = re.compile(r"""<(?:script|link)[^>]+(?:src|href)=["']([^"']+)["']""")


async def visit(client: httpx.AsyncClient, base: str) -> list[str]:
    """Open the home, then a module, leaving each page as a browser does."""
    pages = []
    for path in ("/", "/voila/render/02-chuong-1.ipynb"):
        response = await client.get(base + path, follow_redirects=True, timeout=300)
        assert response.status_code == 200, response.status_code
        html = response.text
        assert html.rstrip().endswith("</html>"), "the page stopped half-way"
        assert "application/vnd.jupyter.widget-view+json" in html, "no widget rendered"
        kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1)
        leave = await client.post(
            f"{base}/voila/api/shutdown/{kernel}", headers={"Referer": str(response.url)}
        )
        assert leave.status_code == 204
        pages.append(html)
    return pages


def wait_until_no_visitor_kernels(server: CourseServer, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while (left := server.status()["visitor_kernels"]) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


def test_twenty_visitors_at_once_all_get_their_pages(course_server: CourseServer) -> None:
    async def everyone() -> list[list[str]]:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=100)) as client:
            # Bounded: a hang must fail this test, not stall the suite.
            return await asyncio.wait_for(
                asyncio.gather(*(visit(client, course_server.url) for _ in range(VISITORS))),
                timeout=420,
            )

    started = time.monotonic()
    visits = run_async(everyone)
    elapsed = time.monotonic() - started
    assert len(visits) == VISITORS
    print(f"{VISITORS} visitors × 2 pages in {elapsed:.1f} s")

    # Every script and stylesheet the pages name is served by this server.
    named = {a for v in visits for p in v for a in ASSET.findall(p) if not a.startswith("data:")}
    assets = {urljoin(course_server.url + "/", a) for a in named}
    assert assets, "the pages load their scripts and styles"
    for asset in sorted(assets):
        assert urlsplit(asset).hostname in LOCAL_HOSTS, asset
        assert httpx.get(asset, timeout=60).status_code == 200, asset
    assert wait_until_no_visitor_kernels(course_server) == 0


@pytest.mark.browser
def test_browser_pages_at_once_show_widgets_and_stay_local(
    course_server: CourseServer, browser
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    outside: list[str] = []
    seen: list[str] = []

    def record(url: str) -> None:
        seen.append(url)
        parts = urlsplit(url)
        if parts.scheme not in {"data", "blob", "about"} and parts.hostname not in LOCAL_HOSTS:
            outside.append(url)

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()  # recorded by the request listener too

    context.route("**/*", guard)
    context.on("request", lambda request: record(request.url))
    pages = [context.new_page() for _ in range(BROWSER_PAGES)]
    for page in pages:
        page.on("websocket", lambda socket: record(socket.url))
    module = course_server.url + "/voila/render/02-chuong-1.ipynb"
    try:
        for page in pages:  # all navigations start together, then each is awaited
            page.evaluate("url => { window.location.href = url; }", module)
        for page in pages:
            page.wait_for_selector(".dancoso-selfcheck .dancoso-card", timeout=180_000)
            assert page.locator(".dancoso-card").count() == 3
        for page in pages:
            page.close(run_before_unload=True)
        assert wait_until_no_visitor_kernels(course_server) == 0, "closed pages keep kernels"
    finally:
        context.close()
    assert outside == [], f"requests left this machine: {sorted(set(outside))[:10]}"
    assert any("/api/kernels/" in url for url in seen), "the widgets talk to their kernels"
