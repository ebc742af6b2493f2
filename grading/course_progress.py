"""Course progress for trainers: who completed which module, per learner and per unit.

Reads the learners' progress store (:class:`widgets.progress_store.ProgressStore`, trainer API
``progress_frame``/``attempts_frame``) and the course modules (``courses/*.md``). A module
*counts* for the course when it has a self-check (``course.self_check(...)`` in its source);
a learner *completed the course* when every such module is completed (its self-check reached
the 50 % pass mark). The completion date is the last module's.

Learners are the names the progress store knows (the JupyterHub user, or the name typed
once). Which unit they belong to comes from an optional roster, a CSV file with columns
``learner`` (as in the store), ``display_name`` (full name for certificates) and ``unit``;
``DANCOSO_ROSTER`` or ``<data>/learners.csv``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = [
    "CourseModule",
    "courses_dir",
    "required_modules",
    "module_questions",
    "roster_path",
    "load_roster",
    "learner_summary",
    "issue_course_certificates",
]

_SELF_CHECK = re.compile(r"self_check\(\s*[\"']([a-z0-9-]+)[\"']\s*,\s*\[([^\]]*)\]")
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


@dataclass(frozen=True)
class CourseModule:
    module: str
    title: str
    order: int


def courses_dir(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return Path(explicit)
    configured = os.environ.get("DANCOSO_COURSES")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "courses"


def required_modules(directory: Path | None = None) -> list[CourseModule]:
    """Modules with a self-check, in course order."""
    from widgets.modules import ModuleMetadataError, read_module

    found = []
    for path in sorted(courses_dir(directory).glob("*.md")):
        try:
            info = read_module(path)
        except (ModuleMetadataError, OSError, ValueError):
            continue
        if info is None:
            continue
        if _SELF_CHECK.search(path.read_text(encoding="utf-8")):
            found.append(CourseModule(info.module, info.title, info.meta.order))
    return sorted(found, key=lambda m: (m.order, m.module))


def module_questions(directory: Path | None = None) -> dict[str, list[str]]:
    """``{module: [question ids of its self-check]}`` as written in the course sources."""
    found: dict[str, list[str]] = {}
    for path in sorted(courses_dir(directory).glob("*.md")):
        for match in _SELF_CHECK.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match[1], []).extend(_QUOTED.findall(match[2]))
    return found


def roster_path(explicit: Path | None = None) -> Path | None:
    if explicit is not None:
        return Path(explicit)
    configured = os.environ.get("DANCOSO_ROSTER")
    if configured:
        return Path(configured)
    from quizzes.datadir import data_dir

    default = data_dir(create=False) / "learners.csv"
    return default if default.exists() else None


def load_roster(path: Path | None = None) -> pd.DataFrame:
    """``learner, display_name, unit`` (empty frame without a roster)."""
    from quizzes.text import nfc

    path = roster_path(path)
    columns = ["learner", "display_name", "unit"]
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=columns, dtype="str")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[columns].map(lambda v: nfc(str(v)).strip())
    return frame[frame["learner"] != ""].drop_duplicates("learner", keep="last")


def learner_summary(
    progress: pd.DataFrame, modules: list[CourseModule], roster: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per learner: display_name, unit, modules_done, modules_required, completed,
    completed_at (when the last required module was completed), mean_score (over modules)."""
    required = [m.module for m in modules]
    learners = sorted(set(progress["learner"]))
    if roster is not None and len(roster):
        learners = sorted(set(learners) | set(roster["learner"]))
    done = progress[progress["completed"] & progress["module"].isin(required)]
    counts = done.groupby("learner")["module"].nunique()
    last = done.groupby("learner")["completed_at"].max()
    mean = progress[progress["module"].isin(required)].groupby("learner")["score"].mean()
    out = pd.DataFrame({"learner": learners})
    out["modules_done"] = out["learner"].map(counts).fillna(0).astype("int64")
    out["modules_required"] = len(required)
    out["completed"] = (out["modules_done"] >= len(required)) & (len(required) > 0)
    out["completed_at"] = out["learner"].map(last).where(out["completed"])
    out["mean_score"] = out["learner"].map(mean)
    info = (roster if roster is not None else pd.DataFrame(columns=["learner"])).set_index(
        "learner"
    )
    names = info["display_name"] if "display_name" in info else pd.Series(dtype="str")
    units = info["unit"] if "unit" in info else pd.Series(dtype="str")
    out.insert(1, "display_name", out["learner"].map(names).replace("", pd.NA))
    out["display_name"] = out["display_name"].fillna(out["learner"])
    out.insert(2, "unit", out["learner"].map(units).replace("", pd.NA))
    return out


def issue_course_certificates(
    *,
    out: Path,
    progress: Path | None = None,
    courses: Path | None = None,
    roster: Path | None = None,
    data_dir: Path | None = None,
    course_title: str | None = None,
    now: dt.datetime | None = None,
) -> list:
    """A PDF certificate for every learner who completed the course; returns
    ``[(certificate, code, path)]``. Learners are never named on the public verification
    page (they gave no consent to publication), only their certificate's award and date."""
    from widgets.progress_store import ProgressStore

    from .certificates import Certificate, CertificateRegistry, issue_and_render
    from .results_texts import text

    store = ProgressStore(progress)
    modules = required_modules(courses)
    summary = learner_summary(store.progress_frame(), modules, load_roster(roster))
    title = course_title or text("course_title")
    certificates = []
    for row in summary[summary["completed"]].itertuples(index=False):
        finished = pd.Timestamp(row.completed_at)
        if finished.tzinfo is None:
            finished = finished.tz_localize("Asia/Ho_Chi_Minh")
        certificates.append(
            Certificate(
                kind="course",
                scope="course",
                slot="course/complete",
                subject=row.learner,
                holder=row.display_name,
                unit=row.unit if isinstance(row.unit, str) else "",
                award=text("cert_course"),
                context=title,
                issued_on=finished.tz_convert("Asia/Ho_Chi_Minh").date().isoformat(),
                public=False,
            )
        )
    registry = CertificateRegistry(data_dir)
    return issue_and_render(
        registry,
        certificates,
        Path(out),
        kind="course",
        scope="course",
        organiser=text("course_organiser"),
        now=now or dt.datetime.now(dt.UTC),
        detail=text("cert_course_detail", modules=len(modules)),
    )
