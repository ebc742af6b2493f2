"""Start the platform on localhost: JupyterLab (courses, nbgrader) and Voilà (pages).

Each server is a child process; Ctrl-C (or SIGTERM) stops them all. Whatever exists at this
stage is served: the prepared courses, the nbgrader course directory and its gradebook.
"""

from __future__ import annotations

import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from quizzes.datadir import data_dir as resolve_data_dir

from .prepare import prepare_platform

__all__ = ["serve", "ServerSpec", "server_commands"]


@dataclass(frozen=True)
class ServerSpec:
    name: str
    command: list[str]
    url: str


def server_commands(
    *, data_dir: Path, host: str, lab_port: int, voila_port: int, token: str
) -> list[ServerSpec]:
    python = sys.executable
    courses = data_dir / "courses"
    lab = ServerSpec(
        name="JupyterLab",
        command=[
            python,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ip={host}",
            f"--port={lab_port}",
            "--port-retries=0",
            f"--ServerApp.root_dir={data_dir}",
            f"--IdentityProvider.token={token}",
        ],
        url=f"http://{host}:{lab_port}/lab?token={token}",
    )
    voila = ServerSpec(
        name="Voilà",
        command=[
            python,
            "-m",
            "voila",
            str(courses),
            "--no-browser",
            f"--Voila.ip={host}",
            f"--port={voila_port}",
            "--show_tracebacks=False",
            "--VoilaConfiguration.file_allowlist=['.*\\.(png|svg|jpg|css)']",
        ],
        url=f"http://{host}:{voila_port}/",
    )
    return [lab, voila]


def serve(*, data_dir: Path | None, host: str, lab_port: int, voila_port: int) -> int:
    root = resolve_data_dir(data_dir)
    prepared = prepare_platform(root)
    token = secrets.token_hex(16)
    specs = server_commands(
        data_dir=root, host=host, lab_port=lab_port, voila_port=voila_port, token=token
    )
    processes = [subprocess.Popen(spec.command, cwd=root) for spec in specs]
    print("\nDân chủ cơ sở — nền tảng đang chạy / platform running:")
    for spec in specs:
        print(f"  {spec.name:<10} {spec.url}")
    for line in prepared.summary():
        print(f"  {line}")
    print("Nhấn Ctrl-C để dừng / press Ctrl-C to stop.\n", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return next(p.returncode for p in processes if p.poll() is not None) or 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
