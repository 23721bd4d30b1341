"""Train a recurrent cell on a memory task: fused torch.nn modules, a linear readout, Adam.

The recurrent module is ``torch.nn.RNN/LSTM/GRU`` (fast, fused), whose state dict loads
straight into ``rnnviz.make_cell`` cells for the other pages. The readout maps the last
hidden state h_T to the answer. Training runs in chunks (``Trainer.run(n)``) so a page can
draw curves between them, and stops early once a held-out batch shows the task solved.

    python -m rnnviz.train --task recall --cell lstm --length 50 --seed 0
    python -m rnnviz.train --task intent --cell gru      # an application: its own module's options

The applications (intent, chars, forecast: rnnviz.rounds; dates: its own loop) take their own module's
options; this command hands them the rest of its arguments. Each prints one JSON line with its held-out result.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import threading
import time
from dataclasses import asdict, dataclass, field

import numpy as np
import torch
from torch import nn

from . import tasks
from .cells import CELLS

# Per task: learning rate, step budget, and the held-out score that counts as solved.
SCHEDULES = {
    "recall": {"lr": 3e-3, "steps": 1500, "solved": 0.99},
    "adding": {"lr": 1e-2, "steps": 4000, "solved": 0.004},
    "order": {"lr": 3e-3, "steps": 2000, "solved": 0.99},
}


@dataclass(frozen=True)
class Config:
    """Everything that decides a training run (the page and the CLI share these defaults)."""

    task: str = "recall"
    cell: str = "lstm"
    length: int = 50
    seed: int = 0
    hidden: int = 16
    batch: int = 64
    lr: float | None = None  # None: the task's schedule
    steps: int | None = None  # None: the task's schedule
    clip: float = 1.0  # global gradient-norm threshold
    gate_bias: float = 3.0  # added to the LSTM forget / GRU update gate bias at the start
    eval_every: int = 50
    eval_size: int = 512

    def resolved(self) -> Config:
        """A copy with the task's schedule filled in, after checking names and sizes."""
        tasks.get(self.task)
        if self.cell not in CELLS:
            raise ValueError(f"unknown cell {self.cell!r}; choose from {', '.join(CELLS)}")
        if self.length < 2 or self.hidden < 1 or self.batch < 1:
            raise ValueError("length must be >= 2, hidden and batch >= 1")
        plan = SCHEDULES[self.task]
        return Config(**{**asdict(self), "lr": self.lr or plan["lr"], "steps": self.steps or plan["steps"]})


