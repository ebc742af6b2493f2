"""Vietnamese and English texts of the results core (ranking, prizes, statistics, items).

Kept apart from ``grading/messages.py`` (the rest of the grading layer's catalogue) so that the
pure results modules can be used and tested on their own. Look texts up with :func:`label`.
"""

from __future__ import annotations

from quizzes.i18n import translate

__all__ = ["LABELS", "label"]

LABELS: dict[str, dict[str, str]] = {
    # Prize tiers (giải cá nhân) and collective prizes (giải tập thể).
    "prize_nhat": {"vi": "Giải Nhất", "en": "First prize"},
    "prize_nhi": {"vi": "Giải Nhì", "en": "Second prize"},
    "prize_ba": {"vi": "Giải Ba", "en": "Third prize"},
    "prize_khuyen-khich": {"vi": "Giải Khuyến khích", "en": "Consolation prize"},
    "tie_awarded_all": {
        "vi": "{tied} người đồng hạng {rank} ở ranh giới {prize}: trao cho tất cả "
        "(vượt {overflow} suất)",
        "en": "{tied} people tied at rank {rank} on the {prize} boundary: all awarded "
        "({overflow} over the count)",
    },
    "tie_dropped": {
        "vi": "{tied} người đồng hạng {rank} ở ranh giới {prize}: không trao {prize}, "
        "xét tiếp giải sau ({unused} suất bỏ trống)",
        "en": "{tied} people tied at rank {rank} on the {prize} boundary: {prize} not awarded, "
        "considered for the next prize ({unused} slots left empty)",
    },
    # Ranking keys, as the organiser reads "decided by ...".
    "key_correct": {"vi": "số câu trả lời đúng", "en": "correct answers"},
    "key_score": {"vi": "điểm", "en": "score"},
    "key_prediction_error": {"vi": "câu hỏi dự đoán", "en": "prediction"},
    "key_duration": {"vi": "thời gian làm bài", "en": "duration"},
    "key_submitted_at": {"vi": "thời điểm nộp bài", "en": "submission time"},
    "key_started_at": {"vi": "thời điểm bắt đầu", "en": "start time"},
    "key_full_score_attempts": {
        "vi": "số lượt đạt điểm tối đa",
        "en": "attempts with full marks",
    },
    "all_rounds": {"vi": "Tất cả các đợt", "en": "All rounds"},
    "no_group": {"vi": "(không thuộc nhóm)", "en": "(no group)"},
    # Statistics.
    "distribution_people": {"vi": "{n} người đúng {k} câu", "en": "{n} people with {k} correct"},
    "distribution_attempts": {
        "vi": "{n} lượt thi đúng {k} câu",
        "en": "{n} attempts with {k} correct",
    },
    # Item-analysis review notes for the bank.
    "flag_too_easy": {
        "vi": "Đợt {round_id}: câu quá dễ — {value:.0%} trả lời đúng (ngưỡng > {threshold:.0%}, "
        "{n} người).",
        "en": "Round {round_id}: too easy — {value:.0%} correct (threshold > {threshold:.0%}, "
        "{n} respondents).",
    },
    "flag_too_hard": {
        "vi": "Đợt {round_id}: câu quá khó — {value:.0%} trả lời đúng (ngưỡng < {threshold:.0%}, "
        "{n} người).",
        "en": "Round {round_id}: too hard — {value:.0%} correct (threshold < {threshold:.0%}, "
        "{n} respondents).",
    },
    "flag_negative_discrimination": {
        "vi": "Đợt {round_id}: độ phân biệt âm (D = {value:.2f}): nhóm điểm thấp trả lời đúng "
        "nhiều hơn nhóm điểm cao; kiểm tra lại đáp án và câu dẫn.",
        "en": "Round {round_id}: negative discrimination (D = {value:.2f}): the low group did "
        "better than the high group; check the key and the stem.",
    },
    "flag_unused_distractor": {
        "vi": "Đợt {round_id}: phương án nhiễu {option} không ai chọn ({n} người); "
        "cân nhắc viết lại phương án này.",
        "en": "Round {round_id}: distractor {option} was chosen by nobody ({n} respondents); "
        "consider rewriting it.",
    },
    # Input errors (organisers see these; they name the frame and the column).
    "err_not_frame": {
        "vi": "bảng {frame}: cần một pandas DataFrame, nhận được {found}.",
        "en": "{frame} frame: expected a pandas DataFrame, got {found}.",
    },
    "err_missing_column": {
        "vi": "bảng {frame}: thiếu cột '{column}' (các cột bắt buộc: {required}).",
        "en": "{frame} frame: column '{column}' is missing (required: {required}).",
    },
    "err_column_type": {
        "vi": "bảng {frame}, cột '{column}': cần {expected}, nhận được {found}.",
        "en": "{frame} frame, column '{column}': expected {expected}, found {found}.",
    },
    "err_invalid_value": {
        "vi": "bảng {frame}, cột '{column}': {reason} ở {count} dòng (ví dụ dòng {rows}).",
        "en": "{frame} frame, column '{column}': {reason} in {count} rows (e.g. rows {rows}).",
    },
    "err_duplicate_rows": {
        "vi": "bảng {frame}: {count} dòng trùng khoá ({key}), ví dụ dòng {rows}; "
        "mỗi lượt thi chỉ được ghi một lần.",
        "en": "{frame} frame: {count} rows repeat the key ({key}), e.g. rows {rows}; "
        "each record may appear only once.",
    },
    "err_unknown_reference": {
        "vi": "bảng {frame}, cột '{column}': {count} giá trị không có trong bảng {target} "
        "(ví dụ {values}).",
        "en": "{frame} frame, column '{column}': {count} values are not in the {target} frame "
        "(e.g. {values}).",
    },
    "err_several_contests": {
        "vi": "bảng {frame}: có nhiều cuộc thi ({contests}); hãy xếp hạng từng cuộc thi riêng.",
        "en": "{frame} frame: several contests ({contests}); rank one contest at a time.",
    },
    "err_rules": {"vi": "quy tắc xếp hạng/giải: {detail}", "en": "ranking/prize rules: {detail}"},
    # Column types, as err_column_type states what was expected.
    "type_id": {"vi": "chuỗi ký tự (str)", "en": "text (str)"},
    "type_text": {"vi": "chuỗi ký tự (str)", "en": "text (str)"},
    "type_letter": {"vi": "chữ cái phương án (str)", "en": "an option letter (str)"},
    "type_flags": {"vi": "chuỗi ký tự (str)", "en": "text (str)"},
    "type_int": {
        "vi": "số nguyên (int64; ô trống là pd.NA trong cột Int64, không phải NaN)",
        "en": "whole numbers (int64; a missing value is pd.NA in an Int64 column, not NaN)",
    },
    "type_number": {"vi": "số (int hoặc float)", "en": "numbers (int or float)"},
    "type_bool": {"vi": "đúng/sai (bool)", "en": "true/false (bool)"},
    "type_datetime": {
        "vi": "thời điểm có múi giờ (datetime64 tz-aware, {timezone})",
        "en": "timezone-aware datetimes (datetime64 tz-aware, {timezone})",
    },
    # Reasons used inside err_invalid_value.
    "reason_missing": {"vi": "thiếu giá trị", "en": "missing value"},
    "reason_empty": {"vi": "chuỗi rỗng", "en": "empty string"},
    "reason_below_minimum": {"vi": "giá trị nhỏ hơn {minimum}", "en": "value below {minimum}"},
    "reason_not_finite": {"vi": "giá trị vô hạn", "en": "infinite value"},
    "reason_not_letter": {
        "vi": "phương án không phải một chữ cái {letters}",
        "en": "option is not one letter of {letters}",
    },
    "reason_bad_flag": {
        "vi": "cờ không hợp lệ (chữ thường, cách nhau bởi dấu phẩy, ví dụ late,unreadable)",
        "en": "invalid flag (lower-case words separated by commas, e.g. late,unreadable)",
    },
    "reason_submitted_before_start": {
        "vi": "thời điểm nộp bài sớm hơn thời điểm bắt đầu",
        "en": "submitted before it was started",
    },
    "reason_score_above_max": {"vi": "điểm lớn hơn điểm tối đa", "en": "score above max_score"},
    "reason_inconsistent": {
        "vi": "một người dự thi có nhiều giá trị khác nhau trong cùng cuộc thi",
        "en": "one participant has several different values in the same contest",
    },
    "reason_blank_but_correct": {
        "vi": "không chọn phương án nào nhưng được tính là đúng",
        "en": "no option chosen but marked correct",
    },
    "reason_parent_cycle": {
        "vi": "đơn vị cấp trên tạo thành vòng lặp",
        "en": "parent units form a cycle",
    },
}


def label(key: str, /, **values: object) -> str:
    """The text ``key`` in the current language (``DANCOSO_LANG``), formatted with ``values``."""
    return translate(LABELS, key, **values)
