"""The contest page for officials: a phone-first page and a small JSON API, one process.

Why this design. The capacity goal is 1,000 concurrent participants on one 2-core machine
with a p95 answer-save under 250 ms and no answer lost. A Voilà kernel per visitor costs about
100 MB and 1.5 s to start, so a thousand visitors cannot each get one; a shared-process widget
server still keeps per-visitor widget state in Python and pushes every click through a
websocket protocol built for notebooks. An answer sheet needs far less: the paper once, then a
few hundred bytes per change. So the page is static HTML, CSS and vanilla JavaScript (served
from this package, no CDN, Vietnamese), and the server is a small asyncio tornado app
(tornado is already installed with Jupyter) whose only state is on disk, written through
:class:`grading.intake.Intake` — the same API as every other way in, so each submission lands
in nbgrader's exchange inbound exactly as ``nbgrader submit`` leaves it.

It is a standalone process (``dancoso contest serve``), not a Jupyter server extension:
officials need no Jupyter account or token, the page keeps serving while JupyterLab or
Voilà restart or are busy with kernels, and its capacity can be measured and tuned alone
(``benchmarks/contest_load.py``). One process is enough (the work per request is small and
file writes release the GIL) and keeps the per-attempt locks that guarantee a saved answer is
in the submission in one place.

Deployment: ``dancoso contest serve SPEC --course-dir DIR --host 127.0.0.1 --port 8870``
behind an HTTPS reverse proxy (nginx, Caddy) for anything beyond a local network — the page
carries phone and CCCD numbers — with ``--behind-proxy`` so the session cookie is marked
``Secure`` and client addresses are the real ones. State is on disk only (drafts, ledger,
registry, sessions): restarting the server loses nothing and participants keep their session.

Modules: :mod:`.service` (operations, thread pool, locks, durability), :mod:`.fast_intake`
(Intake with a cached contest and per-thread ledger connections), :mod:`.sheets` and
:mod:`.receipts` (what comes in and what goes back), :mod:`.handlers` (HTTP and JSON,
errors, cookie, CSRF checks), :mod:`.people` (registration and logging in again),
:mod:`.sessions` (tokens), :mod:`.page_data` (what the page may know of the spec),
:mod:`.app` (serving), ``templates/`` and ``static/`` (the page).
"""

from importlib import import_module

_EXPORTS = {
    "ContestService": "service",
    "contest_command": "app",
    "contest_url": "app",
    "make_app": "app",
    "serve_contest": "app",
    "start_server": "app",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    # Lazy (PEP 562): the CLI reads .messages without importing tornado.
    if name not in _EXPORTS:
        raise AttributeError(f"module 'grading.contest_web' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
