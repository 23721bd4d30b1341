"""Gradient clipping, measured: one small task trained twice from the same weights, with and without clipping.

The task (running sum): LENGTH inputs x_t ~ N(0, I_D); the target is the sum of their first
coordinates divided by sqrt(LENGTH), so it has variance 1 and always answering 0 scores an MSE
of 1. Every input counts equally, so the gradient has to travel back through all LENGTH steps:
with a spectral radius above 1 it explodes. Plain SGD (no momentum, no Adam, which would
rescale the gradient and hide the explosion), the same batches for both runs.

Clipping by global norm (torch.nn.utils.clip_grad_norm_): if g = the gradient of every
parameter stacked, and ||g|| > c, use g * c / ||g||; the direction is kept, the step is capped.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from .cells import Cell

LENGTH, BATCH, UPDATES, LEARNING_RATE = 50, 64, 120, 0.05


@dataclass
class Run:
    """One training run, per update (1-based k = 1..len)."""

    norms: np.ndarray  # (n,) global gradient norm before clipping
    losses: np.ndarray  # (n,) MSE on that update's batch, before the step
    diverged: int | None  # update at which the loss or gradient became inf / NaN (the run stops there)


def running_sum_batch(gen: torch.Generator, dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    """x (LENGTH, BATCH, dim) ~ N(0, 1); y (BATCH,) = sum_t x_t[0] / sqrt(LENGTH)."""
    x = torch.randn(LENGTH, BATCH, dim, generator=gen, dtype=torch.float64)
    return x, x[:, :, 0].sum(dim=0) / math.sqrt(LENGTH)


def _model(cell: Cell, seed: int) -> tuple[Cell, torch.nn.Linear]:
    """A float64 copy of the cell and a seeded linear readout h_T -> y (weights N(0, 1/H), bias 0)."""
    twin = copy.deepcopy(cell).double().requires_grad_(True)
    H = cell.hidden_size
    readout = torch.nn.Linear(H, 1, dtype=torch.float64)
    with torch.no_grad():
        w = torch.randn(1, H, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
        readout.weight.copy_(w / math.sqrt(H))
        readout.bias.zero_()
    return twin, readout


def train(cell: Cell, clip: float | None, seed: int, on_update: Callable[[int], None] | None = None) -> Run:
    """SGD on the running-sum task; ``clip`` caps the global gradient norm (None: no clipping)."""
    twin, readout = _model(cell, seed)
    params = [*twin.parameters(), *readout.parameters()]
    opt = torch.optim.SGD(params, lr=LEARNING_RATE)
    data = torch.Generator().manual_seed(seed + 1)  # the same batches for every run with this seed
    norms, losses, diverged = [], [], None
    for k in range(1, UPDATES + 1):
        x, y = running_sum_batch(data, cell.input_size)
        loss = ((readout(twin(x).hidden[-1]).squeeze(-1) - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, math.inf if clip is None else clip)
        norms.append(float(norm))
        losses.append(float(loss.detach()))
        if on_update:
            on_update(k)
        if not (math.isfinite(norms[-1]) and math.isfinite(losses[-1])):
            diverged = k
            break
        opt.step()
    return Run(np.array(norms), np.array(losses), diverged)


def compare(cell: Cell, clip: float, seed: int, on_progress: Callable[[float], None] | None = None) -> dict[str, Run]:
    """The same training without and with clipping at ``clip``: {"plain": Run, "clipped": Run}."""
    out = {}
    for i, (name, threshold) in enumerate((("plain", None), ("clipped", clip))):
        report = (lambda k, i=i: on_progress((i * UPDATES + k) / (2 * UPDATES))) if on_progress else None
        out[name] = train(cell, threshold, seed, report)
    return out
