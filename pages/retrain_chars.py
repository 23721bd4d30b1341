"""Training character models from the generation page: at most one training at a time on a server, each in a
process of its own that trains the chosen cells one after another, shared by every session that asks for the
same cells and budget while it trains (as pages/retrain.py does for the translator).

A press while those cells train joins the run under way; a press once it is done starts a new run with the next
seed. Nothing here caches or draws: cache_apps holds the one ``Trainings`` of the server, the page reads it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from rnnviz import chars

KEPT = 4  # finished runs kept per key
CONFIG: dict = {}  # changes to chars.Config for every run (tests train a few steps)

Key = tuple[tuple[str, ...], int]  # (cells, CPU seconds per cell)


@dataclass
class CellRun:
    """One cell's training as the page draws it: per update the loss, per round (0: untrained) the held-out
    bits per character and a sample; once done its model and summary."""

    kind: str
    seconds: float = 0.0  # CPU seconds of updates so far
    loss: list[float] = field(default_factory=list)
    round_step: list[int] = field(default_factory=list)
    held_out: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    model: chars.Model | None = None
    summary: dict | None = None


@dataclass
class Training:
    """One run of every chosen cell, as every session sees it."""

    key: Key
    seed: int  # 1, 2, ... per key on this server (the shipped models are seed 0)
    cells: dict[str, CellRun]
    state: str = "queued"  # queued, training, done, failed
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def fraction(self) -> float:
        """How far the run is: each cell's CPU seconds (or steps, in a test) against its budget."""
        if self.finished:
            return 1.0
        cfg = config(next(iter(self.cells)), self.key[1], self.seed)

        def done(r: CellRun) -> float:  # the nearer of the CPU-time and the steps budget
            parts = ([r.seconds / cfg.seconds] if cfg.seconds else []) + (
                [len(r.loss) / cfg.steps] if cfg.steps else []
            )
            return 1.0 if r.summary else min(1.0, max(parts))

        return sum(map(done, self.cells.values())) / len(self.cells)


def config(kind: str, seconds: int, seed: int) -> chars.Config:
    """The configuration of one cell's training in a run: the page's budget, the benchmark's other settings."""
    return dataclasses.replace(chars.Config(cell=kind, seed=seed, seconds=float(seconds)), **CONFIG)


class _Tagged:
    """A connection end that prefixes every message with the cell it is about (and is closed only at the end)."""

    def __init__(self, conn, kind: str):
        self.conn, self.kind = conn, kind

    def send(self, message: tuple) -> None:
        self.conn.send((self.kind, *message))

    def close(self) -> None:
        pass


def train_cells(cfgs: list[chars.Config], conn) -> None:
    """In the training process: each configuration in turn (chars.train_reporting), one torch thread."""
    import torch

    torch.set_num_threads(1)
    try:
        for cfg in cfgs:
            chars.train_reporting(cfg, _Tagged(conn, cfg.cell))
    finally:
        conn.close()


class Trainings:
    """Every key's runs on this server, the latest last; one run trains at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rnnviz-chars-training")
        self._runs: dict[Key, list[Training]] = {}

    def ask(self, key: Key) -> Training:
        """The run of these cells under way (joined), or a new one with the next seed, queued."""
        with self._lock:
            runs = self._runs.setdefault(key, [])
            if runs and not runs[-1].finished:
                return runs[-1]
            run = Training(key, runs[-1].seed + 1 if runs else 1, {kind: CellRun(kind) for kind in key[0]})
            runs.append(run)
            del runs[:-KEPT]
            self._queue.submit(self._train, run)
            return run

    def get(self, key: Key, seed: int) -> Training | None:
        """The run of this key with this seed, if this server still has it."""
        return next((r for r in self._runs.get(key, []) if r.seed == seed), None)

    def _train(self, run: Training) -> None:
        """In the queue's thread: the run in a process of its own, its reports copied onto ``run``."""
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe(duplex=False)
        cfgs = [config(kind, run.key[1], run.seed) for kind in run.key[0]]
        process = ctx.Process(target=train_cells, args=(cfgs, theirs), daemon=True)
        run.state = "training"
        try:
            process.start()
            theirs.close()
            while not run.finished:
                kind, what, *rest = ours.recv()  # EOFError if the process died
                cell = run.cells[kind]
                if what == "round":
                    step, cell.seconds, losses, held_out, sample = rest
                    cell.loss.extend(losses)
                    cell.round_step.append(step)
                    cell.held_out.append(held_out)
                    cell.samples.append(sample)
                elif what == "done":
                    weights, vocab, cell.summary = rest
                    cell.model = chars.from_weights(kind, weights, vocab, {"cell": kind, "seed": run.seed})
                    if all(c.summary for c in run.cells.values()):
                        run.state = "done"
                else:
                    run.state, run.error = "failed", rest[0]
        except (EOFError, OSError) as e:
            run.state, run.error = "failed", f"the training process ended without a result ({e!r})"
        finally:
            ours.close()
            process.join(timeout=10)
