"""The results files a contest's grader leaves for the results pages, and who may be named.

Contract between the grader (``dancoso contest grade``) and the pages (``dancoso results …``,
the Voilà dashboards). Everything lives under the contest's course directory::

    <course-dir>/results/attempts.parquet    one row per *official* attempt: exactly the
                                             ``attempts`` frame of grading.results_model
    <course-dir>/results/responses.parquet   one row per question of those attempts: exactly
                                             the ``responses`` frame of grading.results_model

- Columns, types and meaning are those of :data:`grading.results_model.ATTEMPTS` and
  :data:`~grading.results_model.RESPONSES` (datetimes tz-aware; ``prediction`` Int64 with NA;
  ``flags`` holds only flags that keep an attempt out of the ranking, e.g. ``over_time``).
  Practice attempts (thi thử) are not written. Personal data is never written: ids only.
- Parquet through pyarrow. Without pyarrow the grader may write ``attempts.csv`` /
  ``responses.csv`` in the format of :func:`grading.results_model.read_results_csv`; a
  Parquet file wins when both exist.
- Each file is replaced atomically (written to a temporary file in the same directory, then
  ``os.replace``), **attempts before responses**. The reader reads responses first: attempts
  only ever grow, so every response it reads belongs to an attempt it then reads. Responses
  that still miss their attempt are dropped and counted (``ResultsFiles.orphan_responses``).
- :func:`write_results` does all of this; a grader should call it rather than re-implement it.

Reading (:func:`read_results`): the ``responses`` id columns (round_id, participant_id,
question_id, chosen) come back as pandas Categoricals with sorted categories — the results core
factorizes them anyway, and six million strings take seconds to build. Frames written by
:func:`write_results` carry its validation mark and are not validated again.

Units come from the contest spec (:func:`units_frame`), never from these files.

Who may be named in public: :func:`public_identity` reads the private participant registry
(``<course-dir>/private/participants.sqlite``, :class:`grading.registry_people.PeopleRegistry`)
and returns, per participant, the display name only when the person gave the separate consent
to publish name and unit (Law 91/2025) and has not been erased. Without a registry every
display name is empty, and public pages show the unit and an anonymised code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from quizzes.contest_spec import ContestSpec

__all__ = [
    "RESULTS_DIR",
    "ResultsFilesMissing",
    "ResultsFiles",
    "results_dir",
    "write_results",
    "read_results",
    "empty_responses",
    "units_frame",
    "public_identity",
    "holder_names",
]

RESULTS_DIR = "results"
_KINDS = ("attempts", "responses")


class ResultsFilesMissing(FileNotFoundError):
    """The course directory has no results files yet (nothing graded)."""


@dataclass(frozen=True, eq=False)
class ResultsFiles:
    """Validated frames read from ``<course-dir>/results/``."""

    attempts: pd.DataFrame
    responses: pd.DataFrame
    orphan_responses: int = 0


def results_dir(course_dir: Path) -> Path:
    return Path(course_dir) / RESULTS_DIR


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _replace_atomically(target: Path, write) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_results(course_dir: Path, *, attempts: pd.DataFrame, responses: pd.DataFrame) -> Path:
    """Validate and write both frames atomically (attempts first); returns the directory."""
    from .results_model import validate_attempts, validate_responses

    validated = validate_responses(responses)
    # Sorted by participant, the file's dictionaries come back sorted: no recoding on read.
    order = ["participant_id", "round_id", "attempt_no", "paper_position"]
    responses = validated.sort_values(order, kind="stable").reset_index(drop=True)
    responses.attrs = dict(validated.attrs)
    frames = {"attempts": validate_attempts(attempts), "responses": responses}
    folder = results_dir(course_dir)
    folder.mkdir(parents=True, exist_ok=True)
    parquet = _has_pyarrow()
    for kind in _KINDS:  # attempts before responses: see the module docstring
        frame = frames[kind]
        if parquet:
            _replace_atomically(
                folder / f"{kind}.parquet", lambda path, f=frame: f.to_parquet(path, index=False)
            )
        else:
            _replace_atomically(folder / f"{kind}.csv", lambda path, f=frame: _to_csv(f, path))
    return folder


def _to_csv(frame: pd.DataFrame, path: Path) -> None:
    out = frame.copy()
    for column in out.columns:
        if hasattr(out[column], "dt") and getattr(out[column].dt, "tz", None) is not None:
            out[column] = out[column].map(lambda t: t.isoformat(), na_action="ignore")
    out.to_csv(path, index=False, encoding="utf-8")


_DICTIONARY = ("round_id", "participant_id", "question_id", "chosen")


def _read_parquet(path: Path, kind: str) -> pd.DataFrame:
    """A Parquet frame; the repetitive id columns of ``responses`` stay dictionary-encoded
    (pandas Categoricals with sorted categories): six million strings need not be built only
    to be factorized again by the item analysis. The frame is validated unless it carries
    the mark :func:`write_results` stored with it."""
    import pandas as pd

    from .results_model import ensure_valid

    if kind != "responses":
        return ensure_valid(pd.read_parquet(path), kind)
    frame = pd.read_parquet(path, read_dictionary=list(_DICTIONARY))
    if frame.attrs.get("dancoso_results_frame") != kind:  # not written by write_results
        for column in _DICTIONARY:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                frame[column] = frame[column].astype("str").where(frame[column].notna())
        return ensure_valid(frame, kind)
    for column in _DICTIONARY:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            if not values.cat.categories.is_monotonic_increasing:
                frame[column] = values.cat.set_categories(sorted(values.cat.categories))
    return frame


def _read_one(folder: Path, kind: str) -> pd.DataFrame:
    from .results_model import read_results_csv

    parquet, csv = folder / f"{kind}.parquet", folder / f"{kind}.csv"
    if parquet.exists():
        return _read_parquet(parquet, kind)
    if csv.exists():
        return read_results_csv(csv, kind)
    raise ResultsFilesMissing(str(parquet))


def read_results(course_dir: Path) -> ResultsFiles:
    """Both frames, validated. Raises :class:`ResultsFilesMissing` when nothing was graded
    and :class:`grading.results_model.ResultsInputError` when a file breaks the schema."""
    folder = results_dir(course_dir)
    if not (folder / "attempts.parquet").exists() and not (folder / "attempts.csv").exists():
        raise ResultsFilesMissing(str(folder / "attempts.parquet"))
    try:
        responses = _read_one(folder, "responses")  # responses first: see the module docstring
    except ResultsFilesMissing:
        responses = empty_responses()
    attempts = _read_one(folder, "attempts")
    responses, orphans = _drop_orphans(attempts, responses)
    return ResultsFiles(attempts, responses, orphans)


def empty_responses() -> pd.DataFrame:
    """A valid responses frame with no rows (a contest graded without per-question rows)."""
    import pandas as pd

    from .results_model import RESPONSES, validate_responses

    dtypes = {"id": "str", "letter": "str", "int": "int64", "bool": "bool"}
    return validate_responses(
        pd.DataFrame({c.name: pd.Series([], dtype=dtypes[c.kind]) for c in RESPONSES.columns})
    )


def _drop_orphans(attempts: pd.DataFrame, responses: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Responses whose attempt is not (yet) in ``attempts`` are dropped and counted."""
    import numpy as np
    import pandas as pd

    if not len(responses):
        return responses, 0
    seen = responses["round_id"]
    seen = seen.cat.categories if isinstance(seen.dtype, pd.CategoricalDtype) else seen.unique()
    rounds = pd.Index(sorted(set(attempts["round_id"]) | set(seen.dropna())))
    people = pd.Index(pd.unique(attempts["participant_id"]))
    span = int(max(attempts["attempt_no"].max() if len(attempts) else 0,
                   responses["attempt_no"].max())) + 1  # fmt: skip

    def codes(values: pd.Series, index: pd.Index) -> np.ndarray:
        if isinstance(values.dtype, pd.CategoricalDtype):  # look up the categories only
            mapped = np.append(index.get_indexer(values.cat.categories), -1)
            return mapped[values.cat.codes.to_numpy()].astype("int64")
        return index.get_indexer(values).astype("int64")

    def keys(frame: pd.DataFrame) -> np.ndarray:
        round_code = codes(frame["round_id"], rounds)
        person_code = codes(frame["participant_id"], people)
        key = (round_code * len(people) + person_code) * span + frame["attempt_no"].to_numpy()
        return np.where(person_code < 0, -1, key)

    known = keys(attempts)
    mine = keys(responses)
    if len(rounds) * len(people) * span <= 50_000_000:  # a bitmap beats sorting
        table = np.zeros(len(rounds) * len(people) * span + 1, dtype=bool)
        table[known] = True
        keep = table[mine]  # key -1 (unknown person) reads the last, False, cell
    else:
        keep = np.isin(mine, known)
    orphans = int((~keep).sum())
    if orphans:
        kept = responses[keep].reset_index(drop=True)
        kept.attrs = dict(responses.attrs)
        responses = kept
    return responses, orphans


