"""Read a YAML file into plain data plus a map from data paths to line numbers.

Bank and contest files are written by people; every error must name the file and line.
PyYAML's composed node tree carries the marks, so we build the path → line map from it
and let PyYAML construct the values. Encoding problems (BOM, CRLF, legacy Vietnamese
encodings) are reported before parsing, with the line they occur on.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = ["SourceProblem", "YamlDocument", "read_yaml", "decode_text"]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceProblem:
    """A problem in the raw file, before its content is understood."""

    line: int
    code: str  # key into the message catalogue
    detail: str = ""
    fixable: bool = False


@dataclass
class YamlDocument:
    path: Path
    text: str
    data: object = None
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(not p.fixable for p in self.problems)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known node on ``path`` (1 if nothing matches)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def decode_text(raw: bytes) -> tuple[str | None, list[SourceProblem]]:
    """Decode UTF-8 strictly, reporting BOM, CRLF, invalid bytes and non-NFC text."""
    problems: list[SourceProblem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(SourceProblem(1, "bom", fixable=True))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [*problems, SourceProblem(line, "not_utf8", f"0x{raw[error.start]:02x}")]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(SourceProblem(line, "crlf", fixable=True))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        for number, line_text in enumerate(text.split("\n"), start=1):
            if not unicodedata.is_normalized("NFC", line_text):
                problems.append(SourceProblem(number, "not_nfc", fixable=True))
                break
        text = unicodedata.normalize("NFC", text)
    return text, problems


def read_yaml(path: Path) -> YamlDocument:
    raw = path.read_bytes()
    text, problems = decode_text(raw)
    document = YamlDocument(path=path, text=text or "", problems=problems)
    if text is None:
        return document
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            document.problems.append(SourceProblem(1, "empty"))
            return document
        _record_lines(node, (), document)
        document.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        document.problems.append(SourceProblem(line, "yaml_syntax", str(error.problem or error)))
        document.data = None
    finally:
        loader.dispose()
    return document


def _record_lines(node: yaml.Node, path: Path_, document: YamlDocument) -> None:
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                document.problems.append(
                    SourceProblem(key_node.start_mark.line + 1, "duplicate_key", key)
                )
            seen.add(key)
            document.lines[(*path, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*path, key), document)
            document.lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), document)
