r"""Forecasting a series: an RNN, LSTM or GRU reads the recent changes and predicts the next value.

Two synthetic series, generated in code from a seed (SERIES):

    periodic:     x_t = sin(2 pi t / 24 + a) + 0.5 sin(2 pi t / 9 + b) + e_t,   e_t ~ N(0, 0.1^2)
    random walk:  x_t = x_{t-1} + e_t,                                           e_t ~ N(0, 0.3^2)

The model (many to many, aligned) reads the changes d_t = x_t - x_{t-1} of a window, one per
step (D = 1), and after each one the readout predicts the next change: x̂_{t+1} = x_t + y_t with
y_t = V h_t + b (rnnviz.readout.Readout). Changes keep both series at one scale however far a
random walk wanders, and they make the naive forecast (repeat the last value, x̂_{t+1} = x_t) the
model whose readout says 0. Training uses every step's prediction; the score is the prediction
after a whole window of WINDOW changes, in mean squared error over held-out windows that share no
values, next to the naive forecast's on the same windows (paired, with its standard error).
Free running (one to many): after a window, each predicted change is fed back in as the next input.

Why the random walk cannot be predicted better than the baseline: its next step e_{t+1} is drawn
independently of everything before it, so the best possible forecast from the past is
E[x_{t+1} | x_1 .. x_t] = x_t, the naive one, whose error is the step's variance 0.3^2 = 0.09.
No model can do better on average; a trained one ends up equal or a little worse. The periodic
series is different: its next value depends on the phase, which a window shows, so a model can
push its error towards the noise alone (the naive forecast's includes the signal's change).

    python -m rnnviz.forecast --series periodic --cell gru
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import checkpoints, rounds
from .cells import make_cell
from .checkpoints import DIR, CheckpointError
from .readout import Readout

FORMAT = "rnnviz-forecast-1"
KINDS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}  # the fused torch.nn module of each cell kind
WINDOW = 48  # changes read before the scored prediction
TRAIN_LENGTH, HELD_OUT_WINDOWS = 50_000, 2_000


def periodic(n: int, seed: int) -> np.ndarray:
    """Two sines with seeded phases plus Gaussian noise (sd 0.1), n values."""
    rng = np.random.default_rng(seed)
    t, (a, b) = np.arange(n), rng.uniform(0, 2 * np.pi, 2)
    return np.sin(2 * np.pi * t / 24 + a) + 0.5 * np.sin(2 * np.pi * t / 9 + b) + rng.normal(0, 0.1, n)


def random_walk(n: int, seed: int) -> np.ndarray:
    """Cumulative sum of n independent Gaussian steps (sd 0.3)."""
    return np.cumsum(np.random.default_rng(seed).normal(0, 0.3, n))


SERIES = {"periodic": periodic, "random-walk": random_walk}


def series(name: str, n: int, seed: int) -> np.ndarray:
    """n values of the named series, the same for the same seed."""
    if name not in SERIES:
        raise ValueError(f"unknown series {name!r}; choose from {', '.join(SERIES)}")
    return SERIES[name](n, seed)


def windows(values: np.ndarray, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """Non-overlapping windows of a series: (inputs (N, window) changes, targets (N,) the change after)."""
    d = np.diff(np.asarray(values, dtype=np.float64))
    n = len(d) // (window + 1)
    w = d[: n * (window + 1)].reshape(n, window + 1)
    return w[:, :-1], w[:, -1]


def naive_mse(values: np.ndarray) -> float:
    """Mean squared error of x̂_{t+1} = x_t over a whole series."""
    return float(np.mean(np.diff(values) ** 2))


# ---- models: torch.nn for training, rnnviz cells for everything shown ----


class Net(nn.Module):
    """torch.nn recurrent layer over changes, then the readout (the next change)."""

    def __init__(self, kind: str, hidden: int):
        super().__init__()
        self.kind = kind
        self.rnn = KINDS[kind](1, hidden)
        self.head = Readout(hidden, 1)

    def forward(self, d: torch.Tensor) -> torch.Tensor:
        """d (T, B) changes -> (T, B) predicted next changes."""
        return self.head(self.rnn(d[..., None])[0])[..., 0]


@dataclass
class Model:
    """A trained forecaster as rnnviz shows it: its cell, readout and metadata."""

    cell: nn.Module  # an rnnviz cell (make_cell)
    head: Readout
    meta: dict = field(default_factory=dict)


def to_model(net: Net, meta: dict | None = None) -> Model:
    """An rnnviz cell and readout holding exactly the weights of net."""
    cell = make_cell(net.kind, 1, net.rnn.hidden_size)
    cell.load_state_dict(net.rnn.state_dict())
    head = Readout(net.rnn.hidden_size, 1)
    head.load_state_dict(net.head.state_dict())
    return Model(cell.requires_grad_(False), head.requires_grad_(False), meta or {})


@torch.no_grad()
def next_changes(model: Model, d: np.ndarray) -> np.ndarray:
    """y (T, ...) for changes d (T, ...): after each change, the predicted next one."""
    x = torch.as_tensor(np.asarray(d), dtype=torch.float32)[..., None]
    return model.head(model.cell(x).hidden)[..., 0].double().numpy()


def one_step(model: Model, values: np.ndarray) -> np.ndarray:
    """Forecasts aligned with values: out[t] predicts values[t] from values[:t]; NaN for t < 2."""
    values = np.asarray(values, dtype=np.float64)
    out = np.full(len(values) + 1, np.nan)
    if len(values) >= 2:
        out[2:] = values[1:] + next_changes(model, np.diff(values))
    return out[: len(values)]


@torch.no_grad()
def free_run(model: Model, values: np.ndarray, steps: int) -> np.ndarray:
    """(steps,): read the changes of values, then feed each predicted change back in (one to many)."""
    d = torch.as_tensor(np.diff(np.asarray(values, dtype=np.float64)), dtype=torch.float32)
    if len(d) < 1:
        raise ValueError("free running needs at least two values to read")
    cell, state = model.cell, model.cell.initial_state()
    for d_t in d:
        step = cell.step(d_t[None], state)
        state = cell.state_of(step)
    out, last = [], float(values[-1])
    for _ in range(steps):
        y = model.head(step.h)
        last += float(y[0])
        out.append(last)
        step = cell.step(y, state)
        state = cell.state_of(step)
    return np.array(out)


def compare(predicted: np.ndarray, target: np.ndarray) -> dict:
    """Model against naive on the same windows: both MSEs, their ratio, and whether the model is better
    by more than two standard errors of the paired difference (``beats_naive``)."""
    model_err, naive_err = (predicted - target) ** 2, target**2  # naive predicts a change of 0
    diff = model_err - naive_err
    se = float(diff.std(ddof=1) / np.sqrt(len(diff)))
    mse, naive = float(model_err.mean()), float(naive_err.mean())
    return {"mse": mse, "naive_mse": naive, "ratio": mse / naive, "se": se, "beats_naive": mse < naive - 2 * se}


def evaluate(model: Model, values: np.ndarray, window: int = WINDOW) -> dict:
    """``compare`` on the non-overlapping windows of a series, with rnnviz's cells."""
    d, target = windows(values, window)
    return compare(next_changes(model, d.T)[-1], target)


