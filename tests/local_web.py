"""What every test that serves pages or drives Chromium shares: Debian's Chromium and its
flags, a free localhost port, waiting for a server, and the phone/accessibility checks.

``tests/`` is on ``sys.path`` (``tests/conftest.py`` sits there), so any test imports it:

    from local_web import CHROMIUM, CHROMIUM_FLAGS, free_port, wait_for_http
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "free_port",
    "wait_for_http",
    "serious_violations",
    "assert_phone_friendly",
]

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install` (no internet)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(
    url: str, process: subprocess.Popen, timeout: float = 90, *, any_status: bool = False
) -> None:
    """Until ``url`` answers 200 (any HTTP status with ``any_status``); fails early if the
    server process exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            if any_status:
                return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval while the server starts, not a race fix
    raise TimeoutError(url)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def assert_phone_friendly(page, targets: str) -> None:
    """Nothing scrolls sideways and every visible element matching ``targets`` (what a finger
    must hit) is at least 44 px high."""
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, f"the page scrolls sideways ({width} > {client} px)"
    small = page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(e => e.offsetParent !== null && !e.closest('dialog:not([open])'))
            .map(e => [e.tagName + ' ' + (e.textContent || e.placeholder || e.name || '')
                         .trim().slice(0, 30), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)""",
        targets,
    )
    assert small == [], f"touch targets under 44 px: {small}"
