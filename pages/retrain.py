"""Training a date translator again from the translation page: at most one training at a time on a server, each
in a process of its own, shared by every session that asks for the same model while it trains.

A class pressing Train at once starts one run per model, not one per student: a press while that model trains
joins the run under way, and runs of other models wait their turn in the queue (every page stays responsive, as
the training's many small torch calls hold another interpreter's lock, not the server's). A press once a run is
done starts a new run with the next seed. Nothing here caches or draws: cache_apps holds the one ``Trainings`` of
the server, the page reads it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import torch

from rnnviz import dates
from rnnviz.seq2seq import Seq2Seq

KEPT = 8  # finished runs kept per model (older ones are forgotten; a session using one falls back to the shipped)
CONFIG: dict = {}  # changes to dates.Config for every run (tests train a few steps)

Key = tuple[str, bool, bool]  # (cell, bidirectional encoder, attention): which model


@dataclass
class Training:
    """One training run as every session sees it: where it is, and once done the model and its summary."""

    key: Key
    seed: int  # 1, 2, ... per model on this server (the shipped checkpoints are seed 0)
    steps: int  # the step budget
    state: str = "queued"  # queued, training, testing, done, failed
    step: int = 0
    seconds: float = 0.0  # CPU seconds of training so far (what the 30 s budget counts)
    valid: float | None = None  # the latest validation exact match
    model: Seq2Seq | None = None
    summary: dict | None = None  # dates.Trainer.summary(): held_out, steps, seconds, stopped_by, ...
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def fraction(self) -> float:
        """How far training is, from the step budget and the CPU-time budget, whichever is nearer its end."""
        if self.finished or self.state == "testing":
            return 1.0
        budget = dates.Config(**CONFIG).max_seconds
        return min(1.0, max(self.step / self.steps, self.seconds / budget))


class Trainings:
    """Every model's runs on this server, the latest last; one run trains at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rnnviz-dates-training")
        self._runs: dict[Key, list[Training]] = {}
        self._pending: list[Training] = []  # queued or training, in order

    def ask(self, key: Key) -> Training:
        """The run of this model under way (joined), or a new one with the next seed, queued."""
        with self._lock:
            runs = self._runs.setdefault(key, [])
            if runs and not runs[-1].finished:
                return runs[-1]
            seed = runs[-1].seed + 1 if runs else 1
            cfg = dates.Config(cell=key[0], bidirectional=key[1], attention=key[2], seed=seed, **CONFIG).resolved()
            run = Training(key, seed, cfg.steps)
            runs.append(run)
            del runs[:-KEPT]
            self._pending.append(run)
            self._queue.submit(self._train, run, cfg)
            return run

    def get(self, key: Key, seed: int) -> Training | None:
        """The run of this model with this seed, if this server still has it."""
        return next((r for r in self._runs.get(key, []) if r.seed == seed), None)

    def ahead(self, run: Training) -> int:
        """How many runs train or wait before this one."""
        with self._lock:
            before = self._pending[: self._pending.index(run)] if run in self._pending else []
        return sum(not r.finished for r in before)  # a finished run's process may still be exiting

    def _train(self, run: Training, cfg: dates.Config) -> None:
        """In the queue's thread: the run in a process of its own, its reports copied onto ``run``."""
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe(duplex=False)
        process = ctx.Process(target=dates.train_reporting, args=(cfg, theirs), daemon=True)
        run.state = "training"
        try:
            process.start()
            theirs.close()
            while not run.finished:
                message = ours.recv()  # EOFError if the process died
                if message[0] == "progress":
                    run.step, run.seconds, score = message[1:]
                    run.valid = run.valid if score is None else score
                elif message[0] == "testing":
                    run.state = "testing"
                elif message[0] == "done":
                    model = Seq2Seq(cfg.spec())
                    model.load_state_dict({k: torch.from_numpy(v) for k, v in message[1].items()})
                    run.model, run.summary = model.requires_grad_(False).eval(), message[2]
                    run.state = "done"
                else:
                    run.state, run.error = "failed", message[1]
        except (EOFError, OSError) as e:
            run.state, run.error = "failed", f"the training process ended without a result ({e!r})"
        finally:
            ours.close()
            process.join(timeout=10)
            with self._lock:
                self._pending.remove(run)


def config() -> dates.Config:
    """The configuration every run uses, but for its cell, direction, attention and seed."""
    return dataclasses.replace(dates.Config(), **CONFIG)
