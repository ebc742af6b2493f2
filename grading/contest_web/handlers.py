"""Tornado handlers of the contest page: the page itself and its small JSON API.

    GET  /                                       the page (HTML; CSS and JS under /static/)
    GET  /api/contest                            titles, rounds, rules, the form, consent
    GET  /api/time                               server time (the page corrects clock skew)
    POST /api/register   {values, consent, publish_consent}       → session cookie
    POST /api/login      {values}                                  → session cookie
    POST /api/logout
    GET  /api/me                                 my rounds: attempts used, open, submitted
    POST /api/rounds/<round>/start               {practice}  → keyless paper + deadline
    PUT  /api/rounds/<round>/<kind>/<n>/answers  {answers, essays, prediction, seq} → saved
    POST /api/rounds/<round>/<kind>/<n>/submit   {answers, essays, prediction}      → receipt

Every API answer is JSON and carries the server's ``now``; every error is
``{"error": code, "message": <Vietnamese>}`` with a 4xx/5xx status. Requests that change
something must be JSON (``Content-Type: application/json``) from this site (``Origin``
checked when the browser sends it; the cookie is ``SameSite=Strict``), so another site cannot
act for a participant. Bodies are limited to :data:`MAX_BODY` bytes; answer sheets, which
may carry essays, to :data:`MAX_SHEET_BODY`.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import tornado.web

from quizzes.answers import MAX_ANSWERS_BYTES

from .errors import PageError
from .messages import message
from .service import ContestService

__all__ = ["COOKIE", "MAX_BODY", "MAX_SHEET_BODY", "routes"]

log = logging.getLogger("dancoso.contest_web")
COOKIE = "dcs_phien"
COOKIE_DAYS = 120
MAX_BODY = 16 * 1024  # a registration is under 1 KB, a sheet of choices under 2 KB
# A sheet with essays (checked against MAX_ANSWERS_BYTES once parsed), with room for a client
# that escapes every Vietnamese letter as \uXXXX.
MAX_SHEET_BODY = 2 * MAX_ANSWERS_BYTES
ROUND = r"([a-z0-9][a-z0-9-]{0,39})"
ATTEMPT = ROUND + r"/(official|practice)/([1-9][0-9]{0,2})"
STATUS_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


def _reject_constant(name: str) -> object:
    raise ValueError(name)


class BaseHandler(tornado.web.RequestHandler):
    service: ContestService
    body: dict
    max_body = MAX_BODY

    def initialize(self, service: ContestService) -> None:
        self.service = service

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Content-Security-Policy", PAGE_CSP)
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        self.body = {}
        if self.request.method not in ("POST", "PUT"):
            return
        origin = self.request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != self.request.host:
            raise PageError(403, "cross_site")
        if len(self.request.body) > self.max_body:
            raise PageError(413, "too_large", limit=self.max_body // 1024)
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise PageError(415, "wrong_content_type")
        if not self.request.body:
            return
        try:
            data = json.loads(self.request.body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise PageError(400, "not_json") from None
        if not isinstance(data, dict):
            raise PageError(400, "not_json")
        self.body = data

    def write_json(self, data: dict, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, PageError):
            self.set_status(error.status)
            payload = error.payload()
        else:
            code = STATUS_CODES.get(
                status_code, "internal" if status_code >= 500 else "bad_request"
            )
            payload = {"error": code, "message": message(code)}
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(payload, ensure_ascii=False))

    def log_exception(self, typ, value, tb) -> None:
        if isinstance(value, PageError):
            return  # an expected answer (409 time up, 400 bad form…), not a server fault
        super().log_exception(typ, value, tb)

    def set_session(self, token: str) -> None:
        self.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="Strict",
            secure=self.request.protocol == "https",
            expires_days=COOKIE_DAYS,
            path="/",
        )

    async def participant(self) -> str:
        found = await self.service.participant(self.get_cookie(COOKIE))
        if found is None:
            raise PageError(401, "not_registered")
        return found


class PageHandler(BaseHandler):
    def get(self) -> None:
        spec = self.service.spec
        self.render("index.html", title=spec.title, organiser=spec.organiser)


class ContestHandler(BaseHandler):
    def get(self) -> None:
        self.write_json(self.service.info())


class TimeHandler(BaseHandler):
    def get(self) -> None:
        self.write_json({"now": self.service.now_iso()})


class RegisterHandler(BaseHandler):
    async def post(self) -> None:
        participant, token = await self.service.register(self.body)
        self.set_session(token)
        self.write_json({"participant": participant}, 201)


class LoginHandler(BaseHandler):
    async def post(self) -> None:
        participant, token = await self.service.login(self.body, self.request.remote_ip or "")
        self.set_session(token)
        self.write_json({"participant": participant})


class LogoutHandler(BaseHandler):
    async def post(self) -> None:
        token = self.get_cookie(COOKIE)
        if token:
            await self.service.logout(token)
        self.clear_cookie(COOKIE, path="/")
        self.write_json({"ok": True})


class MeHandler(BaseHandler):
    async def get(self) -> None:
        self.write_json(await self.service.status(await self.participant()))


class StartHandler(BaseHandler):
    async def post(self, round_id: str) -> None:
        practice = self.body.get("practice", False)
        if not isinstance(practice, bool):
            raise PageError(400, "bad_request")
        participant = await self.participant()
        self.write_json(await self.service.start(participant, round_id, practice))


class AnswersHandler(BaseHandler):
    max_body = MAX_SHEET_BODY

    async def put(self, round_id: str, kind: str, number: str) -> None:
        participant = await self.participant()
        self.write_json(
            await self.service.save(participant, round_id, kind, int(number), self.body)
        )

    post = put  # for clients that cannot send PUT


class SubmitHandler(BaseHandler):
    max_body = MAX_SHEET_BODY

    async def post(self, round_id: str, kind: str, number: str) -> None:
        participant = await self.participant()
        self.write_json(
            await self.service.submit(participant, round_id, kind, int(number), self.body)
        )


class NotFoundHandler(BaseHandler):
    def prepare(self) -> None:
        raise PageError(404, "not_found")


def routes(service: ContestService) -> list[tuple]:
    args = {"service": service}
    return [
        (r"/", PageHandler, args),
        (r"/api/contest", ContestHandler, args),
        (r"/api/time", TimeHandler, args),
        (r"/api/register", RegisterHandler, args),
        (r"/api/login", LoginHandler, args),
        (r"/api/logout", LogoutHandler, args),
        (r"/api/me", MeHandler, args),
        (rf"/api/rounds/{ROUND}/start", StartHandler, args),
        (rf"/api/rounds/{ATTEMPT}/answers", AnswersHandler, args),
        (rf"/api/rounds/{ATTEMPT}/submit", SubmitHandler, args),
    ]
