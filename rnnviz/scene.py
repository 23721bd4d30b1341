"""From a Model to what the pages compute on: the tokens, their input vectors, and the cells."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import torch

from . import analysis, checkpoints, gradients, tasks
from .cells import Cell, make_cell
from .settings import MAX_STEPS, RANDOM, Model
from .text import embed, generate, tokenize
from .weights import orthogonal, with_gate_bias, with_spectral_radius

# the bias shift a cell's memory gate (Cell.memory_gate) takes from the model
GATE_BIAS = {"forget": "forget_bias", "update": "update_bias"}
BUCKETS = (200, 500, MAX_STEPS)  # generated sequences are computed at the next of these lengths


@dataclass
class Sequence:
    """Tokens and their inputs (T, D); ``dropped`` counts tokens cut beyond MAX_STEPS."""

    tokens: list[str]
    x: torch.Tensor
    dropped: int = 0


def sequence(m: Model) -> Sequence:
    """The model's text (or generated sequence), tokenized, cut to MAX_STEPS, and embedded.

    With trained weights, an example of the checkpoint's own task instead (drawn with m.seed).
    """
    if m.weights != RANDOM:
        task, length = checkpoints.parse_set_name(m.weights)
        tokens, x, _ = tasks.get(task).example(length, m.seed)
        return Sequence(tokens, x * m.input_scale)
    tokens = generate(m.length, m.seed) if m.generated else tokenize(m.text, "chars" if m.chars else "words")
    dropped = max(0, len(tokens) - MAX_STEPS)
    tokens = tokens[:MAX_STEPS]
    return Sequence(tokens, embed(tokens, m.dim, m.seed) * m.input_scale, dropped)


def bucket(m: Model) -> Model:
    """A model whose run holds this one's as its first rows: a generated sequence at the next bucket length.

    A generated sequence of length T is the first T tokens of any longer one with the same seed (the
    generator draws them in order), the embedding depends on the token and the seed only, and a recurrent
    cell is causal (h_t depends on x_1..x_t), so every per-step result for T is the first T rows of the
    longer run: a class sliding the length shares a few computations.
    """
    if not m.generated or m.weights != RANDOM or m.bidirectional:  # a backward direction reads from the end
        return m
    return dataclasses.replace(m, length=next(b for b in BUCKETS if b >= m.length))


def cell(m: Model, kind: str) -> Cell:
    """The cell of this kind that the model describes: seeded init (or a checkpoint's trained weights
    and hidden size), then the edits asked for. A bad checkpoint raises CheckpointError."""
    if m.weights != RANDOM:
        out = checkpoints.load_set(m.weights, kind).cell
    else:
        out = make_cell(
            kind,
            m.dim,
            m.hidden,
            seed=m.seed,
            nonlinearity=m.nonlinearity,
            num_layers=m.layers,
            bidirectional=m.bidirectional,
        )
    gate = out.memory_gate
    if gate and getattr(m, GATE_BIAS[gate]):
        out = with_gate_bias(out, gate, getattr(m, GATE_BIAS[gate]))
    if m.orthogonal:
        return orthogonal(out, m.rho, m.seed)
    return with_spectral_radius(out, m.rho) if m.rho > 0 else out


def trace(m: Model, kind: str) -> analysis.Trace:
    """The cell's run over the model's sequence: hidden states, cell states and gates."""
    return analysis.trace(cell(m, kind), sequence(m).x)


def contributions(m: Model, kind: str) -> np.ndarray:
    """C (T, T): C[t, k] = ||d h_t / d x_k||, how much input k still shapes h_t."""
    return analysis.contributions(cell(m, kind), sequence(m).x)


def profile(m: Model, kind: str, every_length: bool = False) -> gradients.Profile:
    """The cell's gradient through time and its per-step factors (for every shorter length too, if asked)."""
    return gradients.profile(cell(m, kind), sequence(m).x, every_length)