class Model(nn.Module):
    """A torch.nn recurrent layer and a linear readout of its last hidden state."""

    def __init__(self, cell: str, input_size: int, hidden: int, n_outputs: int):
        super().__init__()
        self.kind = cell
        self.rnn = CELLS[cell].torch_module(input_size, hidden)
        self.head = nn.Linear(hidden, n_outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (T, B, D) -> outputs (B, n_outputs)."""
        return self.head(self.rnn(x)[0][-1])


def make_model(cfg: Config) -> Model:
    """PyTorch's seeded init, then the memory gate's bias raised by cfg.gate_bias."""
    task = tasks.get(cfg.task)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(cfg.seed)
        model = Model(cfg.cell, task.input_size, cfg.hidden, task.n_outputs)
    gate = CELLS[cfg.cell].memory_gate  # the gate whose bias keeps memory open
    if gate and cfg.gate_bias:
        i = CELLS[cfg.cell].gate_names.index(gate)
        with torch.no_grad():
            model.rnn.bias_ih_l0[i * cfg.hidden : (i + 1) * cfg.hidden] += cfg.gate_bias
    return model


def loss_fn(task: tasks.Task, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    if task.kind == "classify":
        return nn.functional.cross_entropy(out, y)
    return nn.functional.mse_loss(out[:, 0], y)


@torch.no_grad()
def score(model: Model, task: tasks.Task, batch: tasks.Batch) -> float:
    """Accuracy (classify) or mean squared error (regress) on a batch."""
    out = model(batch.x)
    if task.kind == "classify":
        return float((out.argmax(-1) == batch.y).float().mean())
    return float(((out[:, 0] - batch.y) ** 2).mean())


def is_solved(task: tasks.Task, value: float, target: float) -> bool:
    return value >= target if task.kind == "classify" else value <= target


@dataclass
class History:
    """Per update: loss, gradient norm before clipping, and the gradient that reaches the first input
    (mean over the batch of ||dL/dx_1||); per evaluation: step and score."""

    loss: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)
    grad_first: list[float] = field(default_factory=list)
    eval_step: list[int] = field(default_factory=list)
    eval_score: list[float] = field(default_factory=list)


class Trainer:
    """One model in training; ``run(n)`` trains up to n more steps, so callers can draw in between."""

    def __init__(self, cfg: Config):
        self.cfg = cfg.resolved()
        self.task = tasks.get(self.cfg.task)
        self.model = make_model(self.cfg)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.cfg.lr)
        self.rng = np.random.default_rng(self.cfg.seed)  # training batches
        self.held_out = self.task.batch(self.cfg.eval_size, self.cfg.length, 10**6 + self.cfg.seed)
        self.history = History()
        self.seconds = 0.0
        self.solved = False

    @property
    def step(self) -> int:
        return len(self.history.loss)

    @property
    def done(self) -> bool:
        return self.solved or self.step >= self.cfg.steps

    def update(self) -> None:
        """One Adam step on a fresh batch, with the gradient clipped to cfg.clip (global norm)."""
        b = self.task.batch(self.cfg.batch, self.cfg.length, self.rng)
        x = b.x.requires_grad_()
        loss = loss_fn(self.task, self.model(x), b.y)
        self.optimizer.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.clip)
        self.optimizer.step()
        self.history.loss.append(loss.item())
        self.history.grad_norm.append(float(norm))
        self.history.grad_first.append(float(x.grad[0].norm(dim=-1).mean()))

    def run(self, n: int) -> None:
        """Train up to n steps (fewer when the budget ends or the task is solved)."""
        start = time.perf_counter()
        for _ in range(n):
            if self.done:
                break
            self.update()
            if self.step % self.cfg.eval_every == 0 or self.step == self.cfg.steps:
                value = score(self.model, self.task, self.held_out)
                self.history.eval_step.append(self.step)
                self.history.eval_score.append(value)
                self.solved = is_solved(self.task, value, SCHEDULES[self.cfg.task]["solved"])
        self.seconds += time.perf_counter() - start

    def test(self, size: int = 2000) -> float:
        """The score on a fresh test batch that training never saw."""
        return score(self.model, self.task, self.task.batch(size, self.cfg.length, 2 * 10**6 + self.cfg.seed))

    def summary(self) -> dict:
        """What a run reports: the config, steps, seconds and the test score."""
        c = self.cfg
        return {
            "task": c.task,
            "cell": c.cell,
            "length": c.length,
            "seed": c.seed,
            "hidden": c.hidden,
            "steps": self.step,
            "seconds": round(self.seconds, 2),
            "solved": self.solved,
            self.task.metric: round(self.test(), 5),
            "baseline": round(self.task.baseline, 5),
            "lr": c.lr,
            "batch": c.batch,
            "clip": c.clip,
            "gate_bias": c.gate_bias if CELLS[c.cell].memory_gate else 0.0,
            "threads": torch.get_num_threads(),
        }


@dataclass
class Lab:
    """Several cells training side by side, round by round, so that a page can draw between rounds.

    A page's next script run may start while the previous one is still inside a round: rounds and the
    final test take turns through ``lock``."""

    configs: tuple[Config, ...]
    trainers: dict[str, Trainer] = field(init=False)
    running: bool = True
    results: dict[str, dict] = field(default_factory=dict)  # cell kind -> summary, once finished
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.trainers = {c.cell: Trainer(c) for c in self.configs}

    @property
    def step(self) -> int:
        return sum(tr.step for tr in self.trainers.values())

    @property
    def total(self) -> int:
        return sum(tr.step if tr.solved else tr.cfg.steps for tr in self.trainers.values())

    @property
    def done(self) -> bool:
        return all(tr.done for tr in self.trainers.values())

    def round(self, n: int) -> bool:
        """Train every cell up to n more steps; False once stopped or done (nothing was trained)."""
        with self.lock:
            if not self.running or self.done:
                return False
            for trainer in self.trainers.values():
                trainer.run(n)
            return True

    def finish(self) -> None:
        """Stop, and test every cell on fresh sequences (once)."""
        self.running = False
        with self.lock:
            if not self.results:
                self.results = {kind: tr.summary() for kind, tr in self.trainers.items()}


def train(cfg: Config, report=None) -> Trainer:
    """Train to the end of the budget (or until solved); ``report(trainer)`` after every evaluation."""
    trainer = Trainer(cfg)
    while not trainer.done:
        trainer.run(trainer.cfg.eval_every)
        if report:
            report(trainer)
    return trainer


def _progress_line(tr: Trainer) -> str:
    value = tr.history.eval_score[-1] if tr.history.eval_score else math.nan
    return (
        f"step {tr.step:5d}/{tr.cfg.steps}  loss {tr.history.loss[-1]:.4f}  "
        f"held-out {tr.task.metric} {value:.4f}  |grad| {tr.history.grad_norm[-1]:.3g}  {tr.seconds:.1f} s"
    )


APPLICATIONS = ("intent", "chars", "forecast", "dates")  # tasks whose rnnviz module has its own main()


def main(argv: list[str] | None = None) -> dict:
    argv = sys.argv[1:] if argv is None else list(argv)
    first = argparse.ArgumentParser(add_help=False)
    first.add_argument("--task")
    known, rest = first.parse_known_args(argv)
    if known.task in APPLICATIONS:
        return importlib.import_module(f"{__package__}.{known.task}").main(rest)
    p = argparse.ArgumentParser(prog="python -m rnnviz.train", description=__doc__.splitlines()[0])
    d = Config()
    p.add_argument("--task", default=d.task, choices=[*tasks.TASKS, *APPLICATIONS])
    p.add_argument("--cell", default=d.cell, choices=list(CELLS))
    p.add_argument("--length", type=int, default=d.length)
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--hidden", type=int, default=d.hidden)
    p.add_argument("--batch", type=int, default=d.batch)
    p.add_argument("--lr", type=float, default=None, help="default: the task's schedule")
    p.add_argument("--steps", type=int, default=None, help="default: the task's schedule")
    p.add_argument("--clip", type=float, default=d.clip)
    p.add_argument("--gate-bias", type=float, default=d.gate_bias)
    p.add_argument("--threads", type=int, default=1, help="torch threads (1 leaves a core for others)")
    p.add_argument("--save", default=None, help="write a safetensors checkpoint to this path")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    cfg = Config(
        args.task,
        args.cell,
        args.length,
        args.seed,
        args.hidden,
        args.batch,
        args.lr,
        args.steps,
        args.clip,
        args.gate_bias,
    )
    try:
        trainer = train(cfg, report=lambda tr: print(_progress_line(tr), flush=True))
    except ValueError as e:
        p.error(str(e))
    result = trainer.summary()
    if args.save:
        from .checkpoints import save

        save(trainer.model, trainer.cfg, result, args.save)
        result["checkpoint"] = args.save
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
