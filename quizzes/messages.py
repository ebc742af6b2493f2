"""Vietnamese and English texts of the quizzes layer's messages."""

from __future__ import annotations

__all__ = ["MESSAGES"]

FIX = "dancoso bank check --fix"

MESSAGES: dict[str, dict[str, str]] = {
    "level_error": {"vi": "lỗi:", "en": "error:"},
    "level_warning": {"vi": "cảnh báo:", "en": "warning:"},
    "bom": {
        "vi": f"tệp bắt đầu bằng dấu BOM UTF-8. Sửa: {FIX}",
        "en": f"the file starts with a UTF-8 byte-order mark. Fix: {FIX}",
    },
    "crlf": {
        "vi": f"dòng kết thúc kiểu Windows (CRLF). Sửa: {FIX}",
        "en": f"Windows (CRLF) line endings. Fix: {FIX}",
    },
    "not_nfc": {
        "vi": f"văn bản chưa chuẩn hoá Unicode NFC (dấu tiếng Việt tổ hợp). Sửa: {FIX}",
        "en": f"text is not Unicode NFC (decomposed Vietnamese diacritics). Fix: {FIX}",
    },
    "not_utf8": {
        "vi": "tệp không phải UTF-8 (byte {detail}); có thể là bảng mã cũ TCVN3/VNI. "
        "Hãy lưu lại tệp dưới dạng UTF-8 (ví dụ bằng Unikey: chuyển mã sang Unicode).",
        "en": "the file is not UTF-8 (byte {detail}); probably a legacy Vietnamese encoding "
        "(TCVN3/VNI). Re-save it as UTF-8.",
    },
    "empty": {"vi": "tệp rỗng.", "en": "the file is empty."},
    "yaml_syntax": {
        "vi": "lỗi cú pháp YAML: {detail}. Kiểm tra thụt lề và dấu hai chấm ở dòng này.",
        "en": "YAML syntax error: {detail}. Check indentation and colons on this line.",
    },
    "duplicate_key": {
        "vi": "khoá '{detail}' xuất hiện hai lần trong cùng một mục; xoá một khoá.",
        "en": "key '{detail}' appears twice in the same mapping; remove one.",
    },
    "schema": {"vi": "{detail}", "en": "{detail}"},
    "duplicate_id": {
        "vi": "mã câu hỏi trùng với {other}; mỗi câu cần một mã riêng, không đổi sau khi dùng.",
        "en": "question id duplicates {other}; every question needs its own stable id.",
    },
    "duplicate_stem": {
        "vi": "câu dẫn giống hệt câu {other_id} ({other}); viết lại hoặc gộp hai câu.",
        "en": "stem is the same as question {other_id} ({other}); rewrite or merge them.",
    },
    "duplicate_option": {
        "vi": "hai phương án {first} và {second} có cùng nội dung; sửa một phương án.",
        "en": "options {first} and {second} have the same text; change one.",
    },
    "answer_not_option": {
        "vi": "đáp án {letter} không nằm trong các phương án (chỉ có {first}–{last}).",
        "en": "answer {letter} is not among the options (only {first}–{last}).",
    },
    "unknown_document": {
        "vi": "văn bản '{document}' không có trong quizzes/sources.yaml (có: {known}).",
        "en": "document '{document}' is not in quizzes/sources.yaml (known: {known}).",
    },
    "article_missing": {
        "vi": "{document} không có Điều {article} (chỉ có {count} điều).",
        "en": "{document} has no Article {article} (it has {count}).",
    },
    "article_needs_part": {
        "vi": "chưa xác minh số điều của {document}; trích dẫn theo phần (part), ví dụ {example}.",
        "en": "article numbers of {document} are not verified; cite a part, e.g. {example}.",
    },
    "unknown_part": {
        "vi": "{document} không có phần '{part}' (có: {known}).",
        "en": "{document} has no part '{part}' (known: {known}).",
    },
    "unknown_chapter": {
        "vi": "{document} không có Chương {chapter} (có: {known}).",
        "en": "{document} has no Chapter {chapter} (known: {known}).",
    },
    "unknown_section": {
        "vi": "Chương {chapter} không có Mục {section} (có: {known}).",
        "en": "Chapter {chapter} has no Section {section} (known: {known}).",
    },
    "article_outside_chapter": {
        "vi": "Điều {article} thuộc Chương {actual}, không phải Chương {chapter} như topic ghi.",
        "en": "Article {article} is in Chapter {actual}, not Chapter {chapter} as topic says.",
    },
    "article_outside_section": {
        "vi": "Điều {article} không thuộc Mục {section} (Điều {first}–{last}) như topic ghi.",
        "en": "Article {article} is not in Section {section} (Articles {first}–{last}).",
    },
    "topic_uncited": {
        "vi": "topic ghi {document} nhưng không trích dẫn nào dẫn tới văn bản đó.",
        "en": "topic names {document} but no citation points to that document.",
    },
    "imported_article_missing": {
        "vi": "văn bản chính thức đã nhập ({source}) không có Điều {article}.",
        "en": "the imported official text ({source}) has no Article {article}.",
    },
    "imported_clause_missing": {
        "vi": "Điều {article} trong văn bản chính thức ({source}) không có khoản {clause} "
        "(có {count} khoản).",
        "en": "Article {article} of the official text ({source}) has no clause {clause} "
        "(it has {count}).",
    },
    "imported_point_missing": {
        "vi": "khoản {clause} Điều {article} ({source}) không có điểm {point} (có: {known}).",
        "en": "clause {clause} of Article {article} ({source}) has no point {point} "
        "(known: {known}).",
    },
    "imported_chapter_differs": {
        "vi": "theo văn bản chính thức ({source}), Điều {article} thuộc Chương {chapter}; "
        "kiểm tra lại topic.",
        "en": "per the official text ({source}), Article {article} is in Chapter {chapter}; "
        "check the topic.",
    },
    "key_not_supported": {
        "vi": "đáp án không có từ khoá nào chung với điều được trích dẫn — cần người rà soát "
        "đối chiếu lại (key not supported).",
        "en": "the key shares no key term with the cited article — a reviewer must check it "
        "(key not supported).",
    },
    "no_bank_files": {
        "vi": "không tìm thấy tệp .yaml nào trong {path}.",
        "en": "no .yaml files found in {path}.",
    },
    "path_missing": {"vi": "không có đường dẫn {path}.", "en": "no such path {path}."},
}
