"""Voilà for the course: kernel pool, culling, a kernel cap with a "please wait" page, no CDN.

Run as ``python -m dancoso.voila_app COURSES_DIR [Voilà options]`` (``dancoso serve`` does).
It is stock Voilà (all its options and ``voila.json`` work) with these changes:

- ``/`` opens the course home (``CourseVoila.home``) instead of the file tree;
- pre-started kernels: ``home_pool_size`` for the home page, ``module_pool_size`` for each
  other notebook (Voilà's ``kernel_pools_config``); the widgets wait for the visitor's request
  before reading the learner's progress (see :mod:`widgets.course`);
- a closed page gives its kernel back at once (Voilà's own shutdown call, refused by stock
  Voilà for want of an XSRF token, is accepted here; see :class:`LeaveHandler`), and idle
  kernels are culled (``MappingKernelManager.cull_idle_timeout``, 15 min by default, only once
  the page is closed: ``cull_connected`` stays False), so kernels do not pile up;
- ``max_kernels`` caps the kernels serving visitors; past it a visitor gets a short Vietnamese
  "xin vui lòng chờ" page (HTTP 503, ``Retry-After``) that retries by itself, never a hang;
- nothing is loaded from a CDN: the ``dancoso`` template drops the Font Awesome links and the
  Mermaid loader of the stock template, MathJax is the bundled one, and only the widget
  extensions are loaded into the page;
- pages are Vietnamese (``<html lang="vi">``) and show no code (Voilà strips inputs);
- a busy server is slow rather than wrong: outputs are awaited up to 2 min
  (``VoilaExecutor.iopub_timeout``; nbclient's 4 s dropped widgets under load).
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from traitlets import Int, Unicode, default
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from .cli_common import tr

__all__ = [
    "CourseVoila",
    "CappedVoilaHandler",
    "LeaveHandler",
    "StatusHandler",
    "JUPYTER_DATA",
    "main",
    "visitor_kernels",
]

JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"
WIDGET_EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"]


def pooled_kernel_ids(kernel_manager) -> set[str]:
    """Kernels waiting in Voilà's pre-started pools (not yet given to a visitor)."""
    ids = set()
    for pool in getattr(kernel_manager, "_pools", {}).values():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                ids.add(task.result()["kernel_id"])
    return ids


def visitor_kernels(kernel_manager) -> int:
    return len(set(kernel_manager.list_kernel_ids()) - pooled_kernel_ids(kernel_manager))


class CappedVoilaHandler(TornadoVoilaHandler):
    """Voilà's page handler, refusing politely when ``max_kernels`` visitors are served.

    A request counts from the moment it is admitted until its kernel is running (its first
    byte is flushed); from then on the kernel itself counts until it is shut down or culled.
    """

    admitted_without_kernel = 0

    @tornado.web.authenticated
    async def get(self, path=None):
        limit = self.settings.get("dancoso_max_kernels", 0)
        busy = visitor_kernels(self.kernel_manager) + CappedVoilaHandler.admitted_without_kernel
        if limit and busy >= limit:
            self.log.warning("Kernel cap reached (%s of %s): asking a visitor to wait", busy, limit)
            return self._please_wait()
        CappedVoilaHandler.admitted_without_kernel += 1
        self._counted = True
        try:
            await super().get(path)
        finally:
            self._release()

    def flush(self, *args, **kwargs):
        self._release()
        return super().flush(*args, **kwargs)

    def _release(self) -> None:
        if getattr(self, "_counted", False):
            self._counted = False
            CappedVoilaHandler.admitted_without_kernel -= 1

    def _please_wait(self) -> None:
        seconds = self.settings.get("dancoso_retry_seconds", 10)
        self.set_status(503)
        self.set_header("Retry-After", str(seconds))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(please_wait_page(seconds))


class LeaveHandler(APIHandler):
    """``POST /voila/api/shutdown/<kernel id>``: the page was closed, free its kernel now.

    Voilà's page already sends this on ``beforeunload`` and ours again on ``pagehide``
    (``navigator.sendBeacon``), but neither can carry Jupyter's XSRF token, so stock Voilà
    answers 403 and the kernel lives on until culled. Here a same-site Referer stands in for
    the token (the kernel id is a random UUID only the page holding the kernel knows), and
    a second call for the same kernel is a no-op."""

    def check_xsrf_cookie(self) -> None:
        if not self.check_referer():
            raise tornado.web.HTTPError(403, "cross-site request")

    @tornado.web.authenticated
    async def post(self, kernel_id: str) -> None:
        manager = self.kernel_manager
        self.set_status(204)
        await self.finish()  # the page is gone; answer first, then stop the kernel
        if kernel_id in manager and kernel_id not in pooled_kernel_ids(manager):
            # now=True: no grace period; every answer was already saved when it was given.
            await ensure_async(manager.shutdown_kernel(kernel_id, now=True))


