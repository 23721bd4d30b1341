"""The cache edge: with cache_apps (the applications' models), the only module that caches. Every
computation a page shows, keyed on a Model (canonical: only what changes the result) and primitives,
returned as numpy; and the figures built from them, shared read-only between sessions.

Results for a generated sequence are computed at its bucket length (scene.bucket) and cropped: a class
sliding the length shares a few computations. Each cache is bounded (max_entries).
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch

from rnnviz import analysis, checkpoints, clipping, gates, memory, scene
from rnnviz import equations as eqs
from rnnviz import gradients as grads
from rnnviz import results as results_files
from rnnviz.cells import CELLS
from rnnviz.figures import style
from rnnviz.settings import Model

# A class of 40 on seeds of their own asks for 40 buckets of 3 cells at once: the caches of what a bucket holds
# keep a few hundred (a 200-token bucket's contribution map is 320 KB), so a page's several charts do not evict
# each other's results and compute them again.
BUCKETS_KEPT = 512


def _fields(m: Model) -> tuple:
    """A Model as the caches hash it: its field values (hashing the dataclass itself costs ten times more)."""
    return tuple(m.__dict__.values())


def _frozen(value):
    """The value with every numpy array in it made read-only: cached results are shared by every session."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            _frozen(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            _frozen(v)
    return value


def numbers(max_entries: int, ttl: float | None = None) -> Callable:
    """Cache a computation keyed on its arguments (a Model and primitives); its result is shared read-only by
    every session (no copy per call), at most ``max_entries`` of them."""

    def decorate(compute: Callable) -> Callable:
        @functools.wraps(compute)
        def frozen(*args):
            return _frozen(compute(*args))

        return st.cache_resource(max_entries=max_entries, ttl=ttl, show_spinner=False, hash_funcs={Model: _fields})(
            frozen
        )

    return decorate


def _one_thread() -> None:
    torch.set_num_threads(1)


@st.cache_resource(show_spinner=False)
def _worker() -> ProcessPoolExecutor:
    """A process of its own for the heavy computations (one per server: the server's Python and this one's each
    take a core). In the server's own threads, a computation's many short torch calls would queue for the
    interpreter lock behind every other session's rerun: 40 students on seeds of their own made the step-through
    page's first view take a minute, against 0.14 s each computed alone."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_one_thread)


def computed(compute: Callable, *args):
    """``compute(*args)`` done in the worker process; the calling session waits without holding the lock."""
    try:
        return _worker().submit(compute, *args).result()
    except BrokenProcessPool:  # the worker died (killed, out of memory): start another once
        _worker.clear()
        return _worker().submit(compute, *args).result()


@dataclass
class Inputs:
    tokens: list[str]
    x: np.ndarray  # (T, D)
    dropped: int  # tokens cut beyond MAX_STEPS


@numbers(max_entries=BUCKETS_KEPT)
def _inputs(m: Model) -> Inputs:
    seq = scene.sequence(m)
    return Inputs(seq.tokens, seq.x.numpy(), seq.dropped)


def _length(m: Model) -> int | None:
    """How many rows of the bucket's results are this model's (None: all of them)."""
    return m.length if scene.bucket(m) != m else None


def inputs(m: Model) -> Inputs:
    """The model's tokens and input vectors."""
    seq, T = _inputs(scene.bucket(m)), _length(m)
    return seq if T is None else Inputs(seq.tokens[:T], seq.x[:T], seq.dropped)


@numbers(max_entries=BUCKETS_KEPT)
def _trace(m: Model, kind: str) -> analysis.Trace:
    return computed(scene.trace, m, kind)


def trace(m: Model, kind: str) -> analysis.Trace:
    """The cell's hidden states, cell states and gates over the sequence."""
    tr, T = _trace(scene.bucket(m), kind), _length(m)
    return tr if T is None else tr.first(T)


@numbers(max_entries=BUCKETS_KEPT)
def _contributions(m: Model, kind: str) -> np.ndarray:
    return computed(scene.contributions, m, kind)


def contributions(m: Model, kind: str) -> np.ndarray:
    """C (T, T): C[t, k] = ||d h_t / d x_k||, how much input k still shapes h_t."""
    T = _length(m)
    return _contributions(scene.bucket(m), kind)[:T, :T]


@dataclass
class Memory:
    """What one cell remembers of the sequence, read off its contribution map (numpy, 0-based)."""

    shares: np.ndarray  # (T, T) memory composition, rows sum to 1
    span: memory.Span


