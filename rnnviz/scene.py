"""From settings to what the pages draw: the tokens, their input vectors, and the cells."""
from __future__ import annotations

from dataclasses import dataclass

import torch

from . import checkpoints, tasks
from .cells import Cell, make_cell
from .settings import MAX_STEPS, Settings
from .text import embed, generate, tokenize
from .weights import with_gate_bias, with_spectral_radius


@dataclass
class Sequence:
    """Tokens and their inputs (T, D); ``dropped`` counts tokens cut beyond MAX_STEPS."""

    tokens: list[str]
    x: torch.Tensor
    dropped: int = 0


RANDOM = "random"  # s.weights for PyTorch's seeded init; anything else names a checkpoint set


def sequence(s: Settings) -> Sequence:
    """The settings' text (or generated sequence), tokenized, cut to MAX_STEPS, and embedded.

    With trained weights, an example of the checkpoint's own task instead (drawn with s.seed).
    """
    if s.weights != RANDOM:
        task, length = checkpoints.parse_set_name(s.weights)
        tokens, x, _ = tasks.get(task).example(length, s.seed)
        return Sequence(tokens, x * s.input_scale)
    tokens = generate(s.length, s.seed) if s.generated else tokenize(s.text, "chars" if s.chars else "words")
    dropped = max(0, len(tokens) - MAX_STEPS)
    tokens = tokens[:MAX_STEPS]
    return Sequence(tokens, embed(tokens, s.dim, s.seed) * s.input_scale, dropped)


# fields that change the inputs or the weights: what a cached computation is keyed on
MODEL_FIELDS = ("text", "generated", "length", "chars", "hidden", "dim", "seed", "forget_bias",
                "update_bias", "weights", "nonlinearity", "rho", "input_scale")


def model_key(s: Settings) -> tuple:
    """The settings that decide inputs and weights, as a hashable tuple."""
    return tuple(getattr(s, name) for name in MODEL_FIELDS)


def current_step(s: Settings, n_tokens: int) -> int:
    """The current step (1-based) within a sequence of n_tokens; 0 in settings means the last."""
    return n_tokens if s.step == 0 else min(s.step, n_tokens)


GATE_BIAS_FIELDS = {"lstm": ("forget", "forget_bias"), "gru": ("update", "update_bias")}


def cell(s: Settings, kind: str) -> Cell:
    """The cell of this kind that the settings describe: seeded init (or a checkpoint's trained
    weights and hidden size), then the edits asked for. A bad checkpoint raises CheckpointError."""
    if s.weights != RANDOM:
        out = checkpoints.load_set(s.weights, kind).cell
    else:
        out = make_cell(kind, s.dim, s.hidden, seed=s.seed, nonlinearity=s.nonlinearity)
    if kind in GATE_BIAS_FIELDS:
        gate, name = GATE_BIAS_FIELDS[kind]
        if getattr(s, name):
            out = with_gate_bias(out, gate, getattr(s, name))
    if s.rho > 0:
        out = with_spectral_radius(out, s.rho)
    return out


def cells(s: Settings) -> dict[str, Cell]:
    """The selected cells, by kind, in the registry's order."""
    return {kind: cell(s, kind) for kind in s.cells}
