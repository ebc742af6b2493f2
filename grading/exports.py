"""Organiser-only exports: ``results.xlsx`` and CSV files, outside the public site.

The organiser folder (``<out>-organiser`` by default) holds raw results: participant ids, every
attempt, and the registered names of prize winners (for the decision recognising the results
and the certificates). It is never published; :func:`check_separate` refuses a folder inside
the public site (or the other way round).

``results.xlsx`` sheets: ``ranking`` (every ranked person, per round and overall), ``units``,
``items``, ``attempts``, then ``winners``, ``collective``, ``ties``, ``flags``, ``options``,
``summary``. CSV files carry the same tables (UTF-8 with BOM, so Excel reads Vietnamese).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path

import pandas as pd

from .results_report import ContestResults
from .xlsx_writer import MAX_ROWS, write_xlsx

__all__ = [
    "TABLES",
    "ITEM_TABLES",
    "OrganiserFolderError",
    "check_separate",
    "export_tables",
    "write_exports",
]

_TIMEZONE = "Asia/Ho_Chi_Minh"
README = """Thư mục này chỉ dành cho Ban Tổ chức: chứa mã người dự thi, mọi lượt thi và họ tên
người đoạt giải. KHÔNG đăng tải thư mục này lên mạng (Luật Bảo vệ dữ liệu cá nhân 2025).
Trang công bố kết quả nằm ở thư mục riêng.

Organisers only: participant ids, every attempt and the winners' registered names.
Never publish this folder. The public site is built in a separate folder.
"""


class OrganiserFolderError(ValueError):
    """The organiser folder would be inside the public site, or contain it."""


def check_separate(site: Path, organiser: Path) -> None:
    site, organiser = Path(site).resolve(), Path(organiser).resolve()
    if organiser == site or site in organiser.parents or organiser in site.parents:
        raise OrganiserFolderError(f"{organiser} / {site}")


def _local(frame: pd.DataFrame) -> pd.DataFrame:
    """Datetimes in Vietnam time without zone (what Excel and people read)."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert(_TIMEZONE).dt.tz_localize(None)
    return out


def export_tables(
    results: ContestResults,
    *,
    names: Mapping[str, str] | None = None,
    codes: Mapping[str, str] | None = None,
    questions: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """The organiser tables, by sheet name, in sheet order."""
    names = names or {}
    unit_names = dict(zip(results.units["unit_id"], results.units["name"], strict=True))
    prizes = results.awards.winners[["round_id", "participant_id", "prize", "status"]]
    ranking = pd.concat(
        [r.table for r in results.rounds.values()] + [results.overall.table], ignore_index=True
    )
    ranking = ranking.merge(prizes, on=["round_id", "participant_id"], how="left")
    ranking["prize"] = ranking["prize"].map(results.tier_name, na_action="ignore")
    ranking.insert(4, "unit_name", ranking["unit_id"].map(unit_names))
    if codes:
        ranking.insert(5, "public_code", ranking["participant_id"].map(codes))
    ranking = ranking.drop(columns=["pool"], errors="ignore")

    winners = results.awards.winners.copy()
    winners["prize_name"] = winners["prize"].map(results.tier_name)
    winners["full_name"] = winners["participant_id"].map(names)
    winners["unit_name"] = winners["unit_id"].map(unit_names)

    collective = (
        pd.concat(
            [
                c.standings.assign(
                    rule_id=c.rule.id,
                    rule_name=c.rule.name,
                    prize=c.standings["unit_id"].isin(set(c.awards.awarded["unit_id"])),
                )
                for c in results.collective
            ],
            ignore_index=True,
        )
        if results.collective
        else pd.DataFrame()
    )

    ties = pd.concat(
        [r.ranking.ties for r in results.rounds.values()] + [results.overall.ties],
        ignore_index=True,
    )
    items = pd.DataFrame()
    options = pd.DataFrame()
    if results.items is not None:
        items = results.items.items.merge(
            results.items.reliability[["round_id", "alpha"]], on="round_id", how="left"
        )
        flags = (
            results.flags.groupby(["round_id", "question_id"])["flag"]
            .agg(", ".join)
            .rename("flags")
            if len(results.flags)
            else pd.Series(dtype="str", name="flags")
        )
        items = items.merge(flags.reset_index(), on=["round_id", "question_id"], how="left")
        if questions is not None and len(questions):
            info = questions[["question_id", "citation", "chapter_label", "difficulty", "stem"]]
            items = items.merge(info, on="question_id", how="left")
        options = results.items.options
    tables = {
        "ranking": ranking,
        "units": results.unit_stats,
        "items": items,
        "attempts": results.attempts,
        "winners": winners,
        "collective": collective,
        "ties": ties,
        "flags": results.flags,
        "options": options,
        "summary": results.summary,
    }
    return {name: _local(frame) for name, frame in tables.items()}


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM; pyarrow's writer when it takes the frame (ten times faster)."""
    temporary = path.with_name(f".{path.name}.tmp")
    table = None
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        except (pa.ArrowException, TypeError, ValueError):
            table = None
    except ImportError:
        pass
    if table is not None:
        with open(temporary, "wb") as handle:
            handle.write(b"\xef\xbb\xbf")
            pa_csv.write_csv(table, handle)
    else:
        frame.to_csv(temporary, index=False, encoding="utf-8-sig")
    os.replace(temporary, path)


TABLES = ("ranking", "units", "items", "attempts", "winners", "collective", "ties", "flags",
          "options", "summary")  # fmt: skip
ITEM_TABLES = frozenset({"items", "flags", "options"})


def write_exports(
    results: ContestResults,
    folder: Path,
    *,
    names: Mapping[str, str] | None = None,
    codes: Mapping[str, str] | None = None,
    questions: pd.DataFrame | None = None,
    workbook: bool = True,
    csv: Collection[str] | None = None,
) -> list[Path]:
    """``results.xlsx`` and one CSV per table (``csv``: which ones; default all) in ``folder``
    (0700); returns the files. The build splits the work between two processes: the one with
    the item analysis writes the workbook and :data:`ITEM_TABLES`, the other the rest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    tables = export_tables(results, names=names, codes=codes, questions=questions)
    written = []
    readme = folder / "README.txt"
    if not readme.exists():
        _write_text(readme, README)
    if workbook:
        sheets = {name: frame for name, frame in tables.items() if len(frame) <= MAX_ROWS}
        percent = {"units": {"rate"}, "items": {"facility"}}
        written.append(write_xlsx(folder / "results.xlsx", sheets, percent_columns=percent))
    for name, frame in tables.items():
        if csv is None or name in csv:
            path = folder / f"{name}.csv"
            _write_csv(frame, path)
            written.append(path)
    return written


def _write_text(path: Path, content: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)