@numbers(max_entries=BUCKETS_KEPT)
def memory_of(m: Model, kind: str) -> Memory:
    """The memory composition and span of the cell's contribution map."""
    C = contributions(m, kind)
    return Memory(memory.shares(C), memory.memory_span(C))


EVERY_LENGTH_BUDGET = 5e8  # T^2 S^2: every length's gradient at once is worth it below this (a second at most)


@numbers(max_entries=BUCKETS_KEPT)
def _profile(m: Model, kind: str, every_length: bool) -> grads.Profile:
    return computed(scene.profile, m, kind, every_length)


def profile(m: Model, kind: str) -> grads.Profile:
    """The cell's gradient through time and its per-step factors: cropped from the bucket's profile, which holds
    the gradient for every length, when that is cheap enough; else for this length alone."""
    bucket, T = scene.bucket(m), _length(m)
    S = m.hidden * (2 if CELLS[kind].has_cell_state else 1)  # the state's size
    # several layers: each layer's gradient is for L at this length (and the state is every layer's)
    if T is None or m.layers > 1 or (bucket.length * S) ** 2 > EVERY_LENGTH_BUDGET:
        return _profile(m, kind, False)
    return _profile(bucket, kind, True).first(T)


@numbers(max_entries=64)
def _spectrum(cells: Model) -> grads.Spectrum:
    return grads.spectrum(scene.cell(cells, "rnn").weight_hh_l0)


def spectrum(m: Model) -> grads.Spectrum:
    """The vanilla RNN's W_hh: eigenvalues, spectral radius, largest singular value."""
    return _spectrum(m.cells_only())


@numbers(max_entries=64)
def _parameters(cells: Model, kind: str) -> dict[str, np.ndarray]:
    return eqs.parameters(scene.cell(cells, kind))


def parameters(m: Model, kind: str) -> dict[str, np.ndarray]:
    """The cell's weights as float64 numpy, by torch.nn name (the same for every sequence)."""
    return _parameters(m.cells_only(), kind)


@numbers(max_entries=64)
def _parameter_count(cells: Model, kind: str) -> int:
    return sum(p.numel() for p in scene.cell(cells, kind).parameters())


def parameter_count(m: Model, kind: str) -> int:
    """The cell's number of weights and biases, every layer and direction counted."""
    return _parameter_count(m.cells_only(), kind)


@dataclass
class Gates:
    """The selected cells' runs, and one value range per scale kind shared by every chart of the gates page."""

    traces: dict[str, analysis.Trace]
    ranges: dict[str, tuple[float, float]]


@numbers(max_entries=BUCKETS_KEPT)
def gates_of(m: Model, cells: tuple[str, ...]) -> Gates:
    """The runs of these cells and the value ranges the gates page draws them on."""
    traces = {kind: trace(m, kind) for kind in cells}
    return Gates(traces, gates.ranges(traces, m.nonlinearity))


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


@numbers(max_entries=1, ttl=60)
def trained_sets() -> list[str]:
    """The checkpoint sets on disk."""
    return checkpoints.available()


@numbers(max_entries=8, ttl=60)
def results(name: str) -> dict | None:
    """A benchmark's results file, results/<name>.json (the training sweep's score against length, the
    applications' held-out scores), or None when it does not exist yet."""
    return results_files.read(name)


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


@st.cache_resource(max_entries=32, show_spinner=False, hash_funcs={Model: _fields})
def clipping_runs(m: Model, clip: float) -> Job:
    """The vanilla RNN trained twice on the running-sum task, without and with clipping at ``clip``."""
    cell = scene.cell(m.cells_only(), "rnn")
    return Job(lambda progress: clipping.compare(cell, clip, m.seed, on_progress=progress))


@dataclass(frozen=True)
class Chart:
    """A figure's JSON, written once (every session's rerun sends the same text), and how to build the figure
    again (for its CSV, when someone asks)."""

    json: str
    figure: Callable[[], go.Figure]


def shared(build: Callable, max_entries: int = 64) -> Callable:
    """Cache what a page builds from cached numbers (HTML, say), keyed on the builder's arguments (a Model and
    primitives): built once per view and shared read-only by every session."""
    return st.cache_resource(max_entries=max_entries, show_spinner=False, hash_funcs={Model: _fields})(build)


def figure(build: Callable[..., go.Figure]) -> Callable[..., Chart]:
    """Cache a page's figure builder like ``shared``, as its JSON: a class sliding the length sees a few
    hundred views of each chart, each a few hundred KB at most."""

    @functools.wraps(build)
    def chart(*args) -> Chart:
        return Chart(style.figure_json(build, *args), functools.partial(build, *args))

    return shared(chart, max_entries=256)
