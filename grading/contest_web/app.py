"""Run the contest page: one tornado process, its thread pool, and the expiry sweep.

    serve_contest(course_dir=Path("var/demo"), host="127.0.0.1", port=8870)   # blocks
    contest_command(course_dir=..., host=..., port=...)   # argv for a child process

``dancoso contest serve SPEC --course-dir DIR --port P`` calls :func:`serve_contest`;
``dancoso serve`` can start it as a child process with :func:`contest_command` and print
:func:`contest_url`. Listening uses a deep accept backlog (a thousand phones connecting at
the start of a round must not wait for SYN retries), the access log records only failures
and slow requests (logging every save would cost more than the save), and bodies above
1 MiB are dropped by tornado before they are read.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.ioloop import PeriodicCallback
from tornado.netutil import bind_sockets

from .handlers import NotFoundHandler, routes
from .service import ContestService

__all__ = ["make_app", "start_server", "serve_contest", "contest_command", "contest_url"]

HERE = Path(__file__).resolve().parent
SWEEP_MS = 30_000
BACKLOG = 4096
SLOW_SECONDS = 1.0
log = logging.getLogger("dancoso.contest_web")


def _log_request(handler: tornado.web.RequestHandler) -> None:
    seconds = handler.request.request_time()
    status = handler.get_status()
    if status >= 500 or seconds > SLOW_SECONDS:
        log.warning(
            "%d %s %s %.0f ms", status, handler.request.method, handler.request.path, seconds * 1000
        )


def make_app(service: ContestService, *, debug: bool = False) -> tornado.web.Application:
    return tornado.web.Application(
        routes(service),
        template_path=str(HERE / "templates"),
        static_path=str(HERE / "static"),
        static_url_prefix="/static/",
        default_handler_class=NotFoundHandler,
        default_handler_args={"service": service},
        compress_response=True,
        log_function=_log_request,
        debug=debug,
    )


def start_server(
    service: ContestService, *, host: str, port: int, behind_proxy: bool = False
) -> tuple[HTTPServer, int, PeriodicCallback]:
    """Listen and start the sweep on the running loop; returns (server, port, sweeper)."""
    server = HTTPServer(
        make_app(service),
        xheaders=behind_proxy,
        max_body_size=1 << 20,
        max_buffer_size=1 << 20,
        idle_connection_timeout=120,
    )
    sockets = bind_sockets(port, host, backlog=BACKLOG)
    server.add_sockets(sockets)
    sweeper = PeriodicCallback(service.sweep, SWEEP_MS)
    sweeper.start()
    # Attempts that expired while the server was down (the task is kept: asyncio holds only
    # a weak reference to running tasks).
    service.startup_sweep = asyncio.get_running_loop().create_task(service.sweep())
    return server, sockets[0].getsockname()[1], sweeper


def contest_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    return f"http://{shown}:{port}/"


async def _serve(course_dir: Path, host: str, port: int, workers: int, behind_proxy: bool) -> None:
    service = ContestService(course_dir, workers=workers)
    server, bound, sweeper = start_server(service, host=host, port=port, behind_proxy=behind_proxy)
    print(f"Trang thi / contest page: {contest_url(host, bound)}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    sweeper.stop()
    server.stop()
    await server.close_all_connections()
    service.close()  # waits for saves already in the thread pool


def serve_contest(
    *,
    course_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8870,
    workers: int = 8,
    behind_proxy: bool = False,
) -> int:
    """Serve until SIGINT/SIGTERM. The page is Vietnamese whatever the server's locale."""
    os.environ.setdefault("DANCOSO_LANG", "vi")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(_serve(Path(course_dir), host, port, workers, behind_proxy))
    return 0


def contest_command(*, course_dir: Path, host: str, port: int) -> list[str]:
    """The command line that serves the contest page as a child process."""
    return [
        sys.executable,
        "-m",
        "grading.contest_web",
        "--course-dir",
        str(course_dir),
        "--host",
        host,
        "--port",
        str(port),
    ]
