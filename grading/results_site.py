"""The public results site: static HTML, SVG charts and the certificate check, no kernel.

Pages (all Vietnamese, phone first, every asset served from the site itself)::

    index.html           winners of every round, collective prizes, overall ranking (top N)
    dot-<round>.html     one round: winners, ranking (top N), score distribution
    don-vi.html          participation per unit against its headcount, per round and overall
    thong-ke.html        attempts vs people, "N người đúng k câu", full marks, groups
    xac-minh.html        certificate check (assets/verify.js + assets/certificates.js)
    assets/, charts/     stylesheet, scripts, SVG charts

People are shown by consented name + unit, or by unit + an anonymised code (an HMAC of the
participant id under the data directory's secret, so it cannot be traced back without it).
Nothing else about a person is ever read here: the site gets names only from
:func:`grading.results_files.public_identity`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .counting import ALL_ROUNDS
from .results_charts import distribution_svg, units_svg
from .results_report import ContestResults
from .results_texts import date_text, number_text, share_text, text
from .site_html import Cell, NavItem, e, page, table
from .site_tables import SiteTables

__all__ = [
    "PublicPeople",
    "SiteError",
    "anonymous_code",
    "build_site",
    "shown_participants",
    "ASSETS",
]

ASSETS = Path(__file__).with_name("site_assets")
_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
_FAST_SECONDS = 60


def anonymous_code(secret: bytes, contest_id: str, participant_id: str) -> str:
    """Six characters that name a participant on public pages without revealing them."""
    digest = hmac.new(secret, f"anon|{contest_id}|{participant_id}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:5]).decode().translate(_CROCKFORD)[:6]


@dataclass(frozen=True)
class PublicPeople:
    """What the site may say about each shown participant."""

    names: Mapping[str, str]  # participant id -> consented display name
    codes: Mapping[str, str]  # participant id -> anonymised code

    def html(self, participant_id: str) -> str:
        name = self.names.get(participant_id, "")
        if name:
            return e(name)
        code = self.codes.get(participant_id, "??????")
        return f'<span class="anon">{e(text("site_anonymous", code=code))}</span>'


def shown_participants(results: ContestResults, top: int) -> list[str]:
    """Everyone a public page may list: prize winners and the top of every ranking."""
    ids = list(results.awards.awarded["participant_id"])
    for round_result in results.rounds.values():
        ids += list(round_result.table["participant_id"].head(top))
    ids += list(results.overall.table["participant_id"].head(top))
    return list(dict.fromkeys(ids))


class _Site(SiteTables):
    def __init__(
        self, results: ContestResults, people: PublicPeople, out: Path, top: int, lookup: dict
    ) -> None:
        self.r = results
        self.people = people
        self.out = out
        self.top = top
        self.lookup = lookup
        self.spec = results.spec
        self.unit_names = dict(zip(results.units["unit_id"], results.units["name"], strict=True))
        self.nav = [NavItem("index.html", text("site_home"))]
        self.nav += [NavItem(self.round_file(r.id), r.title) for r in self.spec.rounds]
        self.nav += [
            NavItem("don-vi.html", text("site_units")),
            NavItem("thong-ke.html", text("site_statistics")),
            NavItem("xac-minh.html", text("site_verify")),
        ]

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def round_file(round_id: str) -> str:
        return f"dot-{round_id}.html"

    def write(self, name: str, content: str) -> None:
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")

    def moment(self, value) -> str:
        return date_text(pd.Timestamp(value).to_pydatetime(), time=True)

    def footer(self) -> str:
        return (
            f"<p>{e(text('site_privacy'))}</p>"
            f"<p>{e(text('site_generated', moment=self.moment(self.r.generated_at)))}</p>"
        )

    def emit(self, name: str, heading: str, body: str, scripts: Iterable[str] = ()) -> None:
        html = page(
            title=f"{heading} — {self.spec.title}",
            heading=heading,
            organiser=self.spec.organiser,
            contest=self.spec.title,
            nav=self.nav,
            current=name,
            body=body,
            footer=self.footer(),
            scripts=list(scripts),
        )
        self.write(name, html)

    def banner(self, round_ids: Iterable[str]) -> str:
        parts = []
        for round_id in round_ids:
            result = self.r.rounds[round_id]
            if not result.closed:
                closes = self.moment(result.round.closes)
                message = text("site_provisional", round=result.round.title, closes=closes)
                parts.append(f'<p class="banner">{e(message)}</p>')
        return "".join(parts)

    def chart(self, name: str, svg: str, title: str) -> str:
        self.write(f"charts/{name}.svg", svg)
        alt = text("site_chart_alt", title=title)
        return (
            f'<figure><img src="charts/{e(name)}.svg" alt="{e(alt)}" loading="lazy">'
            f"<figcaption>{e(title)}</figcaption></figure>"
        )

    # -- pages ----------------------------------------------------------------------------
    def index(self) -> None:
        summary = self.r.summary.set_index("round_id")
        whole = summary.loc[ALL_ROUNDS] if ALL_ROUNDS in summary.index else None
        units_present = self.r.attempts["unit_id"].nunique()
        body = [self.banner(self.r.rounds)]
        if whole is not None:
            body.append(
                self.cards(
                    [
                        (number_text(whole["attempts"]), text("col_attempts")),
                        (number_text(whole["people"]), text("col_participants")),
                        (number_text(units_present), text("site_units")),
                        (number_text(len(self.r.awards.awarded)), text("site_prizes")),
                    ]
                )
            )
        for round_id, result in self.r.rounds.items():
            link = f'<a href="{self.round_file(round_id)}">{e(text("site_round_link", round=result.round.title))}</a>'  # noqa: E501
            body.append(
                f"<h2>{e(text('site_winners'))} — {e(result.round.title)}</h2>"
                + self.winners(round_id)
                + f"<p>{link}</p>"
            )
        if self.r.collective:
            body.append(f"<h2>{e(text('site_collective'))}</h2>" + self.collective())
        overall = self.r.overall.table
        body.append(f"<h2>{e(text('site_overall'))}</h2>")
        if len(overall):
            shown = min(self.top, len(overall))
            body.append(
                f'<p class="note">{e(text("site_top", shown=shown, total=len(overall)))}</p>'
            )  # noqa: E501
            body.append(self.ranking_table(overall, self.r.question_count(ALL_ROUNDS), {}))
        else:
            body.append(f"<p>{e(text('site_no_attempts'))}</p>")
        body.append(f'<p class="note">{e(text("site_anonymous_note"))}</p>')
        self.emit("index.html", text("site_results_of", title=self.spec.title), "".join(body))

    def round_page(self, round_id: str) -> None:
        result = self.r.rounds[round_id]
        round_ = result.round
        window = f"{self.moment(round_.opens)} – {self.moment(round_.closes)}"
        body = [f'<p class="note">{e(window)}</p>', self.banner([round_id])]
        body.append(f"<h2>{e(text('site_winners'))}</h2>" + self.winners(round_id))
        ranking = result.table
        body.append(f"<h2>{e(text('site_ranking'))}</h2>")
        if len(ranking):
            shown = min(self.top, len(ranking))
            body.append(
                f'<p class="note">{e(text("site_top", shown=shown, total=len(ranking)))}</p>'
            )  # noqa: E501
            body.append(
                self.ranking_table(ranking, round_.paper.question_count, self.prizes_of(round_id))
            )
            rows = self.r.distribution[self.r.distribution["round_id"] == round_id]
            title = text("site_distribution_title", round=round_.title)
            body.append(self.chart(f"phan-bo-{round_id}", distribution_svg(rows, title), title))
        else:
            body.append(f"<p>{e(text('site_no_attempts'))}</p>")
        body.append(f'<p class="note">{e(text("site_anonymous_note"))}</p>')
        self.emit(self.round_file(round_id), round_.title, "".join(body))

    def units_page(self) -> None:
        stats = self.r.unit_stats
        parents = set(self.r.units["parent_id"].dropna())
        leaves = [u for u in self.r.units["unit_id"] if u not in parents]
        chart_units = (
            leaves
            if len(leaves) <= 40
            else list(self.r.units.loc[self.r.units["parent_id"].isna(), "unit_id"])
        )
        body = [f'<p class="note">{e(text("site_units_intro"))}</p>']
        for round_id in [ALL_ROUNDS, *self.r.rounds]:
            rows = stats[stats["round_id"] == round_id]
            if not len(rows):
                continue
            title_round = (
                text("site_all_rounds")
                if round_id == ALL_ROUNDS
                else self.r.rounds[round_id].round.title
            )
            body.append(f"<h2>{e(title_round)}</h2>")
            chart_rows = rows[rows["unit_id"].isin(chart_units)]
            title = text("site_units_title", round=title_round)
            slug = "toan-cuoc-thi" if round_id == ALL_ROUNDS else round_id
            body.append(self.chart(f"don-vi-{slug}", units_svg(chart_rows, title), title))
            body.append(self.units_table(rows))
        self.emit("don-vi.html", text("site_units"), "".join(body))

    def statistics_page(self) -> None:
        summary = self.r.summary
        rows = []
        for row in summary.itertuples(index=False):
            label = (
                text("site_all_rounds")
                if row.round_id == ALL_ROUNDS
                else self.r.rounds[row.round_id].round.title
            )  # noqa: E501
            rows.append(
                [
                    label,
                    Cell(number_text(row.attempts), True),
                    Cell(number_text(row.people), True),
                    Cell(number_text(row.attempts_per_person, 2), True),
                ]
            )
        headers = [text("col_round"), text("col_attempts"), text("col_participants")]
        body = [table(headers + [text("col_per_person")], rows, numeric=[False, True, True, True])]
        perfect = self.r.perfect
        for round_id, result in self.r.rounds.items():
            dist = self.r.distribution[self.r.distribution["round_id"] == round_id]
            if not len(dist):
                continue
            body.append(f"<h2>{e(result.round.title)}</h2>")
            count = int((perfect["round_id"] == round_id).sum())
            fast = perfect[
                (perfect["round_id"] == round_id) & (perfect["duration_s"] < _FAST_SECONDS)
            ]  # noqa: E501
            body.append(f"<p>{e(text('site_perfect', count=number_text(count)))} "
                        f"{e(text('site_fast', count=number_text(len(fast)), seconds=_FAST_SECONDS))}</p>")  # noqa: E501  # fmt: skip
            dist_rows = [
                [Cell(e(row.text)), Cell(e(share_text(row.share)), True)]
                for row in dist.itertuples(index=False)
                if row.count
            ]
            body.append(table([text("col_correct"), text("col_people_share")], dist_rows,
                              numeric=[False, True]))  # fmt: skip
        if len(self.r.groups):
            groups = self.r.groups[self.r.groups["round_id"] == ALL_ROUNDS]
            group_rows = [
                [
                    e(row.group if isinstance(row.group, str) else text("no_group")),
                    Cell(number_text(row.people), True),
                    Cell(e(share_text(row.share)), True),
                    Cell(number_text(row.mean_score, 1), True),
                ]
                for row in groups.itertuples(index=False)
            ]
            if group_rows:
                body.append(f"<h2>{e(text('col_group'))}</h2>")
                headers = [text("col_group"), text("col_participants"), text("col_rate")]
                body.append(table(headers + [text("col_mean")], group_rows,
                                  numeric=[False, True, True, True]))  # fmt: skip
        self.emit("thong-ke.html", text("site_statistics"), "".join(body))

    def verify_page(self) -> None:
        data = json.dumps(self.lookup, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        self.write("assets/certificates.js", f"window.DANCOSO_CERTIFICATES = {data};\n")
        texts = {
            key: text(
                f"verify_{key}", code="{code}", date="{date}", holder="{holder}", name="{name}"
            )  # fmt: skip
            for key in (
                "valid",
                "unknown",
                "revoked",
                "issued",
                "holder",
                "hidden",
                "name_ok",
                "name_bad",
            )  # fmt: skip
        }
        script = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
        body = (
            f"<p>{e(text('verify_intro'))}</p>"
            f'<noscript><p class="banner">{e(text("verify_noscript"))}</p></noscript>'
            '<form id="verify-form" class="verify" autocomplete="off">'
            f'<label for="verify-code">{e(text("verify_code"))}</label>'
            '<input id="verify-code" name="code" required placeholder="XXXX-XXXX-XXXX-XXXX" '
            'autocapitalize="characters" spellcheck="false">'
            f'<label for="verify-name">{e(text("verify_name"))}</label>'
            '<input id="verify-name" name="name">'
            f'<button type="submit">{e(text("verify_button"))}</button></form>'
            '<div id="verify-result" role="status" aria-live="polite"></div>'
            f'<p class="note">{e(text("verify_count", count=number_text(len(self.lookup))))}</p>'
            f'<script type="application/json" id="verify-texts">{script}</script>'
        )
        self.emit("xac-minh.html", text("site_verify"), body,
                  scripts=["assets/certificates.js", "assets/verify.js"])  # fmt: skip


class SiteError(ValueError):
    """The output folder cannot take the site (not empty and not an earlier build)."""


MARKER = ".dancoso-site"


def build_site(
    results: ContestResults,
    out: Path,
    *,
    people: PublicPeople,
    lookup: Mapping[str, dict] | None = None,
    top: int = 50,
) -> list[Path]:
    """Write the public site into ``out`` and return its files.

    The site is built beside ``out`` and then swapped in, so a web server serving ``out``
    never shows half a site. An existing ``out`` is replaced only if it is an earlier build
    (it holds the ``.dancoso-site`` marker) or empty.
    """
    out = Path(out).resolve()
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SiteError(str(out))
    staging = out.with_name(f".{out.name}.building")
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "assets").mkdir(parents=True)
    site = _Site(results, people, staging, top, dict(lookup or {}))
    for asset in ("style.css", "verify.js"):
        shutil.copyfile(ASSETS / asset, staging / "assets" / asset)
    site.index()
    for round_id in results.rounds:
        site.round_page(round_id)
    site.units_page()
    site.statistics_page()
    site.verify_page()
    (staging / MARKER).write_text("dancoso results build\n", encoding="utf-8")
    if out.exists():
        retired = out.with_name(f".{out.name}.old")
        if retired.exists():
            shutil.rmtree(retired)
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired)
    else:
        staging.rename(out)
    return sorted(p for p in out.rglob("*") if p.is_file())
