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
    "sources_import_help": {
        "vi": "nhập văn bản chính thức (.txt, .docx, .html) và tách thành chương, mục, điều, "
        "khoản, điểm",
        "en": "import an official text (.txt, .docx, .html), split into chapters, sections, "
        "articles, clauses, points",
    },
    "sources_list_help": {"vi": "liệt kê văn bản đã nhập", "en": "list imported texts"},
    "sources_file_help": {"vi": "tệp văn bản tải về", "en": "the downloaded file"},
    "sources_document_help": {
        "vi": "mã văn bản trong quizzes/sources.yaml, ví dụ luat-10-2022-qh15",
        "en": "document id from quizzes/sources.yaml, e.g. luat-10-2022-qh15",
    },
    "sources_unknown_document": {
        "vi": "Không có văn bản '{document}' trong quizzes/sources.yaml (có: {known}).",
        "en": "No document '{document}' in quizzes/sources.yaml (known: {known}).",
    },
    "sources_missing_file": {"vi": "Không tìm thấy tệp {path}.", "en": "No such file {path}."},
    "sources_no_articles": {
        "vi": '{path}: không tìm thấy dòng nào dạng "Điều N."; đây có đúng là văn bản luật?',
        "en": '{path}: no line like "Điều N." found; is this a legal text?',
    },
    "sources_imported": {
        "vi": "Đã nhập {document}: {chapters} chương, {articles} điều, {clauses} khoản → {path}",
        "en": "Imported {document}: {chapters} chapters, {articles} articles, {clauses} clauses "
        "→ {path}",
    },
    "sources_warning": {"vi": "  cảnh báo: {warning}", "en": "  warning: {warning}"},
    "sources_none": {
        "vi": "Chưa nhập văn bản nào (dùng: dancoso sources import TỆP --document MÃ).",
        "en": "No texts imported yet (use: dancoso sources import FILE --document ID).",
    },
    "data_dir_help": {
        "vi": "thư mục dữ liệu (mặc định ./var hoặc DANCOSO_DATA)",
        "en": "data directory (default ./var or DANCOSO_DATA)",
    },
    "host_help": {"vi": "địa chỉ lắng nghe (mặc định 127.0.0.1)", "en": "address to bind"},
    "lab_port_help": {"vi": "cổng JupyterLab", "en": "JupyterLab port"},
    "voila_port_help": {"vi": "cổng Voilà", "en": "Voilà port"},
    "no_demo_help": {
        "vi": "không dựng cuộc thi mẫu (mặc định: dựng, chấm và công bố cuộc thi demo)",
        "en": "skip the demo contest (default: build, grade and publish it)",
    },
    "demo_participants_help": {
        "vi": "số thí sinh mô phỏng của cuộc thi demo (lần đầu)",
        "en": "simulated participants of the demo contest (first run)",
    },
    "contest_port_help": {"vi": "cổng trang dự thi", "en": "contest page port"},
    "pages_port_help": {"vi": "cổng trang ban tổ chức (Voilà)", "en": "organiser pages port"},
    "site_port_help": {"vi": "cổng trang kết quả công bố", "en": "public results site port"},
    "interrupted": {"vi": "Đã dừng.", "en": "Stopped."},
    "max_kernels_help": {
        "vi": "số phiên học tối đa cùng lúc trên Voilà (0: không giới hạn; mặc định theo RAM)",
        "en": "most Voilà visitor kernels at once (0: no cap; default from RAM)",
    },
    "pool_size_help": {
        "vi": "số kernel khởi động sẵn cho trang chủ khoá học",
        "en": "pre-started kernels for the course home",
    },
    "module_pool_size_help": {
        "vi": "số kernel khởi động sẵn cho mỗi bài học (0: không)",
        "en": "pre-started kernels for each module (0: none)",
    },
    "cull_idle_help": {
        "vi": "giây không dùng trước khi thu hồi kernel của trang đã đóng",
        "en": "idle seconds before the kernel of a closed page is culled",
    },
    "prepare_only_help": {
        "vi": "chỉ chuẩn bị bài học (notebook) trong thư mục dữ liệu rồi thoát",
        "en": "only prepare the course notebooks in the data directory, then exit",
    },
    "wait_title": {"vi": "Xin vui lòng chờ", "en": "Please wait"},
    "wait_body": {
        "vi": "Hiện có nhiều người đang học cùng lúc. Trang sẽ tự mở lại sau {seconds} giây; "
        "bạn không cần làm gì thêm.",
        "en": "Many people are learning right now. This page retries by itself in {seconds} "
        "seconds; there is nothing else to do.",
    },
    "wait_retry": {"vi": "Thử lại ngay", "en": "Try again now"},
    "serving_course": {"vi": "Khoá học (Voilà)", "en": "Course (Voilà)"},
    "serving_lab": {"vi": "JupyterLab", "en": "JupyterLab"},
    "demo_lab_code": {
        "vi": "Thi thử trên JupyterLab (Assignments › Fetch, chạy Phiếu trả lời, Submit): "
        "tài khoản {account}, mã làm bài {code}",
        "en": "Take the demo contest in JupyterLab (Assignments › Fetch, run the answer sheet, "
        "Submit): account {account}, access code {code}",
    },
}
