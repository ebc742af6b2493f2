"""Plain text out of an official legal document as people download it.

Accepts plain text (UTF-8, UTF-8 with BOM, UTF-16), Word `.docx` and saved HTML pages from the
national legal database or the Official Gazette. Only the standard library: a `.docx` is a zip
of XML paragraphs, and HTML needs only block-level line breaks.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from .text import nfc

__all__ = ["ExtractError", "extract_text"]

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "td"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript"}


class ExtractError(Exception):
    """The file cannot be read as a legal text; the message says why and what to do."""


def extract_text(path: Path) -> str:
    """The document's text, one paragraph per line, NFC-normalised."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = _docx_text(path)
    elif suffix in {".html", ".htm"}:
        text = _html_text(_decode(path.read_bytes(), path))
    else:
        text = _decode(path.read_bytes(), path)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return nfc("\n".join(line for line in lines if line))


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ExtractError(
            f"{path}:{line}: không phải UTF-8 (có thể là bảng mã TCVN3/VNI); "
            "hãy lưu lại tệp dưới dạng Unicode UTF-8."
        ) from None


def _docx_text(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as error:
        raise ExtractError(f"{path}: không phải tệp .docx hợp lệ ({error}).") from None
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for paragraph in root.iter(f"{_WORD}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{_WORD}t" and node.text:
                pieces.append(node.text)
            elif node.tag in {f"{_WORD}tab", f"{_WORD}br"}:
                pieces.append(" ")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _html_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)
