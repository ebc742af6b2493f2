"""`dancoso contest lab-codes`: the access codes of the JupyterLab way in.

Each participant on the roster gets one code for the whole contest; the answer sheet in
JupyterLab opens their sealed paper with it (see ``grading.lab_papers``). The list is personal
to each participant, so it is written into the organiser-only ``private/`` folder by default.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

from quizzes.i18n import translate

from .cli_common import add_command, fail

__all__ = ["register_lab_codes"]

MESSAGES: dict[str, dict[str, str]] = {
    "help": {
        "vi": "Danh sách mã làm bài cho thí sinh làm bài trên JupyterLab (Assignment List).",
        "en": "Access codes for participants taking the contest in JupyterLab (Assignment List).",
    },
    "out_help": {
        "vi": "Tệp CSV ghi ra (mặc định <course>/private/lab-codes.csv; '-' để in ra màn hình).",
        "en": "CSV file to write (default <course>/private/lab-codes.csv; '-' for stdout).",
    },
    "no_roster": {
        "vi": "Chưa có thí sinh nào trong danh sách làm bài trên JupyterLab. Thêm thí sinh "
        "(đăng ký trên trang thi, hoặc `nbgrader db student add`), rồi chạy lại "
        "`dancoso contest build`.",
        "en": "No participant is on the JupyterLab roster. Add participants (register on the "
        "contest page, or `nbgrader db student add`), then run `dancoso contest build` again.",
    },
    "written": {
        "vi": "Đã ghi {count} mã làm bài vào {path} (chỉ Ban Tổ chức đọc được). Mỗi thí sinh "
        "chỉ nhận mã của mình.",
        "en": "Wrote {count} access codes to {path} (readable by the organiser only). Give each "
        "participant their own code only.",
    },
}


def _t(key: str, **values: object) -> str:
    return translate(MESSAGES, key, **values)


def register_lab_codes(commands, spec_arguments, open_course) -> None:
    parser = add_command(
        commands,
        "lab-codes",
        _t("help"),
        "dancoso contest lab-codes quizzes/contests/demo.yaml --course-dir var/demo",
    )
    spec_arguments(parser, bank=False)
    parser.add_argument("--out", help=_t("out_help"))
    parser.set_defaults(run=lambda arguments: run_lab_codes(arguments, open_course))


def run_lab_codes(arguments: argparse.Namespace, open_course) -> int:
    layout, code = open_course(arguments)
    if layout is None:
        return code
    from grading.lab_papers import lab_codes, lab_roster

    codes = lab_codes(layout, lab_roster(layout))
    if not codes:
        return fail(_t("no_roster"))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["participant_id", "ma_lam_bai"])
    writer.writerows(codes.items())
    if arguments.out == "-":
        sys.stdout.write(text.getvalue())
        return 0
    path = Path(arguments.out) if arguments.out else layout.private_dir / "lab-codes.csv"
    partial = path.with_name(path.name + ".partial")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as file:  # BOM: Excel
        file.write(text.getvalue())
    os.replace(partial, path)
    print(_t("written", count=len(codes), path=path))
    return 0
