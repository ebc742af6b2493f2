"""Timings of the results core (ranking, prizes, statistics, item analysis) on synthetic data.

Run: .venv/bin/python benchmarks/results_core.py [--participants 100000] [--rounds 2]
     [--questions 20] [--repeat 3] [--items] [--seed 7] [--json]

The target is ranking + statistics for 100,000 participants well under 10 s. The synthetic
contest has a province → 12 districts → 8 communes each tree, three participant groups,
1–3 attempts per person and round (about 1 % flagged), 20 questions and a prediction question.
``--items`` also times item analysis on each person's counted attempt (one response row per
question), which is not part of the 10 s target. Figures are medians of ``--repeat`` runs and
each is also given as a ratio to a plain pandas sort + groupby of the same attempts measured in
the same run, so that a busy machine shows in both.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from statistics import median as statistics_median

# benchmarks/grading.py would shadow the grading package: import from the project instead.
sys.path[:] = [p for p in sys.path if not p.endswith("benchmarks")]

import numpy as np
import pandas as pd

from grading.collective import collective_standings
from grading.item_flags import flag_items
from grading.items import item_analysis
from grading.prizes import award_contest, standard_tiers
from grading.ranking import RoundRules, prediction_actual, rank_overall_from_rounds, rank_round
from grading.results_model import (
    TIMEZONE,
    validate_attempts,
    validate_responses,
    validate_units,
)
from grading.statistics import (
    attempt_summary,
    fastest_finishers,
    group_breakdown,
    perfect_scores,
    score_distribution,
    unit_statistics,
)


def make_units() -> pd.DataFrame:
    rows = [("tinh", "Tỉnh", None, 50)]
    for d in range(12):
        rows.append((f"h{d:02d}", f"Huyện {d + 1}", "tinh", 200))
        rows += [
            (f"h{d:02d}-x{c}", f"Xã {c + 1}, huyện {d + 1}", f"h{d:02d}", 900) for c in range(8)
        ]
    return pd.DataFrame(rows, columns=["unit_id", "name", "parent_id", "headcount"])


def make_attempts(units: pd.DataFrame, people: int, rounds: int, questions: int, seed: int):
    rng = np.random.default_rng(seed)
    pids = np.array([f"p{i:06d}" for i in range(people)], dtype=object)
    unit_of = rng.choice(units["unit_id"].to_numpy(), size=people)
    group_of = rng.choice(np.array(["can-bo", "hoc-sinh", "tu-do"], dtype=object), size=people)
    ability = rng.beta(5, 2, size=people)
    frames = []
    start = pd.Timestamp("2025-03-01 07:00", tz=TIMEZONE)
    for r in range(rounds):
        present = rng.random(people) < 0.8
        n_attempts = rng.integers(1, 4, size=people) * present
        person = np.repeat(np.arange(people), n_attempts)
        attempt_no = np.concatenate([np.arange(1, k + 1) for k in n_attempts if k])
        n = len(person)
        correct = rng.binomial(questions, ability[person])
        duration = rng.integers(60, 1200, size=n).astype("float64")
        offset = rng.integers(0, 7 * 24 * 3600, size=n)
        started = start + pd.Timedelta(days=7 * r) + pd.to_timedelta(offset, unit="s")
        flags = np.where(rng.random(n) < 0.01, "late", "")
        frames.append(
            pd.DataFrame(
                {
                    "contest_id": "bench",
                    "round_id": f"dot-{r + 1}",
                    "participant_id": pids[person],
                    "unit_id": unit_of[person],
                    "group": group_of[person],
                    "attempt_no": attempt_no,
                    "started_at": started,
                    "submitted_at": started + pd.to_timedelta(duration, unit="s"),
                    "duration_s": duration,
                    "correct": correct,
                    "score": correct.astype("float64"),
                    "max_score": float(questions),
                    "prediction": pd.array(rng.integers(50_000, 150_000, size=n), dtype="Int64"),
                    "flags": flags,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def make_responses(table: pd.DataFrame, questions: int, seed: int) -> pd.DataFrame:
    """One response row per question of each counted attempt, drawn from a 60-question pool."""
    rng = np.random.default_rng(seed + 1)
    n = len(table)
    pool = np.array([f"q{i:03d}" for i in range(60)], dtype=object)
    paper = np.argsort(rng.random((n, 60)), axis=1)[:, :questions]
    right = np.arange(questions)[None, :] < table["correct"].to_numpy()[:, None]
    chosen_wrong = rng.choice(np.array(["B", "C", "D"], dtype=object), size=(n, questions))
    return pd.DataFrame(
        {
            "round_id": np.repeat(table["round_id"].to_numpy(), questions),
            "participant_id": np.repeat(table["participant_id"].to_numpy(), questions),
            "attempt_no": np.repeat(table["attempt_no"].to_numpy(dtype="int64"), questions),
            "question_id": pool[paper].ravel(),
            "chosen": np.where(right, "A", chosen_wrong).ravel(),
            "correct": right.ravel(),
            "paper_position": np.tile(np.arange(1, questions + 1), n),
        }
    )


def timed(timings: dict[str, float], name: str, step: Callable):
    began = time.perf_counter()
    result = step()
    timings[name] = time.perf_counter() - began
    return result


def reference(attempts: pd.DataFrame) -> None:
    """The yardstick measured beside the core: one plain pandas sort + groupby over the same
    attempts (a single-key "best attempt, then order" with no ties, rules or validation)."""
    best = attempts.sort_values(["participant_id", "correct"], ascending=[True, False])
    best = best.groupby(["round_id", "participant_id"], sort=False).head(1)
    best.sort_values(["round_id", "correct", "duration_s"], ascending=[True, False, True])


def run_once(args, raw_units, raw) -> tuple[dict[str, float], int, int]:
    t: dict[str, float] = {}
    units = timed(t, "validate units", lambda: validate_units(raw_units))
    attempts = timed(t, "validate attempts", lambda: validate_attempts(raw))
    rounds = sorted(attempts["round_id"].unique())
    rules = {r: RoundRules(actual=prediction_actual(attempts, r), policy="best") for r in rounds}
    rankings = timed(
        t, "rank every round", lambda: {r: rank_round(attempts, r, rules[r]) for r in rounds}
    )
    overall = timed(t, "rank overall", lambda: rank_overall_from_rounds(rankings))
    awards = timed(
        t,
        "individual prizes",
        lambda: award_contest(rankings, standard_tiers(2, 4, 10, 20), one_prize_per_contest=True),
    )
    timed(
        t,
        "collective (Quảng Nam)",
        lambda: collective_standings(
            attempts,
            units,
            method="quang_nam",
            among="leaf",
            awards=awards,
            tier_points={"nhat": 10, "nhi": 8, "ba": 6, "khuyen-khich": 4},
        ),
    )
    tables = pd.concat([rk.table for rk in rankings.values()], ignore_index=True)

    def statistics() -> None:
        attempt_summary(attempts)
        unit_statistics(tables, units, attempts=attempts)
        unit_statistics(overall.table, units, attempts=attempts)
        score_distribution(tables, n_questions=args.questions)
        score_distribution(attempts, basis="attempts", n_questions=args.questions)
        perfect_scores(tables)
        fastest_finishers(tables, under_s=300)
        group_breakdown(tables, attempts=attempts)

    timed(t, "statistics (all)", statistics)
    t["TOTAL validation → statistics"] = sum(t.values())
    timed(t, "reference: pandas sort + groupby", lambda: reference(attempts))
    if args.items:
        raw_responses = make_responses(tables, args.questions, 1)
        responses = timed(t, "validate responses", lambda: validate_responses(raw_responses))
        analysis = timed(
            t, "item analysis", lambda: item_analysis(responses, ranking=tables, attempts=attempts)
        )
        timed(t, "item flags", lambda: flag_items(analysis))
    return t, len(attempts), len(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians are reported")
    parser.add_argument("--items", action="store_true", help="also time item analysis")
    parser.add_argument("--json", action="store_true", help="print the timings as JSON")
    args = parser.parse_args()

    raw_units = make_units()
    raw = make_attempts(raw_units, args.participants, args.rounds, args.questions, args.seed)
    runs = []
    for _ in range(args.repeat):
        timings, n_attempts, n_rounds = run_once(args, raw_units, raw)
        runs.append(timings)
    medians = {name: statistics_median([run[name] for run in runs]) for name in runs[0]}
    yardstick = medians["reference: pandas sort + groupby"]
    report = {
        "participants": args.participants,
        "attempts": n_attempts,
        "rounds": n_rounds,
        "repeat": args.repeat,
        "median_seconds": {k: round(v, 3) for k, v in medians.items()},
        "ratio_to_reference": {k: round(v / yardstick, 1) for k, v in medians.items()},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print(
        f"{args.participants:,} participants, {n_attempts:,} attempts, {n_rounds} rounds; "
        f"medians of {args.repeat} runs"
    )
    for name, seconds in medians.items():
        print(f"  {name:<34} {seconds:7.3f} s  {seconds / yardstick:6.1f}× reference")
    print("  target: TOTAL well under 10 s")


if __name__ == "__main__":
    main()
