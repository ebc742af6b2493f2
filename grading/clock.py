"""Server time, in Vietnam's zone (``Asia/Ho_Chi_Minh``): windows and time limits use it.

``DANCOSO_NOW`` (an ISO time with offset, e.g. ``2026-12-01T09:00:00+07:00``) freezes the
clock for demos and tests; every intake function also takes an explicit ``now``.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

__all__ = ["VIETNAM", "now", "in_vietnam", "iso"]

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> dt.datetime:
    override = os.environ.get("DANCOSO_NOW", "").strip()
    if override:
        moment = dt.datetime.fromisoformat(override)
        if moment.tzinfo is None:
            raise ValueError("DANCOSO_NOW needs an offset, e.g. 2026-12-01T09:00:00+07:00")
        return moment.astimezone(VIETNAM)
    return dt.datetime.now(VIETNAM)


def in_vietnam(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: server times must carry a zone")
    return moment.astimezone(VIETNAM)


def iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else in_vietnam(moment).isoformat(timespec="microseconds")
