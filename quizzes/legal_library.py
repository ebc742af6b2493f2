"""Imported official texts, stored under ``<data>/sources/<document id>.json``.

`dancoso sources import` fills it; the bank check, the self-check feedback, participant
feedback and the review page read it. Without an import, callers fall back to our paraphrase.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .datadir import data_dir
from .legal_extract import extract_text
from .legal_structure import Article, Clause, parse_legal_text

__all__ = ["ImportResult", "ImportedText", "import_document", "load_imported", "library_dir"]


def library_dir(root: Path | None = None) -> Path:
    return data_dir(root, create=False) / "sources"


@dataclass(frozen=True)
class ImportResult:
    document: str
    path: Path
    chapters: int
    articles: int
    clauses: int
    warnings: list[str]


@dataclass
class ImportedText:
    document: str
    source_file: str
    sha256: str
    imported_at: str
    articles: dict[int, Article]
    chapters: dict[str, dict]

    def article(self, number: int) -> Article | None:
        return self.articles.get(number)

    def text(self, article: int, clause: int | None = None, point: str | None = None) -> str | None:
        """The cited text: a point, a clause (with its points) or the whole article."""
        found = self.articles.get(article)
        if found is None:
            return None
        if clause is None:
            return found.full_text()
        part = found.clauses.get(clause)
        if part is None:
            return None
        if point is None:
            lines = [f"{part.number}. {part.text}"]
            lines += [f"{letter}) {text}" for letter, text in part.points.items()]
            return "\n".join(lines)
        return f"{point}) {part.points[point]}" if point in part.points else None


def import_document(source: Path, *, document: str, root: Path | None = None) -> ImportResult:
    """Read, split and store an official text; replaces an earlier import atomically."""
    text = extract_text(source)
    parsed = parse_legal_text(text)
    target_dir = library_dir(root)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{document}.json"
    payload = {
        "document": document,
        "source_file": source.name,
        "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "warnings": parsed.warnings,
        "preamble": parsed.preamble,
        "chapters": [
            {
                "id": c.id,
                "title": c.title,
                "articles": c.articles,
                "sections": [asdict(s) for s in c.sections],
            }
            for c in parsed.chapters
        ],
        "articles": {str(n): asdict(a) for n, a in parsed.articles.items()},
    }
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(target)
    return ImportResult(
        document=document,
        path=target,
        chapters=len(parsed.chapters),
        articles=len(parsed.articles),
        clauses=sum(len(a.clauses) for a in parsed.articles.values()),
        warnings=parsed.warnings,
    )


def load_imported(document: str, root: Path | None = None) -> ImportedText | None:
    path = library_dir(root) / f"{document}.json"
    if not path.exists():
        return None
    payload = json.loads(path.read_text(encoding="utf-8"))
    articles = {}
    for number, raw in payload["articles"].items():
        clauses = {
            int(k): Clause(number=v["number"], text=v["text"], points=v["points"])
            for k, v in raw["clauses"].items()
        }
        articles[int(number)] = Article(**{**raw, "clauses": clauses})
    return ImportedText(
        document=payload["document"],
        source_file=payload["source_file"],
        sha256=payload["sha256"],
        imported_at=payload["imported_at"],
        articles=articles,
        chapters={c["id"]: c for c in payload["chapters"]},
    )
