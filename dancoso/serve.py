"""Start the platform on localhost: the course in Voilà, and JupyterLab for notebooks.

Each server is a child process; Ctrl-C (or SIGTERM) stops them all. Whatever exists at this
stage is served: the prepared courses (``<data>/courses``), the nbgrader course directory and
its gradebook. Voilà runs through :mod:`dancoso.voila_app` (kernel pool, culling, a kernel
cap with a "please wait" page, no CDN); its root opens the course home.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from quizzes.datadir import data_dir as resolve_data_dir

from .cli_common import tr
from .prepare import HOME, prepare_platform

__all__ = ["serve", "ServerSpec", "VoilaOptions", "server_commands", "server_env", "default_cap"]

KERNEL_MB = 150  # measured: about 136 MB per course kernel


@dataclass(frozen=True)
class ServerSpec:
    name: str
    command: list[str]
    url: str


@dataclass(frozen=True)
class VoilaOptions:
    """How many visitors Voilà serves and how it keeps kernels ready and tidy."""

    max_kernels: int | None = None  # None: from the machine's memory (see default_cap)
    pool_size: int = 2  # pre-started kernels for the course home
    module_pool_size: int = 1  # … and for each module
    cull_idle: int = 15 * 60  # seconds a closed page's kernel may stay idle
    extra: list[str] = field(default_factory=list)  # more Voilà options, passed as they are


def default_cap() -> int:
    """Visitor kernels that half of this machine's memory holds (at least 4, at most 200)."""
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 20
    return max(4, min(200, int(memory / 2 / (KERNEL_MB * 2**20))))


def server_env(*, data_dir: Path, host: str) -> dict[str, str]:
    """The servers' (and so the kernels') environment: where progress and data live."""
    env = {**os.environ, "DANCOSO_DATA": str(data_dir)}
    if host not in {"0.0.0.0", "::", ""}:
        env["VOILA_APP_IP"] = host  # where pre-started kernels ask for the visitor's request
    return env


def server_commands(
    *,
    data_dir: Path,
    host: str,
    lab_port: int,
    voila_port: int,
    token: str,
    voila: VoilaOptions | None = None,
) -> list[ServerSpec]:
    python = sys.executable
    voila = voila or VoilaOptions()
    cap = default_cap() if voila.max_kernels is None else voila.max_kernels
    courses = data_dir / "courses"
    shown_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    home = f"courses/{HOME}.ipynb"
    lab = ServerSpec(
        name=tr("serving_lab"),
        command=[
            python,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ip={host}",
            f"--port={lab_port}",
            "--port-retries=0",
            f"--ServerApp.root_dir={data_dir}",
            f"--ServerApp.default_url=/lab/tree/{home}",
            f"--IdentityProvider.token={token}",
            # Containers and CI run as root; Jupyter refuses that unless told it is intended.
            *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
        ],
        url=f"http://{shown_host}:{lab_port}/lab/tree/{home}?token={token}",
    )
    course = ServerSpec(
        name=tr("serving_course"),
        command=[
            python,
            "-m",
            "dancoso.voila_app",
            str(courses),
            "--no-browser",
            f"--Voila.ip={host}",
            f"--port={voila_port}",
            "--show_tracebacks=False",
            "--VoilaConfiguration.file_allowlist=.*\\.(png|svg|jpg|css)",
            f"--CourseVoila.max_kernels={cap}",
            f"--CourseVoila.home_pool_size={voila.pool_size}",
            f"--CourseVoila.module_pool_size={voila.module_pool_size}",
            f"--MappingKernelManager.cull_idle_timeout={voila.cull_idle}",
            f"--MappingKernelManager.cull_interval={max(5, min(60, voila.cull_idle // 4))}",
            *voila.extra,
        ],
        url=f"http://{shown_host}:{voila_port}/",
    )
    return [course, lab]


def serve(
    *,
    data_dir: Path | None,
    host: str,
    lab_port: int,
    voila_port: int,
    voila: VoilaOptions | None = None,
    demo=None,
) -> int:
    """Serve until Ctrl-C. ``demo`` (a :class:`dancoso.demo.DemoOptions`) also prepares the
    demo contest and serves its contest page, organiser pages and public results."""
    root = resolve_data_dir(data_dir)
    prepared = prepare_platform(root)
    token = secrets.token_hex(16)
    specs = server_commands(
        data_dir=root,
        host=host,
        lab_port=lab_port,
        voila_port=voila_port,
        token=token,
        voila=voila,
    )
    env = server_env(data_dir=root, host=host)
    if demo is not None:
        from .demo import prepare_demo

        prepared_demo = prepare_demo(root, participants=demo.participants)
        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
        specs += prepared_demo.servers(host=host, shown_host=shown_host, ports=demo)
        env.update(prepared_demo.env())
    processes = [subprocess.Popen(spec.command, cwd=root, env=env) for spec in specs]
    print("\nDân chủ cơ sở — nền tảng đang chạy / platform running:")
    for spec in specs:
        print(f"  {spec.name:<18} {spec.url}")
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