class StatusHandler(APIHandler):
    """``GET /voila/api/dancoso/status``: kernel counts, for monitoring (and the tests)."""

    @tornado.web.authenticated
    def get(self) -> None:
        manager = self.kernel_manager
        self.finish(
            {
                "kernels": len(manager.list_kernel_ids()),
                "visitor_kernels": visitor_kernels(manager),
                "pooled_kernels": len(pooled_kernel_ids(manager)),
                "max_kernels": self.settings.get("dancoso_max_kernels", 0),
            }
        )


def please_wait_page(seconds: int) -> str:
    title = escape(tr("wait_title"))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{seconds}">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto;
  padding: 0 1rem; line-height: 1.6; color: #1f1f1f; }}
a {{ display: inline-block; min-height: 44px; line-height: 44px; color: #0b4f94; }}
</style></head>
<body><main>
<h1>{title}</h1>
<p>{escape(tr("wait_body", seconds=seconds))}</p>
<p><a href="">{escape(tr("wait_retry"))}</a></p>
</main></body></html>
"""


def local_page_config(page_config: dict, **_kwargs) -> dict:
    """Use the MathJax bundled with Voilà (both options "null") instead of the CDN one."""
    page_config["fullMathjaxUrl"] = "null"
    page_config["mathjaxConfig"] = "null"
    return page_config


class CourseVoila(Voila):
    name = "voila"  # read the same voila.json / voila.py config files as stock Voilà

    max_kernels = Int(
        0,
        config=True,
        help="Most kernels serving visitors at once (0: no cap). Past it a visitor gets a "
        "'please wait' page that retries by itself.",
    )
    retry_seconds = Int(10, config=True, help="Seconds before the 'please wait' page retries.")
    home = Unicode("index.ipynb", config=True, help="Notebook that the root URL opens.")
    home_pool_size = Int(2, config=True, help="Pre-started kernels for the home notebook.")
    module_pool_size = Int(
        1, config=True, help="Pre-started kernels for every other notebook (0: none)."
    )

    @default("port_retries")
    def _no_port_retries(self):
        return 0

    def initialize(self, argv=None):
        # Our template (no CDN links) is found through JUPYTER_PATH, also by the kernels.
        paths = [str(JUPYTER_DATA), *filter(None, os.environ.get("JUPYTER_PATH", "").split(":"))]
        os.environ["JUPYTER_PATH"] = ":".join(dict.fromkeys(paths))
        super().initialize(argv)
        self._apply_defaults()

    def _apply_defaults(self) -> None:
        config = self.config
        voila = self.voila_configuration
        if "template" not in config.VoilaConfiguration:
            voila.template = "dancoso"
            self.setup_template_dirs()
        if "extension_allowlist" not in config.VoilaConfiguration:
            voila.extension_allowlist = WIDGET_EXTENSIONS
        if voila.page_config_hook is None:
            voila.page_config_hook = local_page_config
        if "language_code" not in config.VoilaExporter:
            config.VoilaExporter.language_code = "vi"
        # nbclient waits only 4 s for a cell's outputs after its reply; on a busy server the
        # widget output arrives later and the page came out without its widgets (seen at 20
        # simultaneous visitors). Wait as long as it takes, within reason.
        config.VoilaExecutor.setdefault("iopub_timeout", 120)
        kernels = config.MappingKernelManager
        kernels.setdefault("cull_idle_timeout", 15 * 60)
        kernels.setdefault("cull_interval", 60)
        pools = self._pool_config()
        if pools and "preheat_kernel" not in config.VoilaConfiguration:
            voila.preheat_kernel = True
        if voila.preheat_kernel and "kernel_pools_config" not in config.VoilaKernelManager:
            config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": 0}, **pools}
            config.VoilaKernelManager.setdefault("fill_delay", 0)

    def _pool_config(self) -> dict:
        root = Path(self.root_dir)
        pools = {}
        for notebook in sorted(root.glob("*.ipynb")):
            size = self.home_pool_size if notebook.name == self.home else self.module_pool_size
            if size > 0:
                pools[notebook.name] = {"pool_size": size}
        return pools

    def init_settings(self):
        settings = super().init_settings()
        settings["dancoso_max_kernels"] = self.max_kernels
        settings["dancoso_retry_seconds"] = self.retry_seconds
        return settings

    def init_handlers(self):
        handlers = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if handler is TornadoVoilaHandler:
                spec = (pattern, CappedVoilaHandler, *spec[2:])
            elif handler is VoilaShutdownKernelHandler:
                spec = (pattern, LeaveHandler)
            elif handler is TornadoVoilaTreeHandler and pattern == self.server_url:
                target = url_path_join(self.server_url, "voila/render", self.home)
                spec = (pattern, tornado.web.RedirectHandler, {"url": target, "permanent": False})
            handlers.append(spec)
        status = url_path_join(self.server_url, "/voila/api/dancoso/status")
        return [(status, StatusHandler), *handlers]


main = CourseVoila.launch_instance

if __name__ == "__main__":
    main()
