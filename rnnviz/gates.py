"""What the gates page computes: each cell's gates and states by symbol, the colour scale each
kind of value is drawn on, how saturated the gates are, and text shaded by one unit.
(The cells' equations worked out for one unit are in rnnviz.equations.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .analysis import Trace
from .cells import CELLS, FREE, SIGMOID, TANH

FIXED_RANGES = {SIGMOID: (0.0, 1.0), TANH: (-1.0, 1.0)}
SATURATED = (0.1, 0.9)  # a sigmoid gate below 0.1 is (nearly) shut, above 0.9 (nearly) open


@dataclass(frozen=True)
class Quantity:
    """One row of a cell's view: its symbol in the equations, where a Trace holds it, its range."""

    symbol: str
    field: str  # "hidden", "cell_state" (LSTM c) or a gate name of the cell
    scale: str  # SIGMOID, TANH or FREE


QUANTITIES: dict[str, tuple[Quantity, ...]] = {
    kind: tuple(Quantity(*q) for q in cell.quantities) for kind, cell in CELLS.items()
}


def quantities(kind: str, nonlinearity: str = "tanh") -> tuple[Quantity, ...]:
    """The cell's quantities in equation order; a relu or linear RNN's h is unbounded."""
    if kind == "rnn" and nonlinearity != "tanh":
        return (Quantity("h", "hidden", FREE),)
    return QUANTITIES[kind]


def rows(kind: str, nonlinearity: str = "tanh") -> list[Quantity]:
    """The cell's quantities as the gates view stacks them: h first, so the hidden states line up across cells."""
    qs = quantities(kind, nonlinearity)
    return [q for q in qs if q.symbol == "h"] + [q for q in qs if q.symbol != "h"]


def values(tr: Trace, q: Quantity) -> np.ndarray:
    """The quantity over the whole sequence, (T, H)."""
    if q.field == "hidden":
        return tr.hidden
    if q.field == "cell_state":
        return tr.cell
    return tr.gates[q.field]


def value_range(scale: str, arrays: list[np.ndarray]) -> tuple[float, float]:
    """The colour/axis range of a scale: fixed for sigmoid and tanh, else symmetric and >= [-1, 1]."""
    if scale in FIXED_RANGES:
        return FIXED_RANGES[scale]
    finite = [np.abs(a[np.isfinite(a)]).max(initial=0.0) for a in arrays]
    top = float(max([1.0, *finite]))
    return -top, top


def ranges(traces: dict[str, Trace], nonlinearity: str = "tanh") -> dict[str, tuple[float, float]]:
    """One value range per scale kind, shared by every chart of the gates view of these cells' runs."""
    free = [values(tr, q) for k, tr in traces.items() for q in quantities(k, nonlinearity) if q.scale == FREE]
    return {scale: value_range(scale, free) for scale in (SIGMOID, TANH, FREE)}


def saturation(gate: np.ndarray, lo: float = SATURATED[0], hi: float = SATURATED[1]) -> tuple[float, float]:
    """Shares of a gate's values below ``lo`` and above ``hi``."""
    gate = np.asarray(gate, dtype=float)
    n = max(gate.size, 1)
    return float((gate < lo).sum() / n), float((gate > hi).sum() / n)


def cell_saturation(tr: Trace, kind: str) -> dict[str, tuple[float, float]]:
    """Saturation per sigmoid gate (by symbol) and, under "all", over all of them pooled."""
    gates = {q.symbol: values(tr, q) for q in QUANTITIES[kind] if q.scale == SIGMOID}
    out = {s: saturation(g) for s, g in gates.items()}
    if gates:
        out["all"] = saturation(np.concatenate([g.ravel() for g in gates.values()]))
    return out


@dataclass(frozen=True)
class Shaded:
    """A token of the shaded text: its value, and where that falls on the colour scale (0..1)."""

    token: str
    value: float
    position: float


def shaded_text(tokens: list[str], unit_values: np.ndarray, vrange: tuple[float, float]) -> list[Shaded]:
    """Tokens with one unit's value each (T,), placed on the scale ``vrange``."""
    lo, hi = vrange
    pos = np.clip((np.nan_to_num(unit_values, nan=lo) - lo) / (hi - lo), 0.0, 1.0)
    return [Shaded(tok, float(v), float(p)) for tok, v, p in zip(tokens, unit_values, pos)]
