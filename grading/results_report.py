"""A contest's results, computed once from its spec and the grader's frames.

:func:`compute_results` applies the spec to the results core — each round's counting policy
and ranking keys, the prediction answer, prize tiers with their cap and "one prize per person",
every collective rule — and gathers the statistics and the item analysis. The static site, the
organiser exports, the certificates and the dashboards all read the same
:class:`ContestResults`, so they can never disagree.

A round is *closed* when its window has ended at ``now``; until then its ranking, its
prediction answer and its prizes are provisional (tạm tính) and no certificate is issued.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from quizzes.contest_spec import CollectiveRule, ContestSpec, Round

from .collective import award_collective, collective_standings
from .counting import ALL_ROUNDS, RoundRules, prediction_actual
from .items import ItemAnalysis, bank_options, flag_items, item_analysis
from .prizes import Awards, PrizeTier, award_contest
from .ranking import Ranking, rank_overall, rank_round
from .results_model import check_references, ensure_valid
from .statistics import (
    attempt_summary,
    fastest_finishers,
    group_breakdown,
    perfect_scores,
    score_distribution,
    unit_statistics,
)

__all__ = [
    "RoundResult",
    "CollectiveResult",
    "ContestResults",
    "round_rules",
    "compute_results",
    "rank_contest",
    "with_statistics",
    "STATISTICS_FIELDS",
    "analyse_items",
    "with_items",
]


@dataclass(frozen=True, eq=False)
class RoundResult:
    round: Round
    rules: RoundRules
    ranking: Ranking
    closed: bool
    actual: int | None

    @property
    def table(self) -> pd.DataFrame:
        return self.ranking.table


@dataclass(frozen=True, eq=False)
class CollectiveResult:
    rule: CollectiveRule
    standings: pd.DataFrame
    awards: Awards


@dataclass(frozen=True, eq=False)
class ContestResults:
    spec: ContestSpec
    attempts: pd.DataFrame
    responses: pd.DataFrame
    units: pd.DataFrame
    rounds: dict[str, RoundResult]
    overall: Ranking
    awards: Awards
    collective: list[CollectiveResult]
    summary: pd.DataFrame
    unit_stats: pd.DataFrame
    distribution: pd.DataFrame
    groups: pd.DataFrame
    perfect: pd.DataFrame
    fastest: pd.DataFrame
    items: ItemAnalysis | None
    flags: pd.DataFrame
    generated_at: dt.datetime
    ignored_rounds: tuple[str, ...] = ()
    tier_names: dict[str, str] = field(default_factory=dict)

    @property
    def all_closed(self) -> bool:
        return all(r.closed for r in self.rounds.values())

    def tier_name(self, tier_id: str) -> str:
        return self.tier_names.get(tier_id, tier_id)

    def question_count(self, round_id: str) -> int:
        if round_id == ALL_ROUNDS:
            return sum(r.round.paper.question_count for r in self.rounds.values())
        return self.rounds[round_id].round.paper.question_count


def round_rules(spec: ContestSpec, round_: Round, attempts: pd.DataFrame) -> RoundRules:
    """The core's rules for one round of the spec; the prediction answer is taken from the
    round's attempts (final once the round is closed)."""
    prediction = spec.prediction_for(round_)
    keys = tuple(spec.ranking)
    if prediction is None:
        return RoundRules(policy=round_.paper.counting, keys=_without_prediction(keys))
    actual = prediction_actual(attempts, round_.id, basis=prediction.what)
    return RoundRules(policy=round_.paper.counting, keys=keys, actual=actual)


def _without_prediction(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in keys if k != "prediction_error") or ("correct",)


def compute_results(
    spec: ContestSpec,
    attempts: pd.DataFrame,
    responses: pd.DataFrame,
    units: pd.DataFrame,
    *,
    questions: Mapping[str, object] | None = None,
    now: dt.datetime | None = None,
    items: bool = True,
    min_respondents: int = 20,
) -> ContestResults:
    """Everything the pages show, from validated (or validatable) frames.

    The same as ``with_statistics(rank_contest(...))`` followed by :func:`with_items`; the
    build runs those steps in two processes.
    """
    results = with_statistics(rank_contest(spec, attempts, responses, units, now=now))
    if items:
        results = with_items(results, questions, min_respondents=min_respondents)
    return results


