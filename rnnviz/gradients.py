"""Why gradients vanish or explode through time: the per-step factors, W_hh's spectrum, and the theory.

Back-propagation through time multiplies one Jacobian per step (s_t is the whole state, [h] or [h; c]):

    dL/ds_{t-1} = J_t^T dL/ds_t,   J_t = d s_t / d s_{t-1}

so ||dL/dh_t|| shrinks or grows with the factors ||J_t||_2. For the vanilla RNN
J_t = diag(phi'(a_t)) W_hh with |phi'| <= 1, hence ||J_t||_2 <= sigma_max(W_hh) and, for
L = sum(h_T), ||dL/dh_t|| <= sigma_max^(T-t) sqrt(H) (Pascanu, Mikolov & Bengio 2013). A linear
RNN whose W_hh = rho * Q, Q orthogonal, meets the bound exactly: rho^(T-t) sqrt(H).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from . import analysis
from .cells import Cell

FLOAT_MAX = float(np.finfo(np.float64).max)  # 1.8e308: where float64 overflows to inf


@dataclass
class Profile:
    """One cell's gradient through time and the factors whose product it is (t = 1..T)."""

    gradient: np.ndarray  # (T,) ||dL/dh_t|| for L = sum(h_T)
    factors: np.ndarray  # (T,) ||d s_t / d s_{t-1}||_2 over the full state; NaN where J_t is not finite
    memory: np.ndarray | None  # (T,) LSTM only: ||d c_t / d c_{t-1}||_2, the cell-state path alone
    hidden_overflow: int | None  # first t whose h_t is inf or NaN in the forward pass, else None
    every_length: np.ndarray | None = None  # (T, T) if asked: row e - 1 is the gradient for L = sum(h_e)
    parts: dict[tuple[int, bool], np.ndarray] = field(default_factory=dict)  # several layers or directions:
    # by (layer, reverse), ||dL/dh_t|| of that part (L: the sum of the top layer's final states)

    def first(self, T: int) -> Profile:
        """The profile of the sequence's first T steps (from every_length: a cell reads causally)."""
        if self.every_length is None:
            raise ValueError("this profile was computed for its own length only")
        overflow = self.hidden_overflow if self.hidden_overflow is not None and self.hidden_overflow <= T else None
        memory = None if self.memory is None else self.memory[:T]
        return Profile(self.every_length[T - 1, :T], self.factors[:T], memory, overflow)


@dataclass
class Spectrum:
    """Eigenvalues, spectral radius and largest singular value of a square matrix."""

    eigenvalues: np.ndarray  # (H,) complex
    radius: float  # max |eigenvalue|
    sigma: float  # largest singular value = ||W||_2


def spectral_norms(J: torch.Tensor) -> torch.Tensor:
    """||J_t||_2 for each of (T, S, S); NaN where J_t has an inf or NaN entry (SVD needs finite input)."""
    out = torch.full(J.shape[:1], float("nan"), dtype=J.dtype)
    finite = torch.isfinite(J).flatten(1).all(dim=1)
    if finite.any():
        out[finite] = torch.linalg.svdvals(J[finite])[:, 0]
    return out


def profile(cell: Cell, x: torch.Tensor, every_length: bool = False) -> Profile:
    """Gradient norms and per-step factors from one set of step Jacobians (float64); with ``every_length``, the
    gradient for every shorter sequence too (Profile.first). With several layers, the state is every layer's
    and the gradient the top layer's; each layer's and direction's own gradient is in ``parts``. A
    bidirectional cell has no single chain of steps: its factors are NaN and its gradient is the top output's."""
    T, H = len(x), cell.hidden_size
    # gated cells keep |h| <= 1 (a gate times tanh); only the vanilla RNN's forward pass can overflow
    overflow = first_nonfinite_forward(analysis.trace(cell, x).hidden) if cell.kind == "rnn" else None
    output, parts = analysis.part_gradients(cell, x) if len(cell.parts()) > 1 else (None, {})
    if cell.bidirectional:
        return Profile(output, np.full(T, np.nan), None, overflow, None, parts)
    J, _ = analysis.step_jacobians(cell, x)  # (T, S, S)
    gradient = analysis.norms(analysis.backprop(J, H)[:, :H]).numpy()
    lengths = analysis.backprop_every_length(J, H).numpy() if every_length else None
    one_layer_lstm = cell.has_cell_state and cell.num_layers == 1
    memory = spectral_norms(J[:, H:, H:]).numpy() if one_layer_lstm else None
    return Profile(gradient, spectral_norms(J).numpy(), memory, overflow, lengths, parts)


