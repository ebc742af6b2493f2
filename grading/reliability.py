"""Cronbach's α for papers that may differ per participant (missing by design).

α is computed from the respondents × questions matrix (NaN = the question was not on that
respondent's paper) with *pairwise* variances and covariances — each pair of questions over the
respondents who had both, exactly what ``pandas.DataFrame.cov`` gives — as

    α = k·c̄ / (v̄ + (k − 1)·c̄)

with v̄ the mean item variance, c̄ the mean inter-item covariance and k the paper length. With
one common paper this is the classical α = k/(k−1)·(1 − Σσᵢ²/σ²ₓ) exactly; with random papers
it estimates the reliability of a k-question paper drawn from the same pool. Restricting to the
questions every respondent had was rejected: random papers share few or none.

The sums are accumulated in chunks of rows with three matrix products, so a round of 100,000
respondents and a pool of a few hundred questions needs little memory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["cronbach_alpha", "cronbach_alpha_long"]

_CHUNK = 8192
_PAIRS_PER_CHUNK = 4_000_000


def cronbach_alpha(matrix: np.ndarray | pd.DataFrame, paper_length: int | None = None) -> float:
    """α of a respondents × questions 0/1 (or scored) matrix; NaN marks "not on this paper".

    Pairwise variances and covariances (as ``DataFrame.cov``), α = k·c̄ / (v̄ + (k − 1)·c̄),
    k = ``paper_length`` or the median number of answered cells per row.
    """
    values = np.asarray(matrix, dtype="float64")
    present = ~np.isnan(values)
    q = values.shape[1]
    if q < 2:
        return float("nan")
    n = np.zeros((q, q))
    s = np.zeros((q, q))
    p = np.zeros((q, q))
    for start in range(0, len(values), _CHUNK):
        m = present[start : start + _CHUNK].astype("float64")
        x = np.where(m > 0, values[start : start + _CHUNK], 0.0)
        n += m.T @ m
        s += x.T @ m  # s[i, j] = sum of item i over respondents who had i and j
        p += x.T @ x
    k = paper_length or int(np.median(present.sum(axis=1)))
    return _alpha(n, s, p, k)


def cronbach_alpha_long(
    respondent: np.ndarray, question: np.ndarray, value: np.ndarray, paper_length: int | None = None
) -> float:
    """The same α from long data (one entry per answered cell, integer codes from 0).

    Sums run over the pairs of questions on each paper — respondents × k² — instead of the
    respondents × pool² of the dense products, which matters when papers are drawn from a
    large pool.
    """
    respondent = np.asarray(respondent, dtype="int64")
    question = np.asarray(question, dtype="int64")
    value = np.asarray(value, dtype="float64")
    if not len(respondent):
        return float("nan")
    q = int(question.max()) + 1
    if q < 2:
        return float("nan")
    per_respondent = np.bincount(respondent)
    people, width = len(per_respondent), int(per_respondent.max())
    order = np.argsort(respondent, kind="stable")
    starts = np.concatenate([[0], np.cumsum(per_respondent)[:-1]])
    column = np.arange(len(order)) - starts[respondent[order]]
    # One padded row per respondent; padding is question q (dropped at the end) with value 0.
    codes = np.full((people, width), q, dtype="int64")
    codes[respondent[order], column] = question[order]
    values = np.zeros((people, width))
    values[respondent[order], column] = value[order]
    size = (q + 1) ** 2
    n, s, p = np.zeros(size), np.zeros(size), np.zeros(size)
    step = max(1, _PAIRS_PER_CHUNK // (width * width))
    for start in range(0, people, step):
        block, x = codes[start : start + step], values[start : start + step]
        pair = (block[:, :, None] * (q + 1) + block[:, None, :]).ravel()
        n += np.bincount(pair, minlength=size)
        s += np.bincount(pair, weights=np.repeat(x, width, axis=1).ravel(), minlength=size)
        p += np.bincount(pair, weights=(x[:, :, None] * x[:, None, :]).ravel(), minlength=size)
    shape = (q + 1, q + 1)
    n, s, p = (a.reshape(shape)[:q, :q] for a in (n, s, p))
    k = paper_length or int(np.median(per_respondent))
    return _alpha(n, s, p, k)


def _alpha(n: np.ndarray, s: np.ndarray, p: np.ndarray, k: int) -> float:
    """α from pairwise counts n, sums s (item i over pairs with j) and cross-products p."""
    q = len(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (p - s * s.T / n) / (n - 1)
    cov[n < 2] = np.nan
    variances = np.diag(cov)
    upper = cov[np.triu_indices(q, k=1)]
    if not np.isfinite(variances).any() or not np.isfinite(upper).any():
        return float("nan")
    v_bar, c_bar = np.nanmean(variances), np.nanmean(upper)
    denominator = v_bar + (k - 1) * c_bar
    if not np.isfinite(denominator) or denominator == 0 or k < 2:
        return float("nan")
    return float(k * c_bar / denominator)
