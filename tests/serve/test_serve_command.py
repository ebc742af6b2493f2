"""`dancoso serve`: the servers it starts and the options it passes them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from course_servers import FIXTURE_COURSE

from dancoso.serve import VoilaOptions, default_cap, server_commands, server_env


def test_voila_serves_the_course_with_cap_pool_and_culling(tmp_path: Path) -> None:
    course, lab = server_commands(
        data_dir=tmp_path,
        host="127.0.0.1",
        lab_port=9001,
        voila_port=9002,
        token="t0k",
        voila=VoilaOptions(max_kernels=12, pool_size=3, module_pool_size=0, cull_idle=300),
    )
    assert course.command[1:4] == ["-m", "dancoso.voila_app", str(tmp_path / "courses")]
    for option in (
        "--CourseVoila.max_kernels=12",
        "--CourseVoila.home_pool_size=3",
        "--CourseVoila.module_pool_size=0",
        "--MappingKernelManager.cull_idle_timeout=300",
        "--show_tracebacks=False",
    ):
        assert option in course.command
    assert course.url == "http://127.0.0.1:9002/"
    assert lab.url == "http://127.0.0.1:9001/lab/tree/courses/index.ipynb?token=t0k"
    assert f"--ServerApp.root_dir={tmp_path}" in lab.command


def test_cap_from_memory_and_environment(tmp_path: Path) -> None:
    assert 4 <= default_cap() <= 200
    env = server_env(data_dir=tmp_path, host="10.0.0.5")
    assert env["DANCOSO_DATA"] == str(tmp_path) and env["VOILA_APP_IP"] == "10.0.0.5"
    assert "VOILA_APP_IP" not in server_env(data_dir=tmp_path, host="0.0.0.0")


def test_prepare_only_and_help(tmp_path: Path, monkeypatch) -> None:
    import dancoso.prepare

    monkeypatch.setattr(dancoso.prepare, "COURSES_DIR", FIXTURE_COURSE)
    from dancoso.cli import main

    assert main(["serve", "--data-dir", str(tmp_path), "--prepare-only"]) == 0
    assert (tmp_path / "courses" / "02-chuong-1.ipynb").exists()
    assert (tmp_path / "nbgrader_config.py").exists()
    shown = subprocess.run(
        [sys.executable, "-m", "dancoso.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--max-kernels" in shown and "dancoso serve --data-dir var" in shown


@pytest.mark.slow
def test_dancoso_serve_runs_and_stops_cleanly(tmp_path: Path) -> None:
    """What `make run` does: the course, JupyterLab, and the demo contest's page, organiser
    pages and public results come up; the root opens the course home; SIGTERM stops all."""
    import os
    import signal
    import time

    import httpx
    from course_servers import free_port

    lab_port, voila_port = free_port(), free_port()
    contest_port, pages_port, site_port = free_port(), free_port(), free_port()
    env = {**os.environ, "DANCOSO_LANG": "vi"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dancoso.cli",
            "serve",
            "--data-dir",
            str(tmp_path),
            "--lab-port",
            str(lab_port),
            "--voila-port",
            str(voila_port),
            "--pool-size",
            "0",
            "--module-pool-size",
            "0",
            "--contest-port",
            str(contest_port),
            "--pages-port",
            str(pages_port),
            "--site-port",
            str(site_port),
            "--demo-participants",
            "40",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 240  # includes building and grading the demo contest
        home = lab = None
        while time.monotonic() < deadline and (home is None or lab is None):
            assert process.poll() is None, process.stdout.read()
            try:
                home = home or httpx.get(f"http://127.0.0.1:{voila_port}/", timeout=2)
                lab = lab or httpx.get(f"http://127.0.0.1:{lab_port}/api", timeout=2)
            except httpx.TransportError:
                time.sleep(0.3)
        assert home is not None and home.headers["Location"] == "/voila/render/index.ipynb"
        assert lab is not None and lab.status_code == 200
        page = httpx.get(f"http://127.0.0.1:{voila_port}/voila/render/index.ipynb", timeout=120)
        assert page.status_code == 200 and "<title>" in page.text
        demo_pages = {
            f"http://127.0.0.1:{contest_port}/": "<html",
            f"http://127.0.0.1:{site_port}/": "<html",
            f"http://127.0.0.1:{pages_port}/voila/render/organiser-dashboard.ipynb": "<title>",
        }
        for url, marker in demo_pages.items():
            response = _get_when_up(httpx, url, deadline=time.monotonic() + 120)
            assert response.status_code == 200 and marker in response.text.lower(), url
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert f"http://127.0.0.1:{voila_port}/" in output
    assert f"http://127.0.0.1:{lab_port}/lab/tree/courses/index.ipynb?token=" in output
    for port in (contest_port, pages_port, site_port):
        assert f"http://127.0.0.1:{port}/" in output
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "demo" / "results" / "attempts.parquet").exists()


def _get_when_up(httpx, url: str, *, deadline: float):
    import time

    while True:
        try:
            return httpx.get(url, timeout=120, follow_redirects=True)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