def _geometric_mean(values: np.ndarray) -> float:
    values = values[np.isfinite(values) & (values > 0)]
    return float(np.exp(np.mean(np.log(values)))) if values.size else float("nan")


def rates(p: Profile) -> tuple[float, float]:
    """(actual, ceiling): the factor the gradient was multiplied by per step on average, from t = T back
    to t = 1, (g_1 / g_T)^(1 / (T-1)); and the geometric mean of the ceilings ||J_t||_2, t = 2..T.
    actual <= ceiling, since the norm of a product is at most the product of the norms. NaN if undefined."""
    g = p.gradient
    if len(g) < 2 or not (np.isfinite(g[0]) and g[0] > 0):
        return float("nan"), _geometric_mean(p.factors[1:])
    return float(np.exp((np.log(g[0]) - np.log(g[-1])) / (len(g) - 1))), _geometric_mean(p.factors[1:])


def first_nonfinite(g: np.ndarray) -> int | None:
    """Going back from t = T, the step t (1-based) where the gradient first became inf or NaN."""
    bad = np.flatnonzero(~np.isfinite(g))
    return int(bad[-1]) + 1 if bad.size else None


def first_nonfinite_forward(hidden: np.ndarray) -> int | None:
    """The first t (1-based) at which a hidden state h_t (T, H) holds an inf or NaN."""
    bad = np.flatnonzero(~np.isfinite(hidden).all(axis=1))
    return int(bad[0]) + 1 if bad.size else None


def spectrum(W: torch.Tensor) -> Spectrum:
    """Eigenvalues, spectral radius and largest singular value of W (float64)."""
    W = W.detach().double()
    eig = torch.linalg.eigvals(W).numpy()
    return Spectrum(eig, float(np.abs(eig).max()), float(torch.linalg.matrix_norm(W, ord=2)))


def theory(rate: float, T: int, H: int) -> np.ndarray:
    """rate^(T-t) sqrt(H) for t = 1..T: ||dL/dh_t|| if every step scaled the gradient by ``rate``."""
    with np.errstate(over="ignore", under="ignore"):
        return np.power(float(rate), T - np.arange(1, T + 1, dtype=float)) * np.sqrt(H)


def relative_gap(measured: np.ndarray, curve: np.ndarray) -> float:
    """Largest |measured / curve - 1| where both are finite and the curve is positive (NaN if none)."""
    ok = np.isfinite(measured) & np.isfinite(curve) & (curve > 0)
    return float(np.max(np.abs(measured[ok] / curve[ok] - 1))) if ok.any() else float("nan")


EDGE_TOLERANCE = 1e-6  # a radius this close to 1 counts as "on the unit circle"


def regime(nonlinearity: str, radius: float, sigma: float) -> str:
    """What the theory says about the vanilla RNN's gradient: "vanish", "explode", "edge", "bounded" or "open".

    Linear: rho decides (asymptotically). tanh / relu (|phi'| <= 1): sigma_max < 1 is enough to
    vanish; sigma_max >= 1 is necessary to explode but does not decide it.
    """
    if nonlinearity == "linear":
        if radius < 1 - EDGE_TOLERANCE:
            return "vanish"
        return "explode" if radius > 1 + EDGE_TOLERANCE else "edge"
    return "bounded" if sigma < 1 else "open"
