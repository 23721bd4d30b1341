"""Training a date translator again from the translation page, one run per model (cell, direction, attention)
shared by the class and one training at a time on the server (pages/trainings.py)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import torch

from pages import trainings
from rnnviz import dates
from rnnviz.seq2seq import Seq2Seq

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


def _config(key: Key, seed: int) -> dates.Config:
    return dates.Config(cell=key[0], bidirectional=key[1], attention=key[2], seed=seed, **CONFIG).resolved()


class Trainings(trainings.Trainings):
    """Every translator's runs on this server (pages/trainings.py)."""

    def start(self, key: Key, seed: int) -> tuple[Training, object, tuple]:
        cfg = _config(key, seed)
        return Training(key, seed, cfg.steps), dates.train_reporting, (cfg,)

    def receive(self, run: Training, message: tuple) -> None:
        if message[0] == "progress":
            run.step, run.seconds, score = message[1:]
            run.valid = run.valid if score is None else score
        elif message[0] == "testing":
            run.state = "testing"
        elif message[0] == "done":
            model = Seq2Seq(_config(run.key, run.seed).spec())
            model.load_state_dict({k: torch.from_numpy(v) for k, v in message[1].items()})
            run.model, run.summary = model.requires_grad_(False).eval(), message[2]
            run.state = "done"
        else:
            run.state, run.error = "failed", message[1]


def config() -> dates.Config:
    """The configuration every run uses, but for its cell, direction, attention and seed."""
    return dataclasses.replace(dates.Config(), **CONFIG)
