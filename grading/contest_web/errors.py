"""The one error the contest API raises on purpose: an HTTP status and a message to show."""

from __future__ import annotations

from .messages import message

__all__ = ["PageError"]


class PageError(Exception):
    """``PageError(409, "time_up")``: the page shows ``message`` as it is (Vietnamese)."""

    def __init__(self, status: int, code: str, *, extra: dict | None = None, **values: object):
        self.status = status
        self.code = code
        self.values = values
        self.extra = extra or {}
        super().__init__(f"{status} {code}")

    @property
    def message(self) -> str:
        return message(self.code, **self.values)

    def payload(self) -> dict:
        return {"error": self.code, "message": self.message, **self.extra}
