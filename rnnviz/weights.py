"""Weight edits a page offers: shifting a gate's bias, setting the spectral radius of W_hh, or making it
orthogonal. Each returns an edited copy; the cell given is left as it is."""

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
        for layer, reverse in out.parts():
            out.weights(layer, reverse).b_ih[_block(cell, gate)] += shift
    return out


def spectral_radius(matrix: torch.Tensor) -> float:
    """Largest |eigenvalue| of a square matrix."""
    return float(torch.linalg.eigvals(matrix.detach().double()).abs().max())


def _each_block(cell: Cell, edit) -> Cell:
    """A copy with every H x H block W of every layer's and direction's W_hh replaced by edit(W, b), b the
    block's index."""
    out = copy.deepcopy(cell)
    H = cell.hidden_size
    with torch.no_grad():
        for layer, reverse in out.parts():
            for b in range(cell.n_blocks):
                block = out.weights(layer, reverse).hh[b * H : (b + 1) * H]
                block.copy_(edit(block, b))
    return out


def with_spectral_radius(cell: Cell, rho: float) -> Cell:
    """A copy with every H x H block of W_hh rescaled so that its spectral radius is rho."""

    def rescale(block: torch.Tensor, _: int) -> torch.Tensor:
        radius = spectral_radius(block)
        return block * (rho / radius) if radius > 0 else block

    return _each_block(cell, rescale)


def orthogonal(cell: Cell, rho: float, seed: int) -> Cell:
    """A copy with every H x H block of W_hh set to r * Q, Q a seeded random orthogonal matrix, so that
    every singular value is r: rho, or the block's own spectral radius when rho is 0."""
    gen = torch.Generator().manual_seed(seed)

    def rotate(block: torch.Tensor, _: int) -> torch.Tensor:
        r = rho if rho > 0 else spectral_radius(block)
        q, upper = torch.linalg.qr(torch.randn(*block.shape, generator=gen, dtype=torch.float64))
        return r * q * torch.sign(torch.diagonal(upper))  # the sign fix makes Q uniform (Haar) over orthogonal

    return _each_block(cell, rotate)
