"""Training character models from the generation page: at most one training at a time on a server, each in a
process of its own that trains the chosen cells one after another, shared by every session that asks for the
same cells, budget and text while it trains (pages/trainings.py). The text is "" for the generated corpus,
or the text a user pasted (rnnviz.pasted checked it): it lives only in this server's memory, in the key."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from pages import trainings
from rnnviz import chars

CONFIG: dict = {}  # changes to chars.Config for every run (tests train a few steps)

Key = tuple[tuple[str, ...], int, str]  # (cells, CPU seconds per cell, pasted text or "" for the corpus)


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
        cfg = config(next(iter(self.cells)), *self.key[1:], self.seed)

        def done(r: CellRun) -> float:  # the nearer of the CPU-time and the steps budget
            parts = ([r.seconds / cfg.seconds] if cfg.seconds else []) + (
                [len(r.loss) / cfg.steps] if cfg.steps else []
            )
            return 1.0 if r.summary else min(1.0, max(parts))

        return sum(map(done, self.cells.values())) / len(self.cells)


def config(kind: str, seconds: int, text: str, seed: int) -> chars.Config:
    """The configuration of one cell's training in a run: the page's budget and text, the benchmark's other
    settings."""
    return dataclasses.replace(chars.Config(cell=kind, seed=seed, seconds=float(seconds), text=text), **CONFIG)


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


class Trainings(trainings.Trainings):
    """Every set of cells' runs on this server (pages/trainings.py)."""

    kept = 4

    def start(self, key: Key, seed: int) -> tuple[Training, object, tuple]:
        run = Training(key, seed, {kind: CellRun(kind) for kind in key[0]})
        return run, train_cells, ([config(kind, *key[1:], seed) for kind in key[0]],)

    def receive(self, run: Training, message: tuple) -> None:
        kind, what, *rest = message
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
