"""Tables of the public results site: rankings, winners, collective prizes, units.

A mixin of :class:`grading.results_site._Site` (which provides ``r`` — the results —,
``people``, ``top`` and ``unit_names``); every cell is escaped or built from escaped parts.
"""

from __future__ import annotations

import pandas as pd

from .results_texts import duration_text, number_text, share_text, text
from .site_html import Cell, e, table

__all__ = ["SiteTables"]


class SiteTables:
    """Table builders shared by the site's pages."""

    def unit(self, unit_id: str) -> str:
        return e(self.unit_names.get(unit_id, unit_id))

    def ranking_table(self, ranking: pd.DataFrame, total_questions: int, prizes: dict) -> str:
        rows, classes = [], []
        for row in ranking.head(self.top).itertuples(index=False):
            rank = f"{row.rank}"
            if row.tied:
                rank += f' <span class="tie">({e(text("site_tied"))})</span>'
            prize = prizes.get(row.participant_id)
            rows.append(
                [
                    Cell(rank, numeric=True),
                    Cell(self.people.html(row.participant_id)),
                    Cell(self.unit(row.unit_id)),
                    Cell(e(text("correct_of", correct=row.correct, total=total_questions)), True),
                    Cell(e(duration_text(row.duration_s)), True),
                    Cell(f'<span class="prize">{e(prize)}</span>' if prize else ""),
                ]
            )
            classes.append("win" if prize else "")
        headers = [text(k) for k in ("col_rank", "col_person", "col_unit", "col_correct")]
        headers += [text("col_time"), text("col_prize")]
        return table(headers, rows, row_classes=classes,
                     numeric=[True, False, False, True, True, False])  # fmt: skip

    def winners(self, round_id: str) -> str:
        awarded = self.r.awards.awarded
        rows = awarded[awarded["round_id"] == round_id]
        if not len(rows):
            return f"<p>{e(text('site_no_attempts'))}</p>"
        table_rows = self.r.rounds[round_id].table.set_index("participant_id")
        total = self.r.question_count(round_id)
        parts = []
        for _order, group in rows.groupby("prize_order", sort=True):
            name = self.r.tier_name(group["prize"].iat[0])
            items = []
            for winner in group.itertuples(index=False):
                detail = table_rows.loc[winner.participant_id]
                items.append(
                    [
                        Cell(str(winner.rank), numeric=True),
                        Cell(self.people.html(winner.participant_id)),
                        Cell(self.unit(winner.unit_id)),
                        Cell(e(text("correct_of", correct=detail["correct"], total=total)), True),
                        Cell(e(duration_text(detail["duration_s"])), True),
                    ]
                )
            headers = [text(k) for k in ("col_rank", "col_person", "col_unit", "col_correct")]
            parts.append(
                f'<div class="tier"><h3 class="prize">{e(name)} ({len(group)})</h3>'
                + table(
                    headers + [text("col_time")], items, numeric=[True, False, False, True, True]
                )  # fmt: skip
                + "</div>"
            )
        return "".join(parts)

    def prizes_of(self, round_id: str) -> dict[str, str]:
        awarded = self.r.awards.awarded
        rows = awarded[awarded["round_id"] == round_id]
        return {pid: self.r.tier_name(p) for pid, p in zip(rows["participant_id"], rows["prize"],
                                                            strict=True)}  # fmt: skip

    def collective(self) -> str:
        parts = []
        for item in self.r.collective:
            winners = set(item.awards.awarded["unit_id"])
            rows, classes = [], []
            for row in item.standings.head(max(item.rule.count + 5, 10)).itertuples(index=False):
                win = row.unit_id in winners
                headcount = row.headcount
                known = headcount is not None and headcount == headcount
                rows.append(
                    [
                        Cell(str(row.rank), numeric=True),
                        Cell(e(row.name)),
                        Cell(number_text(row.participants), True),
                        Cell(number_text(headcount) if known else "—", True),
                        Cell(e(share_text(row.rate)), True),
                        Cell(self.collective_points(item.rule.rule, row), True),
                        Cell(f'<span class="prize">{e(item.rule.name)}</span>' if win else ""),
                    ]
                )
                classes.append("win" if win else "")
            headers = [text("col_rank"), text("col_unit"), text("col_participants")]
            headers += [text("col_headcount"), text("col_rate"), self.points_header(item.rule.rule)]
            parts.append(
                f"<h3>{e(item.rule.name)}</h3>"
                + table(
                    headers + [text("col_prize")],
                    rows,
                    row_classes=classes,
                    numeric=[True, False, True, True, True, True, False],
                )  # fmt: skip
            )
        return "".join(parts)

    @staticmethod
    def points_header(rule: str) -> str:
        return text("col_winners") if rule == "winners" else text("col_points")

    @staticmethod
    def collective_points(rule: str, row) -> str:
        if rule == "winners":
            return number_text(row.winners)
        if rule == "quang_nam":
            return number_text(row.score, 1)
        return number_text(row.participants) if rule == "participants" else share_text(row.rate)

    def cards(self, items: list[tuple[str, str]]) -> str:
        inner = "".join(
            f'<div class="card"><div class="n">{e(n)}</div><div class="l">{e(label)}</div></div>'
            for n, label in items
        )
        return f'<div class="cards">{inner}</div>'

    def units_table(self, rows: pd.DataFrame) -> str:
        table_rows = []
        for row in rows.itertuples(index=False):
            indent = f"indent-{min(int(row.depth), 2)}" if row.depth else ""
            known = row.headcount is not None and row.headcount == row.headcount
            table_rows.append(
                [
                    Cell(e(row.name), css=indent),
                    Cell(number_text(row.participants), True),
                    Cell(number_text(row.attempts), True),
                    Cell(number_text(row.headcount) if known else "—", True),
                    Cell(e(share_text(row.rate)), True),
                    Cell(number_text(row.mean_correct, 1) if row.participants else "—", True),
                ]
            )
        headers = [text(k) for k in ("col_unit", "col_participants", "col_attempts")]
        headers += [text("col_headcount"), text("col_rate"), text("col_correct")]
        return table(headers, table_rows, numeric=[False, True, True, True, True, True])
