"""Weight edits a page offers: shifting a gate's bias, rescaling W_hh to a spectral radius."""
from __future__ import annotations

import copy

import torch

from .cells import Cell


def _block(cell: Cell, gate: str) -> slice:
    """Rows of the stacked weights that belong to ``gate`` (PyTorch's gate order)."""
    if gate not in cell.gate_names:
        raise ValueError(f"{cell.kind} has no gate {gate!r}; it has {cell.gate_names}")
    H, i = cell.hidden_size, cell.gate_names.index(gate)
    return slice(i * H, (i + 1) * H)


def with_gate_bias(cell: Cell, gate: str, shift: float) -> Cell:
    """A copy of the cell with ``shift`` added to the gate's input bias b_i (0 leaves it as is).

    A positive forget-gate (LSTM) or update-gate (GRU) shift makes the untrained cell keep
    more of its previous state at every step.
    """
    out = copy.deepcopy(cell)
    with torch.no_grad():
        out.bias_ih_l0[_block(cell, gate)] += shift
    return out


def spectral_radius(matrix: torch.Tensor) -> float:
    """Largest |eigenvalue| of a square matrix."""
    return float(torch.linalg.eigvals(matrix.detach().double()).abs().max())


def with_spectral_radius(cell: Cell, rho: float) -> Cell:
    """A copy with every H x H block of W_hh rescaled so that its spectral radius is rho."""
    out = copy.deepcopy(cell)
    H = cell.hidden_size
    with torch.no_grad():
        for b in range(cell.n_blocks):
            block = out.weight_hh_l0[b * H:(b + 1) * H]
            radius = spectral_radius(block)
            if radius > 0:
                block.mul_(rho / radius)
    return out
