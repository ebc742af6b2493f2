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

__all__ = ["cronbach_alpha"]

_CHUNK = 8192


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
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (p - s * s.T / n) / (n - 1)
    cov[n < 2] = np.nan
    variances = np.diag(cov)
    upper = cov[np.triu_indices(q, k=1)]
    v_bar, c_bar = np.nanmean(variances), np.nanmean(upper) if np.isfinite(upper).any() else np.nan
    k = paper_length or int(np.median(present.sum(axis=1)))
    denominator = v_bar + (k - 1) * c_bar
    if not np.isfinite(denominator) or denominator == 0 or k < 2:
        return float("nan")
    return float(k * c_bar / denominator)
