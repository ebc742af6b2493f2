"""Texts of the command line, Vietnamese first."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "prog_description": {
        "vi": "Nền tảng học và thi tìm hiểu Luật Thực hiện dân chủ ở cơ sở.",
        "en": "Training and contest platform for the Law on Implementing Grassroots Democracy.",
    },
    "bank_help": {"vi": "ngân hàng câu hỏi", "en": "the question bank"},
    "bank_check_help": {
        "vi": "kiểm tra các tệp câu hỏi (lỗi ghi rõ tệp:dòng)",
        "en": "validate question files (errors name file:line)",
    },
    "bank_check_fix_help": {
        "vi": "tự sửa lỗi không mất dữ liệu: BOM, CRLF, chuẩn hoá NFC",
        "en": "fix lossless problems in place: BOM, CRLF, NFC normalisation",
    },
    "bank_stats_help": {
        "vi": "thống kê số câu hỏi theo loại, độ khó, văn bản, điều",
        "en": "count questions by type, difficulty, document and article",
    },
    "json_help": {"vi": "in kết quả dạng JSON", "en": "print JSON"},
    "paths_help": {
        "vi": "tệp hoặc thư mục (mặc định: ngân hàng câu hỏi của dự án)",
        "en": "files or folders (default: the project's bank)",
    },
    "contest_help": {"vi": "tổ chức cuộc thi (nbgrader)", "en": "run contests (nbgrader)"},
    "results_help": {"vi": "kết quả, xếp hạng, trang công bố", "en": "results, ranking, pages"},
    "serve_help": {
        "vi": "chạy JupyterLab và các trang Voilà trên máy này",
        "en": "serve JupyterLab and the Voilà pages on this machine",
    },
    "check_ok": {
        "vi": "Ngân hàng hợp lệ: {questions} câu hỏi trong {files} tệp.",
        "en": "Bank is valid: {questions} questions in {files} files.",
    },
    "check_failed": {
        "vi": "{errors} lỗi, {warnings} cảnh báo trong {files} tệp.",
        "en": "{errors} errors, {warnings} warnings in {files} files.",
    },
    "fixed": {"vi": "Đã sửa {path}", "en": "Fixed {path}"},
    "stats_title": {"vi": "Ngân hàng câu hỏi", "en": "Question bank"},
    "not_ready": {
        "vi": "Lệnh '{command}' chưa có trong phiên bản này.",
        "en": "Command '{command}' is not available in this version yet.",
    },
    "sources_help": {
        "vi": "văn bản pháp luật chính thức dùng để đối chiếu trích dẫn",
        "en": "official legal texts used to check citations",
    },
    "data_dir_help": {
        "vi": "thư mục dữ liệu (mặc định ./var hoặc DANCOSO_DATA)",
        "en": "data directory (default ./var or DANCOSO_DATA)",
    },
    "host_help": {"vi": "địa chỉ lắng nghe (mặc định 127.0.0.1)", "en": "address to bind"},
    "lab_port_help": {"vi": "cổng JupyterLab", "en": "JupyterLab port"},
    "voila_port_help": {"vi": "cổng Voilà", "en": "Voilà port"},
    "interrupted": {"vi": "Đã dừng.", "en": "Stopped."},
}
