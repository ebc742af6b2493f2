"""Turn pydantic validation errors into located, human-readable problems."""

from __future__ import annotations

from pydantic import ValidationError

from .i18n import current_language
from .problems import Problem
from .yaml_source import YamlDocument

__all__ = ["problems_from_validation"]

# Vietnamese texts for the pydantic error types people actually hit when editing YAML.
_VI = {
    "missing": "thiếu trường bắt buộc.",
    "extra_forbidden": "trường không có trong lược đồ; kiểm tra chính tả tên trường.",
    "string_type": "cần một chuỗi văn bản.",
    "string_too_short": "không được để trống.",
    "string_pattern_mismatch": (
        "sai định dạng (mã chỉ gồm chữ thường không dấu, số, dấu gạch ngang)."
    ),
    "int_parsing": "cần một số nguyên.",
    "int_type": "cần một số nguyên.",
    "int_from_float": "cần một số nguyên.",
    "bool_type": "cần true hoặc false.",
    "bool_parsing": "cần true hoặc false.",
    "list_type": "cần một danh sách.",
    "too_short": "danh sách quá ngắn.",
    "literal_error": "giá trị không hợp lệ; cho phép: {expected}.",
    "enum": "giá trị không hợp lệ; cho phép: {expected}.",
    "date_from_datetime_parsing": "cần một ngày dạng YYYY-MM-DD.",
    "date_parsing": "cần một ngày dạng YYYY-MM-DD.",
    "date_type": "cần một ngày dạng YYYY-MM-DD.",
    "greater_than_equal": "phải ≥ {ge}.",
    "greater_than": "phải > {gt}.",
    "model_type": "cần một mục dạng khoá: giá trị.",
    "dict_type": "cần một mục dạng khoá: giá trị.",
}


def problems_from_validation(
    error: ValidationError, document: YamlDocument, prefix: tuple = ()
) -> list[Problem]:
    problems = []
    data = document.data
    for item in error.errors(include_url=False):
        loc = (*prefix, *item["loc"])
        loc = tuple(part for part in loc if not _is_union_tag(part))
        field_path = list(loc)
        message = _message(item)
        if item["type"] == "value_error" and ": " in message:
            # Our model validators prefix the field they speak of ("answer: ...").
            field_name, message = message.split(": ", 1)
            field_path.append(field_name)
        problems.append(
            Problem(
                file=document.path,
                line=document.line_of(tuple(field_path)),
                code="schema",
                message=message,
                question_id=_question_id(data, loc),
                field=_field_label(field_path),
            )
        )
    return problems


def _is_union_tag(part: object) -> bool:
    # pydantic adds the union member's type name to loc ("str", "list[str]", "function-after").
    return isinstance(part, str) and (
        part in {"str", "bool", "int", "none"} or "[" in part or part.startswith("function-")
    )


def _message(item: dict) -> str:
    text = item["msg"].removeprefix("Value error, ")
    if current_language() == "vi" and item["type"] in _VI:
        context = {k: v for k, v in (item.get("ctx") or {}).items()}
        try:
            return _VI[item["type"]].format(**context)
        except KeyError:
            return _VI[item["type"]]
    return text


def _question_id(data: object, loc: tuple) -> str | None:
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        questions = data.get("questions") if isinstance(data, dict) else None
        if isinstance(questions, list) and loc[1] < len(questions):
            entry = questions[loc[1]]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                return entry["id"]
    return None


def _field_label(path: list) -> str | None:
    inner = path[2:] if len(path) >= 2 and path[0] == "questions" else path
    label = ""
    for part in inner:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label or None
