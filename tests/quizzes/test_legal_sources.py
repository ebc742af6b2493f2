"""`dancoso sources import` on fixture texts we wrote in the official layout, and the bank
check against the imported text."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from quizzes import check_bank, load_bank
from quizzes.citation_check import load_library
from quizzes.legal_extract import ExtractError, extract_text
from quizzes.legal_library import import_document, load_imported
from quizzes.legal_structure import parse_legal_text

FILES = Path(__file__).parent / "files"
SOURCES = FILES / "sources"


def make_docx(text: str, target: Path) -> Path:
    """A minimal Word document: one <w:p> per line, split into two runs to mimic Word."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = []
    for line in text.splitlines():
        half = len(line) // 2
        runs = "".join(
            f'<w:r><w:t xml:space="preserve">{part}</w:t></w:r>'
            for part in (line[:half], line[half:])
        )
        paragraphs.append(f"<w:p>{runs}</w:p>")
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return target


def test_parse_structure() -> None:
    parsed = parse_legal_text(extract_text(SOURCES / "luat-mau.txt"))
    assert [c.id for c in parsed.chapters] == ["I", "II"]
    assert parsed.chapters[0].title == "NHỮNG QUY ĐỊNH CHUNG"
    assert parsed.chapters[1].sections[1].title == "NHÂN DÂN BÀN VÀ QUYẾT ĐỊNH"
    assert parsed.chapters[1].sections[0].articles == [7]
    assert sorted(parsed.articles) == [1, 2, 3, 4, 5, 6, 7, 9]
    assert parsed.preamble.startswith("QUỐC HỘI")
    article_4 = parsed.articles[4]
    assert (article_4.chapter, article_4.section, len(article_4.clauses)) == ("I", None, 3)
    # A paragraph without a number continues the clause above it.
    assert article_4.clauses[2].text.endswith("do người đứng đầu quyết định.")
    assert parsed.articles[7].clauses[1].points == {
        "a": "Kế hoạch phát triển kinh tế - xã hội;",
        "b": "Dự toán ngân sách.",
    }
    assert parsed.articles[9].intro.startswith("Nhân dân bàn và quyết định")
    assert parsed.warnings == ["dòng 42: Điều 9 sau Điều 7 (thiếu điều?)"]


@pytest.mark.parametrize("kind", ["txt", "html", "docx"])
def test_every_format_gives_the_same_structure(kind: str, tmp_path: Path) -> None:
    text = (SOURCES / "luat-mau.txt").read_text(encoding="utf-8")
    source = {
        "txt": SOURCES / "luat-mau.txt",
        "html": SOURCES / "luat-mau.html",
        "docx": make_docx(text, tmp_path / "luat-mau.docx"),
    }[kind]
    result = import_document(source, document="luat-10-2022-qh15", root=tmp_path)
    assert (result.chapters, result.articles, result.clauses) == (2, 8, 17)
    imported = load_imported("luat-10-2022-qh15", tmp_path)
    assert imported.text(6, 4).startswith("4. Kịp thời kiến nghị")
    assert imported.text(7, 1, "b") == "b) Dự toán ngân sách."
    assert imported.text(3, 2) is None
    assert 99 not in imported.articles  # the script's "Điều 99" is not document text


def test_legacy_encoding_and_broken_docx_are_clear_errors(tmp_path: Path) -> None:
    legacy = tmp_path / "cu.txt"
    legacy.write_bytes("Chương I\nĐiều 1. Phạm vi\n".encode("cp1258", errors="replace"))
    with pytest.raises(ExtractError, match=r"cu.txt:1: không phải UTF-8"):
        extract_text(legacy)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ExtractError, match="không phải tệp .docx hợp lệ"):
        extract_text(broken)


def test_bank_check_against_imported_text(tmp_path: Path) -> None:
    import_document(SOURCES / "luat-mau.txt", document="luat-10-2022-qh15", root=tmp_path)
    library = load_library(tmp_path)
    assert list(library) == ["luat-10-2022-qh15"]
    # good.yaml cites Điều 4 khoản 1 and Điều 6, which exist: no problem.
    assert check_bank(load_bank([FILES / "good.yaml"]), library=library) == []

    bank = tmp_path / "bank.yaml"
    text = (FILES / "good.yaml").read_text(encoding="utf-8")
    text = text.replace("article: 4, clause: 1}", "article: 3, clause: 2}")  # clause missing
    text = text.replace(
        "{document: luat-10-2022-qh15, article: 6}]\n    topic: {document: luat-10-2022-qh15, chapter: I}\n    difficulty: 1\n    status: draft",
        "{document: luat-10-2022-qh15, article: 7, clause: 1, point: c}]\n    topic: {document: luat-10-2022-qh15, chapter: I}\n    difficulty: 1\n    status: draft",
    )
    bank.write_text(text, encoding="utf-8")
    problems = {
        (p.code, p.question_id, p.line) for p in check_bank(load_bank([bank]), library=library)
    }
    assert ("imported_clause_missing", "t-d4-k1-cu-tru", 13) in problems
    assert ("imported_point_missing", "t-d6-so-nghia-vu", 26) in problems


def test_reviewed_key_with_no_common_term_is_flagged(tmp_path: Path) -> None:
    import_document(SOURCES / "luat-mau.txt", document="luat-10-2022-qh15", root=tmp_path)
    text = (
        (FILES / "good.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "      - Tại xã, phường, thị trấn, thôn, tổ dân phố nơi mình cư trú\n",
            "      - Tại bệnh viện tuyến trung ương\n",
        )
    )
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    problems = check_bank(load_bank([bank]), library=load_library(tmp_path))
    flagged = [p for p in problems if p.code == "key_not_supported"]
    assert [(p.question_id, p.severity) for p in flagged] == [("t-d4-k1-cu-tru", "warning")]


def dancoso(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DANCOSO_LANG": "vi", "DANCOSO_DATA": str(cwd / "data")}
    return subprocess.run(
        [sys.executable, "-m", "dancoso.cli", *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_import_list_and_check(tmp_path: Path) -> None:
    result = dancoso(
        "sources",
        "import",
        str(SOURCES / "luat-mau.html"),
        "--document",
        "luat-10-2022-qh15",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Đã nhập luat-10-2022-qh15: 2 chương, 8 điều, 17 khoản")
    assert "cảnh báo: dòng" in result.stdout
    listing = dancoso("sources", "list", cwd=tmp_path)
    assert listing.stdout.startswith("luat-10-2022-qh15: 8 điều — luat-mau.html")
    check = dancoso("bank", "check", str(FILES / "good.yaml"), cwd=tmp_path)
    assert check.returncode == 0, check.stderr


def test_cli_import_errors(tmp_path: Path) -> None:
    unknown = dancoso(
        "sources", "import", str(SOURCES / "luat-mau.txt"), "--document", "luat-x", cwd=tmp_path
    )
    assert unknown.returncode == 1 and "Không có văn bản 'luat-x'" in unknown.stderr
    not_law = tmp_path / "thu.txt"
    not_law.write_text("Kính gửi anh chị\nThư mời họp\n", encoding="utf-8")
    empty = dancoso("sources", "import", str(not_law), "--document", "nd-59-2023", cwd=tmp_path)
    assert empty.returncode == 1 and "không tìm thấy dòng nào dạng" in empty.stderr
    assert "Traceback" not in unknown.stderr + empty.stderr