# ---- training ----


@dataclass(frozen=True)
class Config:
    """Everything that decides a training run (a steps budget replays it exactly)."""

    series: str = "periodic"
    cell: str = "lstm"
    seed: int = 0  # the weights, the batches and the training series; held-out data uses 10**6 + seed
    hidden: int = 32
    window: int = WINDOW
    batch: int = 64
    lr: float = 3e-3
    clip: float = 1.0  # global gradient-norm threshold
    steps: int | None = 1500
    seconds: float | None = None  # budget of CPU seconds spent in updates; None: only steps decide
    round_steps: int = 100

    def __post_init__(self):
        series(self.series, 1, 0)
        if self.cell not in KINDS:
            raise ValueError(f"unknown cell {self.cell!r}; choose from {', '.join(KINDS)}")
        if self.seconds is None and self.steps is None:
            raise ValueError("give a budget: seconds, steps or both")
        if min(self.hidden, self.window, self.batch, self.round_steps) < 1:
            raise ValueError("hidden, window, batch and round_steps must be >= 1")


@dataclass
class History(rounds.History):
    """rounds.History (the training MSE of every step's next change), and per round, round 0 being the
    untrained model: the held-out MSE after a whole window (the naive MSE is fixed)."""

    held_out: list[float] = field(default_factory=list)


