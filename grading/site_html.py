"""HTML building blocks of the static results site: the page shell and tables.

Every value goes through :func:`html.escape`; pages link only to files of the site itself
(relative URLs), so the site works from a USB stick, ``file://`` or any web server, offline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .results_texts import text

__all__ = ["Cell", "NavItem", "page", "table", "e"]


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class Cell:
    """A table cell: ``html`` is trusted markup (already escaped), ``numeric`` aligns right."""

    html: str
    numeric: bool = False
    css: str = ""


@dataclass(frozen=True)
class NavItem:
    href: str
    label: str


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell | str]],
    *,
    cards: bool = True,
    row_classes: Sequence[str] | None = None,
    numeric: Sequence[bool] | None = None,
) -> str:
    """A table; with ``cards`` it turns into one card per row on phones (labels from headers)."""
    numeric = numeric or [False] * len(headers)
    head = "".join(
        f'<th scope="col"{" class=num" if n else ""}>{e(h)}</th>'
        for h, n in zip(headers, numeric, strict=True)
    )
    body = []
    for index, row in enumerate(rows):
        cells = []
        for header, cell in zip(headers, row, strict=True):
            if not isinstance(cell, Cell):
                cell = Cell(e(cell))
            classes = " ".join(c for c in ("num" if cell.numeric else "", cell.css) if c)
            css = f' class="{classes}"' if classes else ""
            cells.append(f'<td data-label="{e(header)}"{css}>{cell.html}</td>')
        css = f' class="{row_classes[index]}"' if row_classes and row_classes[index] else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    kind = ' class="cards-on-phone"' if cards else ""
    return (
        f'<div class="scroll"><table{kind}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def page(
    *,
    title: str,
    heading: str,
    organiser: str,
    contest: str,
    nav: Sequence[NavItem],
    current: str,
    body: str,
    footer: str,
    scripts: Sequence[str] = (),
) -> str:
    links = "".join(
        f'<a href="{e(item.href)}"'
        + (' aria-current="page"' if item.href == current else "")
        + f">{e(item.label)}</a>"
        for item in nav
    )
    tags = "".join(f'<script src="{e(src)}"></script>' for src in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="dancoso"><title>{e(title)}</title>'
        f'<link rel="stylesheet" href="assets/style.css">{tags}</head><body>'
        f'<header class="site"><div class="org">{e(organiser)}</div>'
        f'<div class="title">{e(contest)}</div></header>'
        f'<nav class="site" aria-label="{e(text("site_home"))}">{links}</nav>'
        f"<main><h1>{e(heading)}</h1>{body}</main>"
        f'<footer class="site">{footer}</footer></body></html>\n'
    )
