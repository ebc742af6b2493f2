"""Vietnamese and English texts of contest-spec and paper problems (quizzes layer)."""

from __future__ import annotations

__all__ = ["CONTEST_MESSAGES"]

CHECK = "dancoso contest build SPEC --course-dir DIR"

CONTEST_MESSAGES: dict[str, dict[str, str]] = {
    "naive_datetime": {
        "vi": "thời điểm {value} thiếu múi giờ; viết rõ giờ Việt Nam, "
        "ví dụ 2026-12-01T08:00:00+07:00.",
        "en": "time {value} has no time zone; write Vietnam time, e.g. 2026-12-01T08:00:00+07:00.",
    },
    "wrong_offset": {
        "vi": "thời điểm {value} không theo giờ Việt Nam (+07:00); đổi sang +07:00.",
        "en": "time {value} is not in Vietnam time (+07:00); convert it to +07:00.",
    },
    "closes_before_opens": {
        "vi": "vòng {round}: thời điểm kết thúc {closes} không sau thời điểm bắt đầu {opens}.",
        "en": "round {round}: closes {closes} is not after opens {opens}.",
    },
    "rounds_overlap": {
        "vi": "vòng {round} bắt đầu {opens}, trước khi vòng {other} kết thúc {closes}; "
        "các vòng không được chồng lên nhau.",
        "en": "round {round} opens {opens}, before round {other} closes {closes}; "
        "rounds must not overlap.",
    },
    "duplicate_round": {
        "vi": "mã vòng '{round}' trùng; mỗi vòng cần một mã riêng.",
        "en": "round id '{round}' is used twice; every round needs its own id.",
    },
    "round_id_reserved": {
        "vi": "mã vòng '{round}' kết thúc bằng '-lan-<số>', "
        "dạng dành cho mã bài thi của từng lượt.",
        "en": "round id '{round}' ends in '-lan-<n>', "
        "the form reserved for per-attempt assignment ids.",
    },
    "duplicate_unit": {
        "vi": "mã đơn vị '{unit}' trùng.",
        "en": "unit id '{unit}' is used twice.",
    },
    "unknown_parent": {
        "vi": "đơn vị '{unit}' có đơn vị cấp trên '{parent}' không có trong danh sách units.",
        "en": "unit '{unit}' has parent '{parent}', which is not among the units.",
    },
    "unit_cycle": {
        "vi": "đơn vị '{unit}' nằm trong một vòng lặp cấp trên – cấp dưới.",
        "en": "unit '{unit}' is part of a parent cycle.",
    },
    "headcount_needed": {
        "vi": "giải tập thể '{rule}' tính theo tỷ lệ tham gia "
        "nên cần headcount cho đơn vị '{unit}'.",
        "en": "collective prize '{rule}' uses participation rates, "
        "so unit '{unit}' needs a headcount.",
    },
    "unknown_tier": {
        "vi": "hạng giải '{tier}' không có trong prizes.per_round (có: {known}).",
        "en": "prize tier '{tier}' is not in prizes.per_round (known: {known}).",
    },
    "duplicate_tier": {
        "vi": "hạng giải '{tier}' trùng.",
        "en": "prize tier '{tier}' is used twice.",
    },
    "ranking_first": {
        "vi": "tiêu chí xếp hạng đầu tiên phải là correct (số câu đúng).",
        "en": "the first ranking key must be correct (number of correct answers).",
    },
    "ranking_duplicate": {
        "vi": "tiêu chí xếp hạng '{key}' lặp lại.",
        "en": "ranking key '{key}' appears twice.",
    },
    "duplicate_field": {
        "vi": "trường đăng ký '{key}' trùng.",
        "en": "registration field '{key}' is used twice.",
    },
    "field_kind_twice": {
        "vi": "chỉ được một trường đăng ký loại {kind}.",
        "en": "only one registration field may be of kind {kind}.",
    },
    "name_field_missing": {
        "vi": "cần một trường đăng ký loại name (họ và tên), bắt buộc.",
        "en": "a required registration field of kind name (full name) is needed.",
    },
    "unit_field_without_units": {
        "vi": "có trường đăng ký loại unit nhưng danh sách units trống.",
        "en": "there is a registration field of kind unit but no units.",
    },
    "unit_field_missing": {
        "vi": "cuộc thi có danh sách đơn vị nên cần một trường đăng ký loại unit.",
        "en": "the contest has units, so a registration field of kind unit is needed.",
    },
    "choices_needed": {
        "vi": "trường '{key}' loại choice cần danh sách choices.",
        "en": "field '{key}' of kind choice needs choices.",
    },
    "choices_not_allowed": {
        "vi": "trường '{key}' không phải loại choice nên không có choices.",
        "en": "field '{key}' is not of kind choice, so it has no choices.",
    },
    "unique_not_allowed": {
        "vi": "chỉ trường loại phone, cccd, email mới đặt unique được (trường '{key}').",
        "en": "only phone, cccd and email fields can be unique (field '{key}').",
    },
    "quota_type": {
        "vi": "loại câu hỏi {type} chưa dùng được trong đề thi trực tuyến "
        "(chỉ single, multiple, true_false, essay).",
        "en": "question type {type} cannot be drawn into online papers yet "
        "(only single, multiple, true_false, essay).",
    },
    "quota_short": {
        "vi": "vòng {round}, hạn mức {index} ({filters}) cần {count} câu nhưng ngân hàng chỉ có "
        "{available} câu {status} khớp. Bớt count, nới điều kiện, hoặc bổ sung câu hỏi rồi chạy "
        "lại: " + CHECK,
        "en": "round {round}, quota {index} ({filters}) needs {count} questions but the bank has "
        "only {available} matching {status} questions. Lower count, widen the filters, or add "
        "questions, then run: " + CHECK,
    },
    "quotas_short": {
        "vi": "vòng {round}: các hạn mức cần tổng cộng {count} câu khác nhau nhưng chỉ chọn được "
        "{available} câu {status} (các hạn mức dùng chung câu hỏi).",
        "en": "round {round}: the quotas need {count} distinct questions but only {available} "
        "{status} questions can fill them (the quotas share questions).",
    },
    "bank_problem": {
        "vi": "ngân hàng câu hỏi có lỗi; các câu lỗi không được đưa vào đề: {detail}",
        "en": "the question bank has errors; faulty questions are left out of papers: {detail}",
    },
    "spec_file": {"vi": "{detail}", "en": "{detail}"},
}
