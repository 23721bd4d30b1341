"""The output layer on top of a cell, and the three ways a sequence task uses it.

    y_t = V h_t + b        (the seeds' V; torch.nn.Linear's layout: weight (n, H), bias (n,))

- many to one: read the whole sequence, answer once from h_T (intent: "what time is it?");
- many to many: an answer after every token, aligned with the input (the next character);
- one to many: start from one input and feed each answer back in as the next input (generation).
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor, nn

from .cells import Cell


class Readout(nn.Linear):
    """y = V h + b for every hidden state given, (..., H) -> (..., n)."""

    def __init__(self, hidden_size: int, n_outputs: int):
        super().__init__(hidden_size, n_outputs)


def many_to_many(cell: Cell, readout: Readout, x: Tensor) -> Tensor:
    """(T, ..., n): the readout of every hidden state h_1 .. h_T of x (T, ..., D)."""
    return readout(cell(x).hidden)


def many_to_one(cell: Cell, readout: Readout, x: Tensor) -> Tensor:
    """(..., n): the readout of the last hidden state only."""
    return readout(cell(x).hidden[-1])


def one_to_many(cell: Cell, readout: Readout, x_1: Tensor, steps: int, feed: Callable[[Tensor], Tensor]) -> Tensor:
    """(steps, ..., n): start from x_1 (..., D); after each step ``feed(y_t)`` gives the next input."""
    state, x_t, out = cell.initial_state(x_1.shape[:-1]), x_1, []
    for _ in range(steps):
        step = cell.step(x_t, state)
        state = cell.state_of(step)
        out.append(readout(step.h))
        x_t = feed(out[-1])
    return torch.stack(out)