class Trainer(rounds.Rounds):
    """One model in training (rnnviz.rounds): batches of random windows of the training series."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.changes = torch.from_numpy(np.diff(series(cfg.series, TRAIN_LENGTH, cfg.seed))).float()
        held = series(cfg.series, HELD_OUT_WINDOWS * (cfg.window + 1) + 1, 10**6 + cfg.seed)
        d, self.held_target = windows(held, cfg.window)
        self.held_d = torch.from_numpy(d.T).float()  # (window, N)
        self.rng = np.random.default_rng(cfg.seed)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(cfg.seed)
            self.net = Net(cfg.cell, cfg.hidden)
        super().__init__(self.net.parameters(), History(), **rounds.budget(cfg))
        self.end_round()  # round 0: the untrained model

    def loss(self) -> torch.Tensor:
        """MSE of every step's predicted next change on a batch of random windows."""
        w = self.cfg.window
        start = self.rng.integers(0, len(self.changes) - w, self.cfg.batch)
        chunk = self.changes[torch.from_numpy(start[None] + np.arange(w + 1)[:, None])]  # (w + 1, B)
        return nn.functional.mse_loss(self.net(chunk[:-1]), chunk[1:])

    @torch.no_grad()
    def held_out(self) -> dict:
        """``compare`` on the held-out windows, computed by the fused torch.nn module."""
        return compare(self.net(self.held_d)[-1].double().numpy(), self.held_target)

    def evaluate(self) -> None:
        self.history.held_out.append(self.held_out()["mse"])

    def model(self) -> Model:
        """The model as it is now, in rnnviz cells."""
        return to_model(self.net, {"series": self.cfg.series, "cell": self.cfg.cell, "seed": self.cfg.seed})

    def summary(self) -> dict:
        """What a run reports: held-out MSE against the naive forecast's on the same windows."""
        c, scores = self.cfg, self.held_out()
        return {
            "task": "forecast",
            "series": c.series,
            "cell": c.cell,
            "seed": c.seed,
            "hidden": c.hidden,
            "window": c.window,
            "steps": self.step,
            "seconds": round(self.seconds, 2),
            "wall_seconds": round(self.wall, 2),
            **{k: v if isinstance(v, bool) else round(v, 6) for k, v in scores.items()},
            "held_out_windows": len(self.held_target),
            "lr": c.lr,
            "batch": c.batch,
            "threads": torch.get_num_threads(),
        }


def train(cfg: Config, report=None) -> Trainer:
    """Train round by round until a budget ends; ``report(trainer)`` after every round."""
    return rounds.train(Trainer(cfg), report)


# ---- checkpoints ----


def path_for(series_name: str, kind: str, directory: Path | None = None) -> Path:
    """The shipped file: checkpoints/forecast-<series>-<kind>.safetensors."""
    return Path(directory or DIR) / f"forecast-{series_name}-{kind}.safetensors"


def save(trainer: Trainer, path: str | Path) -> Path:
    """The trained weights, the config and the held-out results."""
    net, c = trainer.net, trainer.cfg
    tensors = {f"rnn.{k}": v.detach().contiguous() for k, v in net.rnn.state_dict().items()}
    tensors |= {f"head.{k}": v.detach().contiguous() for k, v in net.head.state_dict().items()}
    meta = {
        "format": FORMAT,
        "series": c.series,
        "cell": c.cell,
        "hidden": str(c.hidden),
        "seed": str(c.seed),
        "window": str(c.window),
        "config": json.dumps(asdict(c)),
        "result": json.dumps(trainer.summary()),
    }
    return checkpoints.write(tensors, meta, path)


def load(path: str | Path) -> Model:
    """A saved forecaster in rnnviz cells; anything wrong raises CheckpointError."""
    path, remedy = Path(path), "python benchmarks/bench_forecast.py --checkpoints"
    tensors, raw = checkpoints.read(path, f"re-create it with {remedy}")
    try:
        if raw.get("format") != FORMAT:
            raise ValueError(f"format is {raw.get('format')!r}, expected {FORMAT!r}")
        net = Net(raw["cell"], int(raw["hidden"]))
        net.rnn.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("rnn.")})
        net.head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
        meta = {
            **raw,
            **{k: int(raw[k]) for k in ("hidden", "seed", "window")},
            "config": json.loads(raw["config"]),
            "result": json.loads(raw["result"]),
        }
    except (KeyError, ValueError, RuntimeError) as e:  # missing fields or tensors, wrong shapes
        raise CheckpointError(f"checkpoint file {path.name} does not hold an rnnviz forecaster ({e})") from e
    return to_model(net, meta)


def shipped(series_name: str, kind: str) -> Model:
    """The shipped model of a series and cell kind (seed 0, the default config)."""
    return load(path_for(series_name, kind))


def _progress(tr: Trainer) -> str:
    h = tr.history
    return f"step {tr.step:5d}  {tr.seconds:6.1f} s  loss {h.loss[-1]:.5f}  held-out MSE {h.held_out[-1]:.5f}"


def main(argv: list[str] | None = None) -> dict:
    """Train one model (progress on stderr) and print one JSON line with the held-out result."""
    p = argparse.ArgumentParser(prog="python -m rnnviz.forecast", description=__doc__.splitlines()[0])
    rounds.config_options(p, Config())
    return rounds.main(p, argv, lambda args, report: train(Config(**args), report), save, _progress)


if __name__ == "__main__":
    main()
