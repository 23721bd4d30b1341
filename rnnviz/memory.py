"""What a cell still remembers, read off its contribution map C (T, T), C[t, k] = ||d h_t / d x_k||_F.

    share[t, k]  = C[t, k] / sum_j C[t, j]          how much of h_t comes from token k (row sums to 1)
    fade[k]      = min{d >= 1 : C[k+d, k] < level * C[k, k]}    steps until token k fell below 1%
    span         = smallest d such that at least half of the first ceil(T/2) tokens faded within d

Only the first ceil(T/2) tokens enter the span: each of them is followed by at least
floor(T/2) tokens, so for every d up to that horizon we know exactly which of them have
faded. If fewer than half fade within the horizon, the span is only known to be longer.
All functions take numpy arrays and return numpy arrays or plain values; indices are 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FADE_LEVEL = 0.01  # "forgotten": below 1% of the contribution at the step the token was read


def shares(C: np.ndarray) -> np.ndarray:
    """(T, T) memory composition: each row of C divided by its sum; rows that are not finite give nan."""
    C = np.asarray(C, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        total = C.sum(axis=1, keepdims=True)
        out = C / total
    bad = ~np.isfinite(total[:, 0]) | (total[:, 0] <= 0) | ~np.isfinite(C).all(axis=1)
    out[bad] = np.nan
    return out


def relative(C: np.ndarray, k: int) -> np.ndarray:
    """(T - k,) influence of token k on h_t for t = k..T-1, relative to when it was read: C[t, k] / C[k, k]."""
    C = np.asarray(C, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return C[k:, k] / C[k, k]


def fade_distances(C: np.ndarray, level: float = FADE_LEVEL) -> np.ndarray:
    """(T,) for each token k the first distance d with C[k+d, k] < level * C[k, k]; nan if it never does."""
    C = np.asarray(C, dtype=float)
    T = C.shape[0]
    later = np.tri(T, T, -1, dtype=bool)  # rows t > k below the diagonal
    with np.errstate(invalid="ignore", over="ignore"):
        below = later & (level * np.diag(C)[None, :] > C)  # comparisons with nan/inf are False
    first = below.argmax(axis=0)  # first row t where column k is below; 0 when none
    d = (first - np.arange(T)).astype(float)
    d[~below.any(axis=0)] = np.nan
    return d


@dataclass(frozen=True)
class Span:
    """A cell's memory span in steps, or None when it is longer than ``horizon`` (or T < 2)."""

    steps: int | None
    horizon: int  # the longest span this sequence can measure: floor(T / 2)
    tokens: int  # how many tokens it is taken over: the first ceil(T / 2)
    faded: int  # how many of those fell below the level within the horizon


def memory_span(C: np.ndarray, level: float = FADE_LEVEL) -> Span:
    """The smallest d such that at least half of the first ceil(T/2) tokens fell below ``level`` within d."""
    T = np.asarray(C).shape[0]
    K = -(-T // 2)
    horizon = T - K
    d = fade_distances(C, level)[:K]
    faded = np.sort(d[d <= horizon])  # nan compares False: never faded
    half = -(-K // 2)  # "at least half" of K tokens
    steps = int(faded[half - 1]) if horizon >= 1 and len(faded) >= half else None
    return Span(steps=steps, horizon=horizon, tokens=K, faded=len(faded))
