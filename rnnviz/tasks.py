"""Synthetic long-range memory tasks: seeded generators of (tokens, inputs, targets).

Each task reads a whole sequence and answers once, from the last hidden state:

- recall: the first token is one of a few symbols, then distractor words; answer the symbol.
- adding: pairs (value, marker); answer the sum of the two marked values (Hochreiter &
  Schmidhuber 1997; markers one in each half, as in Le et al. 2015).
- order: two symbols (X or Y) appear at random places among distractors; answer which came
  in what order (XX, XY, YX, YY). Unlike recall, the cell must decide *when* to write.

Inputs are one-hot over the task's vocabulary (recall, order) or the pair itself (adding),
so a token list fixes the inputs exactly and a trained checkpoint can be shown on any page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

DISTRACTORS = ("the", "a", "of", "and", "to", "in", "is", "it")  # readable filler words


@dataclass(frozen=True)
class Batch:
    """x (T, B, D) float32; y (B,) class index (long) or target value (float32)."""

    x: torch.Tensor
    y: torch.Tensor


@dataclass(frozen=True)
class Task:
    """A task: its vocabulary, how to draw a batch, and what counts as doing well."""

    name: str
    kind: str  # "classify" (cross-entropy, accuracy) or "regress" (MSE)
    n_outputs: int  # classes, or 1 for a regression
    input_size: int
    draw: Callable[[np.random.Generator, int, int], tuple[np.ndarray, np.ndarray]]  # -> x (T, B, D), y (B,)
    tokens: Callable[[np.ndarray], list[str]]  # one example's x (T, D) -> readable tokens
    baseline: float  # chance accuracy, or the MSE of always predicting the mean
    classes: tuple[str, ...] = ()

    @property
    def metric(self) -> str:
        return "accuracy" if self.kind == "classify" else "mse"

    def batch(self, batch_size: int, length: int, seed: int | np.random.Generator) -> Batch:
        """``batch_size`` sequences of ``length`` steps, fixed by the seed (or generator)."""
        if length < 2:
            raise ValueError("a task sequence needs at least 2 steps")
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        x, y = self.draw(rng, batch_size, length)
        target = torch.from_numpy(y).long() if self.kind == "classify" else torch.from_numpy(y).float()
        return Batch(torch.from_numpy(x).float(), target)

    def example(self, length: int, seed: int) -> tuple[list[str], torch.Tensor, torch.Tensor]:
        """One sequence as readable tokens, its inputs (T, D) and its target."""
        b = self.batch(1, length, seed)
        return self.tokens(b.x[:, 0].numpy()), b.x[:, 0], b.y[0]


def _one_hot(ids: np.ndarray, n: int) -> np.ndarray:
    return np.eye(n, dtype=np.float32)[ids]


# ---- recall: remember the first symbol ----
RECALL_SYMBOLS = ("A", "B", "C", "D")
RECALL_VOCAB = RECALL_SYMBOLS + DISTRACTORS


def _draw_recall(rng: np.random.Generator, B: int, T: int) -> tuple[np.ndarray, np.ndarray]:
    K = len(RECALL_SYMBOLS)
    y = rng.integers(0, K, size=B)
    ids = rng.integers(K, len(RECALL_VOCAB), size=(T, B))  # distractors everywhere ...
    ids[0] = y  # ... except the first step
    return _one_hot(ids, len(RECALL_VOCAB)), y


def _vocab_tokens(vocab: tuple[str, ...]) -> Callable[[np.ndarray], list[str]]:
    return lambda x: [vocab[i] for i in np.asarray(x).argmax(axis=-1)]


# ---- adding: sum of the two marked values ----
def _draw_adding(rng: np.random.Generator, B: int, T: int) -> tuple[np.ndarray, np.ndarray]:
    values = rng.random((T, B))
    first = rng.integers(0, T // 2, size=B)  # one marker in each half
    second = rng.integers(T // 2, T, size=B)
    marks = np.zeros((T, B))
    marks[first, np.arange(B)] = 1.0
    marks[second, np.arange(B)] = 1.0
    y = values[first, np.arange(B)] + values[second, np.arange(B)]
    return np.stack([values, marks], axis=-1).astype(np.float32), y.astype(np.float32)


def _adding_tokens(x: np.ndarray) -> list[str]:
    """'0.42' for a value, '[0.42]' for a marked one."""
    return [f"[{v:.2f}]" if m > 0.5 else f"{v:.2f}" for v, m in np.asarray(x)]


# ---- temporal order: which of X / Y came first, and which second ----
ORDER_SYMBOLS = ("X", "Y")
ORDER_VOCAB = ORDER_SYMBOLS + DISTRACTORS
ORDER_CLASSES = ("XX", "XY", "YX", "YY")


def _draw_order(rng: np.random.Generator, B: int, T: int) -> tuple[np.ndarray, np.ndarray]:
    first_sym, second_sym = rng.integers(0, 2, size=B), rng.integers(0, 2, size=B)
    first = rng.integers(0, max(1, T // 4), size=B)  # the first event early, the second mid-way
    second = rng.integers(T // 2, max(T // 2 + 1, 3 * T // 4), size=B)
    ids = rng.integers(2, len(ORDER_VOCAB), size=(T, B))
    ids[first, np.arange(B)] = first_sym
    ids[second, np.arange(B)] = second_sym
    return _one_hot(ids, len(ORDER_VOCAB)), 2 * first_sym + second_sym


TASKS: dict[str, Task] = {
    "recall": Task(
        "recall",
        "classify",
        len(RECALL_SYMBOLS),
        len(RECALL_VOCAB),
        _draw_recall,
        _vocab_tokens(RECALL_VOCAB),
        1 / len(RECALL_SYMBOLS),
        RECALL_SYMBOLS,
    ),
    "adding": Task("adding", "regress", 1, 2, _draw_adding, _adding_tokens, 1 / 6),
    "order": Task(
        "order",
        "classify",
        len(ORDER_CLASSES),
        len(ORDER_VOCAB),
        _draw_order,
        _vocab_tokens(ORDER_VOCAB),
        1 / len(ORDER_CLASSES),
        ORDER_CLASSES,
    ),
}


def get(name: str) -> Task:
    """The task called ``name``, with a clear error for an unknown one."""
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}; choose from {', '.join(TASKS)}")
    return TASKS[name]
