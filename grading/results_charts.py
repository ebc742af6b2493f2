"""Charts of the results as self-contained SVG text (matplotlib, no pyplot, no network).

The SVG keeps its text as text (``svg.fonttype: none``) so that it stays small and readable by
screen readers, names a font stack that every phone has, and carries no metadata, no DOCTYPE
and no external reference: the only URLs in it are XML namespace names.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd

from .results_texts import share_text, text

__all__ = ["distribution_svg", "units_svg", "attempts_over_time_svg", "bars_svg"]

_BLUE = "#1f5fa8"
_LIGHT = "#9bbbe0"
_RC = {
    "svg.fonttype": "none",
    "font.family": ["DejaVu Sans"],  # matplotlib ships it: the same layout everywhere
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*", re.S)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def _svg(figure) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _METADATA.sub("", _COMMENT.sub("", _DOCTYPE.sub("", buffer.getvalue())))
    # Stable, short ids (matplotlib's are content hashes: long runs of digits in a public file).
    ids = list(dict.fromkeys(re.findall(r'id="(p[0-9a-f]{6,})"', svg)))
    for number, old in enumerate(ids, start=1):
        svg = svg.replace(f'"{old}"', f'"clip{number}"').replace(f"#{old})", f"#clip{number})")
    # Text stays text: let a phone without DejaVu use its own sans-serif font.
    svg = svg.replace("'DejaVu Sans'", "'DejaVu Sans', Arial, sans-serif")
    # Scale with the page: drop the fixed size, keep the viewBox.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    return svg


def _styled(draw):
    import matplotlib

    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(_RC):
            return draw(*args, **kwargs)

    return wrapper


@_styled
def distribution_svg(rows: pd.DataFrame, title: str) -> str:
    """Bars "N người đúng k câu" from one round's rows of ``score_distribution``."""
    figure, axes = _figure(6.4, 3.2)
    correct = rows["correct"].to_numpy()
    counts = rows["count"].to_numpy()
    top = counts.max() if len(counts) else 0
    axes.bar(correct, counts, color=_BLUE, width=0.8)
    if len(correct) <= 41:
        for k, n in zip(correct, counts, strict=True):
            if n:
                axes.annotate(f"{n}", (k, n), ha="center", va="bottom", fontsize=7)
    axes.set_xlabel(text("chart_correct"))
    axes.set_ylabel(text("chart_people"))
    axes.set_title(title, fontsize=11)
    axes.set_ylim(0, top * 1.15 + 1)
    step = max(1, int(np.ceil(len(correct) / 20)))
    axes.set_xticks(correct[::step])
    return _svg(figure)


@_styled
def units_svg(rows: pd.DataFrame, title: str) -> str:
    """Horizontal bars of participation rate per unit (columns name, rate, participants,
    headcount); units without a headcount show their participant count only."""
    rows = rows.sort_values(["rate", "participants"], ascending=[True, True], na_position="first")
    height = 1.0 + 0.32 * max(len(rows), 1)
    figure, axes = _figure(6.4, height)
    positions = np.arange(len(rows))
    rates = rows["rate"].astype("float64").fillna(0).to_numpy()
    axes.barh(positions, rates, color=_BLUE, height=0.7)
    labels = [str(n) for n in rows["name"]]
    axes.set_yticks(positions, labels, fontsize=8)
    for y, rate, people, headcount in zip(
        positions, rates, rows["participants"], rows["headcount"], strict=True
    ):
        known = headcount is not None and headcount == headcount and headcount > 0
        note = f"{share_text(rate)} ({people}/{int(headcount)})" if known else f"{people}"
        axes.annotate(note, (rate, y), xytext=(3, 0), textcoords="offset points",
                      va="center", fontsize=7)  # fmt: skip
    axes.set_xlim(0, max(1.0, float(rates.max()) if len(rates) else 1.0) * 1.25)
    axes.xaxis.set_major_formatter(lambda value, _pos: share_text(value))
    axes.set_xlabel(text("chart_rate"))
    axes.set_title(title, fontsize=11)
    return _svg(figure)


@_styled
def attempts_over_time_svg(submitted: pd.Series, title: str) -> str:
    """Attempts per day (Vietnam time) from a ``submitted_at`` column."""
    figure, axes = _figure(6.4, 2.8)
    if len(submitted):
        days = submitted.dt.tz_convert("Asia/Ho_Chi_Minh").dt.floor("D").dt.tz_localize(None)
        counts = days.value_counts().sort_index()
        full = pd.date_range(counts.index.min(), counts.index.max(), freq="D")
        counts = counts.reindex(full, fill_value=0)
        axes.bar(counts.index, counts.to_numpy(), color=_BLUE, width=0.8)
        axes.xaxis.set_major_formatter(lambda value, _pos: _day(value))
        for label in axes.get_xticklabels():
            label.set_rotation(30)
    axes.set_ylabel(text("chart_attempts"))
    axes.set_title(title, fontsize=11)
    return _svg(figure)


def _day(value: float) -> str:
    from matplotlib.dates import num2date

    return num2date(value).strftime("%d/%m")


@_styled
def bars_svg(labels: list[str], values: list[float], title: str, *, as_share: bool = True) -> str:
    """Generic horizontal bars (weakest topics, module completion…)."""
    height = 1.0 + 0.32 * max(len(labels), 1)
    figure, axes = _figure(6.4, height)
    positions = np.arange(len(labels))
    axes.barh(positions, values, color=_LIGHT if not as_share else _BLUE, height=0.7)
    axes.set_yticks(positions, labels, fontsize=8)
    if as_share:
        axes.set_xlim(0, 1.05)
        axes.xaxis.set_major_formatter(lambda value, _pos: share_text(value))
    axes.set_title(title, fontsize=11)
    return _svg(figure)
