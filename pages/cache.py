"""The cache edge: the only module that caches. Every computation a page shows, keyed on a Model
(canonical: only what changes the result) and primitives, returned as numpy; and the figures built
from them, shared read-only between sessions.

Results for a generated sequence are computed at its bucket length (scene.bucket) and cropped: a class
sliding the length shares a few computations. Each cache is bounded (max_entries).
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from rnnviz import analysis, checkpoints, clipping, gates, memory, scene
from rnnviz import equations as eqs
from rnnviz import gradients as grads
from rnnviz.settings import Model

numbers = functools.partial(st.cache_data, show_spinner=False)
RESULTS = Path(__file__).resolve().parent.parent / "results" / "training_vs_length.json"


@dataclass
class Inputs:
    tokens: list[str]
    x: np.ndarray  # (T, D)
    dropped: int  # tokens cut beyond MAX_STEPS


@numbers(max_entries=256)
def inputs(m: Model) -> Inputs:
    """The model's tokens and input vectors."""
    seq = scene.sequence(m)
    return Inputs(seq.tokens, seq.x.numpy(), seq.dropped)


def _length(m: Model) -> int | None:
    """How many rows of the bucket's results are this model's (None: all of them)."""
    return m.length if scene.bucket(m) != m else None


@numbers(max_entries=128)
def _trace(m: Model, kind: str) -> analysis.Trace:
    return analysis.trace(scene.cell(m, kind), scene.sequence(m).x)


def trace(m: Model, kind: str) -> analysis.Trace:
    """The cell's hidden states, cell states and gates over the sequence."""
    tr, T = _trace(scene.bucket(m), kind), _length(m)
    if T is None:
        return tr
    return analysis.Trace(
        tr.hidden[:T], None if tr.cell is None else tr.cell[:T], {name: v[:T] for name, v in tr.gates.items()}
    )


@numbers(max_entries=64)
def _contributions(m: Model, kind: str) -> np.ndarray:
    return analysis.contributions(scene.cell(m, kind), scene.sequence(m).x)


@dataclass
class Memory:
    """What one cell remembers of the sequence (numpy, 0-based)."""

    C: np.ndarray  # (T, T) contributions
    shares: np.ndarray  # (T, T) memory composition, rows sum to 1
    span: memory.Span
    hidden: np.ndarray  # (T, H)


@numbers(max_entries=64)
def memory_of(m: Model, kind: str) -> Memory:
    """The cell's contribution map and the measures read off it."""
    T = _length(m)
    C = _contributions(scene.bucket(m), kind)[:T, :T]
    return Memory(C, memory.shares(C), memory.memory_span(C), trace(m, kind).hidden)


@numbers(max_entries=96)
def profile(m: Model, kind: str) -> grads.Profile:
    """The cell's gradient through time and its per-step factors."""
    return grads.profile(scene.cell(m, kind), scene.sequence(m).x)


@numbers(max_entries=64)
def spectrum(m: Model) -> grads.Spectrum:
    """The vanilla RNN's W_hh: eigenvalues, spectral radius, largest singular value."""
    return grads.spectrum(scene.cell(m.cells_only(), "rnn").weight_hh_l0)


@numbers(max_entries=64)
def parameters(m: Model, kind: str) -> dict[str, np.ndarray]:
    """The cell's weights as float64 numpy, by torch.nn name."""
    return eqs.parameters(scene.cell(m.cells_only(), kind))


@numbers(max_entries=64)
def saturation(m: Model, kind: str) -> dict[str, tuple[float, float]]:
    """Shares of each gate's values below 0.1 and above 0.9."""
    return gates.cell_saturation(trace(m, kind), kind)


def checkpoint_problem(name: str, kinds: tuple[str, ...]) -> str | None:
    """Why the checkpoint set ``name`` cannot be used for these cell kinds, or None when it can."""
    files = tuple(checkpoints.file_state(name, kind) for kind in kinds)
    return _checkpoint_problem(name, kinds, files)


@numbers(max_entries=32)
def _checkpoint_problem(name: str, kinds: tuple[str, ...], files: tuple) -> str | None:
    try:
        for kind in kinds:
            checkpoints.load_set(name, kind)
    except checkpoints.CheckpointError as e:
        return str(e)
    return None


@numbers(ttl=60)
def trained_sets() -> list[str]:
    """The checkpoint sets on disk."""
    return checkpoints.available()


@numbers(ttl=60)
def training_results() -> dict | None:
    """The sweep's results file (score against length), or None when it does not exist yet."""
    return json.loads(RESULTS.read_text()) if RESULTS.is_file() else None


class Job:
    """A computation shared by every session that asks for it: the first runs it (reporting its progress),
    the others wait for it and read the same result."""

    def __init__(self, compute: Callable[[Callable[[float], None]], Any]):
        self._compute, self._lock, self.result, self.done = compute, threading.Lock(), None, False

    def run(self, progress: Callable[[float], None]) -> Any:
        """The result, computed here (``progress`` told of each fraction done) unless it is already known."""
        with self._lock:
            if not self.done:
                self.result, self.done = self._compute(progress), True
        return self.result


@st.cache_resource(max_entries=32, show_spinner=False)
def clipping_runs(m: Model, clip: float) -> Job:
    """The vanilla RNN trained twice on the running-sum task, without and with clipping at ``clip``."""
    cell = scene.cell(m.cells_only(), "rnn")
    return Job(lambda progress: clipping.compare(cell, clip, m.seed, on_progress=progress))


@dataclass(frozen=True)
class Chart:
    """A figure and its JSON, serialised once (every session's rerun sends the same text)."""

    figure: go.Figure
    json: str


def shared(build: Callable) -> Callable:
    """Cache what a page builds from cached numbers (HTML, say), keyed on the builder's arguments (a Model and
    primitives): built once per view and shared read-only by every session."""
    return st.cache_resource(max_entries=48, show_spinner=False)(build)


def figure(build: Callable[..., go.Figure]) -> Callable[..., Chart]:
    """Cache a page's figure builder like ``shared``; the figure is also serialised once."""

    @functools.wraps(build)
    def chart(*args) -> Chart:
        fig = build(*args)
        return Chart(fig, pio.to_json(fig, validate=False))

    return shared(chart)
