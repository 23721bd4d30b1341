"""Training in rounds, shared by the applications (intent, chars, forecast).

Every update is one Adam step on the loss of a fresh batch, its gradient clipped by global norm (the norm
before clipping is recorded); a run ends when its budget of updates or of CPU seconds spent in updates does
(a busy shared machine slows a run down but does not cut it short). After each round the application scores
its model on held-out data, so a page or the command line can report in between.

An application's trainer subclasses ``Rounds`` and says what differs: ``loss()`` of its next batch,
``evaluate()`` (appends its held-out scores to its history) and ``summary()`` (what a run reports).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import torch
from torch import nn


@dataclass
class History:
    """Per update the loss and the gradient norm before clipping; per round the step it ended at."""

    loss: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)
    round_step: list[int] = field(default_factory=list)


class Rounds:
    """One model in training; ``run_round()`` trains one round, so callers can draw in between."""

    loss_unit = 1.0  # history.loss records loss * loss_unit (chars: 1 / ln 2, bits per character)

    def __init__(
        self,
        params,
        history: History,
        *,
        lr: float,
        clip: float,
        steps: int | None,
        seconds: float | None,
        round_steps: int,
        schedule: Callable[[int], float] | None = None,  # the learning rate's factor at update k
    ):
        if steps is None and seconds is None:
            raise ValueError("give a budget: seconds, steps or both")
        self.params = list(params)
        self.optimizer = torch.optim.Adam(self.params, lr=lr)
        self.schedule = schedule and torch.optim.lr_scheduler.LambdaLR(self.optimizer, schedule)
        self.history, self.clip, self.budget, self.round_steps = history, clip, (steps, seconds), round_steps
        self.seconds = 0.0  # CPU seconds in updates: what a seconds budget counts
        self.wall = 0.0  # wall-clock seconds in updates
        self.eval_wall = 0.0  # wall-clock seconds in the rounds' evaluations

    def loss(self) -> torch.Tensor:
        """The loss of the next training batch (a scalar with its graph)."""
        raise NotImplementedError

    def evaluate(self) -> None:
        """Score the model as it is now on held-out data, appending to the history."""
        raise NotImplementedError

    @property
    def step(self) -> int:
        return len(self.history.loss)

    @property
    def done(self) -> bool:
        steps, seconds = self.budget
        return (steps is not None and self.step >= steps) or (seconds is not None and self.seconds >= seconds)

    def update(self) -> None:
        """One Adam step on a fresh batch, with the gradient clipped to ``clip`` (global norm)."""
        loss = self.loss()
        self.optimizer.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(self.params, self.clip)
        self.optimizer.step()
        if self.schedule:
            self.schedule.step()
        self.history.loss.append(loss.item() * self.loss_unit)
        self.history.grad_norm.append(float(norm))

    def end_round(self) -> None:
        """Record the step the round ended at and score the model (round 0, at the start: the untrained one)."""
        start = time.perf_counter()
        self.history.round_step.append(self.step)
        self.evaluate()
        self.eval_wall += time.perf_counter() - start

    def run_round(self) -> None:
        """Up to round_steps updates (fewer when a budget ends), then the held-out evaluation."""
        for _ in range(self.round_steps):
            if self.done:
                break
            cpu, wall = time.process_time(), time.perf_counter()
            self.update()
            self.seconds += time.process_time() - cpu
            self.wall += time.perf_counter() - wall
        self.end_round()


def train(trainer: Rounds, report: Callable[[Rounds], None] | None = None) -> Rounds:
    """Train round by round until a budget ends; ``report(trainer)`` after every round."""
    while not trainer.done:
        trainer.run_round()
        if report:
            report(trainer)
    return trainer


def config_options(p: argparse.ArgumentParser, defaults, skip: tuple[str, ...] = ()) -> None:
    """One --option per field of a Config dataclass, its default shown; "none" clears an optional budget."""
    for f in fields(defaults):
        if f.name not in skip:
            value = getattr(defaults, f.name)
            kind = {"float | None": float, "int | None": int}.get(f.type, type(value))
            p.add_argument(
                f"--{f.name.replace('_', '-')}",
                default=value,
                help=f"default {value}",
                type=lambda s, kind=kind: None if s.lower() == "none" else kind(s),
            )


def main(p: argparse.ArgumentParser, argv, run: Callable[[dict, Callable], Rounds], save, progress) -> dict:
    """An application's command line: ``run(options, report)`` trains (progress lines on stderr), then one JSON
    line with the held-out result on stdout; ``save(trainer, path)`` writes the checkpoint --save asks for."""
    p.add_argument("--threads", type=int, default=1, help="torch threads (1 leaves a core for others)")
    p.add_argument("--save", help="write a safetensors checkpoint to this path")
    args = vars(p.parse_args(argv))
    torch.set_num_threads(args.pop("threads"))
    path = args.pop("save")
    try:
        trainer = run(args, lambda tr: print(progress(tr), file=sys.stderr, flush=True))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        p.error(str(e))
    result = trainer.summary()
    if path:
        result["checkpoint"] = str(save(trainer, path))
    print(json.dumps(result), flush=True)
    return result


def budget(cfg) -> dict:
    """The loop's settings, read from an application's config that names them as the loop does."""
    return {name: getattr(cfg, name) for name in ("lr", "clip", "steps", "seconds", "round_steps")}