def rank_contest(
    spec: ContestSpec,
    attempts: pd.DataFrame,
    responses: pd.DataFrame,
    units: pd.DataFrame,
    *,
    now: dt.datetime | None = None,
) -> ContestResults:
    """Rankings of every round and of the contest, and the individual prizes. Collective
    prizes, statistics and items are left empty (:func:`with_statistics`, :func:`with_items`)."""
    now = now or _server_now()
    attempts = ensure_valid(attempts, "attempts")
    units = ensure_valid(units, "units")
    responses = ensure_valid(responses, "responses")
    round_ids = [r.id for r in spec.rounds]
    ignored = tuple(sorted(set(attempts["round_id"]) - set(round_ids)))
    if ignored:
        attempts = ensure_valid(attempts[attempts["round_id"].isin(round_ids)], "attempts")
        kept = responses[responses["round_id"].isin(round_ids)].reset_index(drop=True)
        kept.attrs = dict(responses.attrs)
        responses = kept
    check_references(attempts=attempts, units=units)

    rounds: dict[str, RoundResult] = {}
    for round_ in spec.rounds:
        rules = round_rules(spec, round_, attempts)
        ranking = rank_round(attempts, round_.id, rules)
        rounds[round_.id] = RoundResult(round_, rules, ranking, now >= round_.closes, rules.actual)
    # Overall: each round's prediction error is summed (a round without one adds 0).
    overall = rank_overall(
        attempts, {r: result.rules for r, result in rounds.items()}, keys=tuple(spec.ranking)
    )
    tiers = {
        r.id: [PrizeTier(t.id, t.count, t.name) for t in spec.tiers_for(r)] for r in spec.rounds
    }
    rankings = {r: result.ranking for r, result in rounds.items()}
    awards = award_contest(
        rankings,
        tiers,
        max_share=spec.prizes.max_share,
        one_prize_per_contest=spec.prizes.one_per_person,
    )
    tier_names = {t.id: t.name for r in spec.rounds for t in spec.tiers_for(r)}
    tier_names.update({rule.id: rule.name for rule in spec.prizes.collective})
    empty = pd.DataFrame()
    return ContestResults(
        spec=spec,
        attempts=attempts,
        responses=responses,
        units=units,
        rounds=rounds,
        overall=overall,
        awards=awards,
        collective=[],
        summary=empty,
        unit_stats=empty,
        distribution=empty,
        groups=empty,
        perfect=empty,
        fastest=empty,
        items=None,
        flags=_empty_flags(),
        generated_at=now,
        ignored_rounds=ignored,
        tier_names=tier_names,
    )


STATISTICS_FIELDS = (
    "collective",
    "summary",
    "unit_stats",
    "distribution",
    "groups",
    "perfect",
    "fastest",
)


def with_statistics(results: ContestResults) -> ContestResults:
    """Collective prizes and the statistics organisers report (fields
    :data:`STATISTICS_FIELDS`), from the rankings of :func:`rank_contest`."""
    spec, attempts, units = results.spec, results.attempts, results.units
    rounds, overall = results.rounds, results.overall
    collective = [
        _collective(rule, attempts, units, results.awards) for rule in spec.prizes.collective
    ]
    tables = pd.concat([r.table for r in rounds.values()], ignore_index=True)
    both = pd.concat([tables, overall.table], ignore_index=True)
    pieces = [
        score_distribution(r.table, n_questions=r.round.paper.question_count)
        for r in rounds.values()
        if len(r.table)
    ]
    if len(overall.table):
        total = sum(r.round.paper.question_count for r in rounds.values())
        pieces.append(score_distribution(overall.table, n_questions=total))
    distribution = (
        pd.concat(pieces, ignore_index=True) if pieces else score_distribution(tables.iloc[:0])
    )
    unit_stats = pd.concat(
        [
            unit_statistics(tables, units, attempts=attempts),
            unit_statistics(overall.table, units, attempts=attempts),
        ],
        ignore_index=True,
    )
    return dataclasses.replace(
        results,
        collective=collective,
        summary=attempt_summary(attempts),
        unit_stats=unit_stats,
        distribution=distribution,
        groups=group_breakdown(both, attempts=attempts) if len(both) else pd.DataFrame(),
        perfect=perfect_scores(both),
        fastest=fastest_finishers(tables, top=10),
    )


def analyse_items(
    responses: pd.DataFrame,
    attempts: pd.DataFrame,
    tables: pd.DataFrame,
    questions: Mapping[str, object] | None,
    *,
    min_respondents: int = 20,
) -> tuple[ItemAnalysis | None, pd.DataFrame]:
    """Item analysis of each person's counted attempt per round, and its review flags."""
    if not len(responses):
        return None, _empty_flags()
    options, keys = bank_options(questions or {})
    analysis = item_analysis(
        responses, attempts=attempts, ranking=tables, options=options, keys=keys
    )
    return analysis, flag_items(analysis, min_respondents=min_respondents)


def with_items(
    results: ContestResults,
    questions: Mapping[str, object] | None,
    *,
    min_respondents: int = 20,
) -> ContestResults:
    """``results`` completed with the item analysis (when computed without it)."""
    tables = pd.concat([r.table for r in results.rounds.values()], ignore_index=True)
    analysis, flags = analyse_items(
        results.responses, results.attempts, tables, questions, min_respondents=min_respondents
    )
    return dataclasses.replace(results, items=analysis, flags=flags)


def _server_now() -> dt.datetime:
    try:
        from .clock import now
    except ImportError:  # the intake's clock is optional here
        return dt.datetime.now(dt.UTC)
    return now()


def _collective(
    rule: CollectiveRule, attempts: pd.DataFrame, units: pd.DataFrame, awards: Awards
) -> CollectiveResult:
    standings = collective_standings(
        attempts,
        units,
        method=rule.rule,
        among=rule.among,
        awards=awards,
        tier_points=rule.prize_points,
    )
    prizes = award_collective(standings, [PrizeTier(rule.id, rule.count, rule.name)])
    return CollectiveResult(rule, standings, prizes)


def _empty_flags() -> pd.DataFrame:
    columns = ["round_id", "question_id", "flag", "value", "threshold", "respondents", "option"]
    return pd.DataFrame(columns=[*columns, "note"])