def units_frame(spec: ContestSpec, attempts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The units frame of grading.results_model from the spec's ``units`` (headcount empty for
    a grouping unit). A unit met in ``attempts`` but missing from the spec is added with its id
    as name and no headcount, so that results never fail on a unit typed at registration."""
    import pandas as pd

    from .results_model import validate_units

    rows = [(u.id, u.name, u.parent, u.headcount) for u in spec.units]
    known = {u.id for u in spec.units}
    if attempts is not None:
        rows += [(u, u, None, None) for u in sorted(set(attempts["unit_id"]) - known)]
    frame = pd.DataFrame(rows, columns=["unit_id", "name", "parent_id", "headcount"])
    frame = frame.astype({"unit_id": "str", "name": "str", "parent_id": "object"})
    frame["headcount"] = pd.array(frame["headcount"].tolist(), dtype="Int64")
    return validate_units(frame)


def _built_spec(course_dir: Path) -> ContestSpec | None:
    """The spec as ``dancoso contest build`` froze it (``contest/spec.json``), if any."""
    import json

    from quizzes.contest_spec import ContestSpec

    path = Path(course_dir) / "contest" / "spec.json"
    if not path.exists():
        return None
    return ContestSpec.model_validate(json.loads(path.read_text(encoding="utf-8"))["spec"])


def _registry(course_dir: Path, spec: ContestSpec | None):
    """The private participant registry, or None when the contest has none (yet)."""
    path = Path(course_dir) / "private" / "participants.sqlite"
    if not path.exists():
        return None
    spec = spec or _built_spec(course_dir)
    if spec is None:
        return None
    try:
        from .registry_people import PeopleRegistry
    except ImportError:
        return None
    return PeopleRegistry(path, spec)


def public_identity(
    course_dir: Path, spec: ContestSpec | None = None, ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """``participant_id, display_name, unit_id, consented`` for ``ids`` (default: everyone in
    the registry). ``display_name`` is empty unless ``consented`` (publishing consent given and
    not withdrawn or erased); nothing else personal ever leaves this function. ``spec``
    defaults to the one the course was built with (``contest/spec.json``)."""
    import pandas as pd

    registry = _registry(course_dir, spec)
    wanted = None if ids is None else list(dict.fromkeys(ids))
    rows = []
    if registry is not None:
        units = registry.units()
        for participant in wanted if wanted is not None else registry.ids():
            entry = registry.public_entry(participant)
            name = (entry or {}).get("name", "").strip()
            unit = units.get(participant, (None, None))[0]
            rows.append((participant, name, unit, bool(name)))
    elif wanted is not None:
        rows = [(participant, "", None, False) for participant in wanted]
    frame = pd.DataFrame(rows, columns=["participant_id", "display_name", "unit_id", "consented"])
    return frame.astype({"participant_id": "str", "display_name": "str", "consented": "bool"})


def holder_names(course_dir: Path, spec: ContestSpec | None, ids: Iterable[str]) -> dict[str, str]:
    """Organiser-only: the registered full name of each id (for certificates), whatever the
    publishing consent; erased or unknown people are left out."""
    registry = _registry(course_dir, spec)
    if registry is None:
        return {}
    field = registry.spec.registration.field_of_kind("name")
    names = {}
    for participant in dict.fromkeys(ids):
        person = registry.get(participant)
        if person is not None and person.fields and field is not None:
            name = str(person.fields.get(field.key) or "").strip()
            if name:
                names[participant] = name
    return names
