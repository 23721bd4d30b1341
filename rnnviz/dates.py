"""Train the date translator (rnnviz.seq2seq on rnnviz.dates_data), measure it on held-out dates, save and load it.

Training uses the torch.nn twin (``FastSeq2Seq``): Adam with a cosine learning-rate decay, the global gradient
norm clipped, teacher forcing (the decoder reads the true previous character), batches of similar input
lengths. It runs in rounds (``Trainer.run(n)``) so a page can draw progress, stops early once a validation
set is solved, and never trains longer than ``Config.max_seconds`` of CPU time. The held-out test dates are never
trained on nor used to stop. A checkpoint loads as rnnviz's own ``Seq2Seq``, with the same weights.

    python -m rnnviz.dates --cell gru --bidirectional --attention --seed 0 [--save PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import checkpoints
from . import dates_data as data
from .checkpoints import DIR, CheckpointError
from .seq2seq import LAYERS, FastSeq2Seq, Seq2Seq, Spec

FORMAT = "rnnviz-dates-1"
# per (cell kind, bidirectional encoder): updates, and units per encoder direction (the decoder has directions *
# hidden). The RNN's updates are cheaper and it needs more. A one-way encoder reads once, not twice, so its updates
# are cheaper too, and it needs more of them: with 800 updates and 32 units one-way encoders scored 0.62-0.93 held
# out; these budgets fill the 30 s (the one-way LSTM's 64 units learned faster per second than 32, the GRU's not)
STEPS = {("rnn", True): 1400, ("lstm", True): 800, ("gru", True): 800}
STEPS |= {("rnn", False): 2400, ("lstm", False): 1500, ("gru", False): 1800}
HIDDEN = {(kind, True): 32 for kind in LAYERS} | {("rnn", False): 32, ("lstm", False): 64, ("gru", False): 32}


@dataclass(frozen=True)
class Config:
    """Everything that decides a training run (the page and the CLI share these defaults)."""

    cell: str = "gru"
    bidirectional: bool = True
    attention: bool = True
    seed: int = 0
    embed: int = 16
    hidden: int | None = None  # per encoder direction (None: HIDDEN[cell, bidirectional])
    batch: int = 64
    lr: float = 5e-3  # Adam's, decayed along a cosine to 0 at ``steps``
    steps: int | None = None  # None: STEPS[cell, bidirectional]
    max_seconds: float = 30.0  # cap on the CPU seconds of training (updates and validation), checked after each update
    clip: float = 1.0  # global gradient-norm threshold
    eval_every: int = 100
    eval_size: int = 500  # validation examples (dates of the "valid" part)
    solved: float = 1.0  # validation exact match that ends training early
    threads: int = 1  # torch threads while training

    def resolved(self) -> Config:
        """A copy with the model's step budget and size filled in, after checking names and sizes."""
        if self.cell not in LAYERS:
            raise ValueError(f"unknown cell {self.cell!r}; choose from {', '.join(LAYERS)}")
        model = self.cell, self.bidirectional
        cfg = replace(self, steps=self.steps or STEPS[model], hidden=self.hidden or HIDDEN[model])
        if min(cfg.embed, cfg.hidden, cfg.batch, cfg.steps, cfg.eval_every, cfg.eval_size, cfg.threads) < 1:
            raise ValueError("embed, hidden, batch, steps, eval_every, eval_size and threads must be >= 1")
        return cfg

    def spec(self) -> Spec:
        """The model's shapes (of the resolved config)."""
        sizes = (self.embed, self.hidden or HIDDEN[self.cell, self.bidirectional], self.bidirectional, self.attention)
        return Spec(self.cell, data.input_vocab(), data.OUTPUT_VOCAB, *sizes)


def make_model(cfg: Config) -> FastSeq2Seq:
    """The torch.nn twin with PyTorch's initialisation after torch.manual_seed(cfg.seed)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(cfg.seed)
        return FastSeq2Seq(cfg.spec())


def to_rnnviz(model: FastSeq2Seq) -> Seq2Seq:
    """The same weights in rnnviz's Seq2Seq (rnnviz cells), frozen, for the pages."""
    twin = Seq2Seq(model.spec)
    twin.load_state_dict(model.state_dict())
    return twin.requires_grad_(False).eval()


@torch.no_grad()
def correct(model: FastSeq2Seq, examples: list[data.Example], chunk: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Greedy decoding of every example: exact match (n,) bool, and correct output characters (n,) of 11."""
    order = np.argsort([len(ex.text) for ex in examples], kind="stable")  # similar lengths decode together
    exact, chars = np.zeros(len(examples), bool), np.zeros(len(examples), int)
    for start in range(0, len(order), chunk):
        idx = order[start : start + chunk]
        b = data.batch([examples[i] for i in idx], model.spec.in_vocab)
        hits = model.greedy(b.src, b.lengths, data.OUTPUT_LENGTH) == b.tgt_out  # (11, B)
        exact[idx], chars[idx] = hits.all(0).numpy(), hits.sum(0).numpy()
    return exact, chars


def evaluate(model: FastSeq2Seq, examples: list[data.Example]) -> dict:
    """Exact match and character accuracy: overall, by input length (data.LENGTH_BINS), by language, by format."""
    exact, chars = correct(model, examples)

    def score(m: np.ndarray) -> dict:
        rates = {"exact_match": float(exact[m].mean()), "char_accuracy": float(chars[m].mean()) / data.OUTPUT_LENGTH}
        return {"n": int(m.sum())} | {k: round(v, 4) for k, v in rates.items()}

    def by(names: list[str], order) -> dict:
        names = np.array(names)
        return {g: score(names == g) for g in order if (names == g).any()}

    bins = [data.length_bin(lo) for lo in data.LENGTH_BINS]
    return score(np.ones(len(examples), bool)) | {
        "by_length": by([data.length_bin(len(ex.text)) for ex in examples], bins),
        "by_language": by([ex.lang for ex in examples], data.LANGUAGES),
        "by_format": by([ex.fmt for ex in examples], data.FORMATS),
    }


@dataclass
class History:
    """Per update: loss and gradient norm before clipping; per evaluation: step, CPU seconds so far and the
    validation exact match."""

    loss: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)
    eval_step: list[int] = field(default_factory=list)
    eval_seconds: list[float] = field(default_factory=list)
    eval_score: list[float] = field(default_factory=list)


class Trainer:
    """One model in training; ``run(n)`` trains up to n more steps, so callers can draw in between."""

    def __init__(self, cfg: Config):
        self.cfg = cfg.resolved()
        self.model = make_model(self.cfg)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.cfg.lr)
        self.batches = data.training_batches(self.cfg.batch, self.cfg.seed)
        self.valid = data.sample("valid", self.cfg.eval_size, 10**6 + self.cfg.seed)
        self.history = History()
        self.seconds = 0.0  # CPU time of this thread in run() (all of training on 1 thread): what the budget counts
        self.wall_seconds = 0.0
        self.solved = False

    @property
    def step(self) -> int:
        return len(self.history.loss)

    @property
    def stopped_by(self) -> str | None:
        """Why training ended: "solved", "steps", "seconds", or None while it goes on."""
        if self.solved:
            return "solved"
        return "steps" if self.step >= self.cfg.steps else "seconds" if self.seconds >= self.cfg.max_seconds else None

    @property
    def done(self) -> bool:
        return self.stopped_by is not None

    def update(self) -> None:
        """One Adam step on the next batch with teacher forcing; the gradient clipped to cfg.clip (global norm)."""
        for group in self.optimizer.param_groups:  # cosine decay from cfg.lr to 0 at cfg.steps
            group["lr"] = self.cfg.lr * 0.5 * (1 + math.cos(math.pi * self.step / self.cfg.steps))
        b = next(self.batches)
        logits, _ = self.model(b.src, b.lengths, b.tgt_in)
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), b.tgt_out.flatten())
        self.optimizer.zero_grad()
        loss.backward()
        norm = nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.clip)
        self.optimizer.step()
        self.history.loss.append(loss.item())
        self.history.grad_norm.append(float(norm))

    def run(self, n: int) -> None:
        """Train up to n steps (fewer when the budget ends or validation is solved), on cfg.threads threads."""
        threads, cpu, wall = torch.get_num_threads(), time.thread_time(), time.perf_counter()
        torch.set_num_threads(self.cfg.threads)
        try:
            for _ in range(n):
                if self.done:
                    break
                self.update()
                if self.step % self.cfg.eval_every == 0 or self.step == self.cfg.steps:
                    score = float(correct(self.model, self.valid)[0].mean())
                    self.history.eval_step.append(self.step)
                    self.history.eval_seconds.append(self.seconds + time.thread_time() - cpu)
                    self.history.eval_score.append(score)
                    self.solved = score >= self.cfg.solved
                self.seconds += time.thread_time() - cpu
                cpu = time.thread_time()
        finally:
            torch.set_num_threads(threads)
            self.wall_seconds += time.perf_counter() - wall

    def test(self, n_per_format: int = 150) -> dict:
        """evaluate() on the held-out dates, data.held_out(n_per_format): never trained on, never used to stop."""
        return evaluate(self.model, data.held_out(n_per_format))

    def summary(self) -> dict:
        """What a run reports: the config (its step budget as max_steps), the steps taken, CPU and wall seconds,
        why it stopped and the held-out result."""
        done = {"steps": self.step, "seconds": round(self.seconds, 2), "wall_seconds": round(self.wall_seconds, 2)}
        config = asdict(self.cfg) | {"max_steps": self.cfg.steps}
        return {"task": "dates", **config, **done, "stopped_by": self.stopped_by, "held_out": self.test()}


def train(cfg: Config, report=None) -> Trainer:
    """Train to the end of the budget (or until solved); ``report(trainer)`` after every round of eval_every steps."""
    trainer = Trainer(cfg)
    while not trainer.done:
        trainer.run(trainer.cfg.eval_every)
        if report:
            report(trainer)
    return trainer


def train_reporting(cfg: Config, conn, every: int = 20) -> None:
    """Train in a process of its own (the translation page's Train again), reporting through the connection
    ``conn``: ("progress", step, CPU seconds, latest validation score or None) every ``every`` updates, then
    ("testing",), then ("done", weights as numpy by state-dict name, summary); or ("failed", why)."""
    try:
        trainer = Trainer(cfg)
        while not trainer.done:
            trainer.run(every)
            score = trainer.history.eval_score[-1] if trainer.history.eval_score else None
            conn.send(("progress", trainer.step, trainer.seconds, score))
        conn.send(("testing",))
        summary = trainer.summary()
        conn.send(("done", {k: v.detach().numpy() for k, v in trainer.model.state_dict().items()}, summary))
    except Exception as e:  # said to the page, whatever it is
        conn.send(("failed", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


# ---- checkpoints: checkpoints/dates-<kind>[-bi][-noattn].safetensors ----


def path_for(kind: str, bidirectional: bool = True, attention: bool = True, directory: Path | None = None) -> Path:
    """The shipped file of one model, e.g. checkpoints/dates-gru-bi.safetensors."""
    name = f"dates-{kind}{'-bi' if bidirectional else ''}{'' if attention else '-noattn'}.safetensors"
    return Path(directory or DIR) / name


def save(trainer: Trainer, result: dict, path: str | Path) -> Path:
    """Write the trained weights (rnnviz's state-dict names), the vocabularies, sizes, seed and held-out result."""
    spec = trainer.model.spec
    tensors = {k: v.detach().contiguous() for k, v in trainer.model.state_dict().items()}
    meta = {"format": FORMAT, "task": "dates", **asdict(spec), "seed": trainer.cfg.seed, "steps": trainer.step}
    meta["result"] = result  # kind, in_vocab, out_vocab, embed, hidden, bidirectional, attention: the Spec
    return checkpoints.write(tensors, {k: json.dumps(v, ensure_ascii=False) for k, v in meta.items()}, path)


@dataclass
class DatesCheckpoint:
    """A trained translator as rnnviz's Seq2Seq (frozen), and its metadata (``result`` is the held-out result)."""

    model: Seq2Seq
    meta: dict


def load(path: str | Path) -> DatesCheckpoint:
    """A checkpoint file as rnnviz's Seq2Seq; CheckpointError for anything that is not one."""
    path = Path(path)
    fix = "re-create it with python benchmarks/bench_dates.py --checkpoints"
    tensors, raw = checkpoints.read(path, fix)
    try:
        meta = {k: json.loads(v) for k, v in raw.items()}
        if meta.get("format") != FORMAT:
            raise ValueError(f"format is {meta.get('format')!r}, expected {FORMAT!r}")
        spec = Spec(**{f.name: meta[f.name] for f in fields(Spec)})
        spec = replace(spec, in_vocab=tuple(spec.in_vocab), out_vocab=tuple(spec.out_vocab))
        if spec.kind not in LAYERS:
            raise ValueError(f"unknown cell kind {spec.kind!r}")
        model = Seq2Seq(spec)
        model.load_state_dict(tensors)
    except (KeyError, TypeError, ValueError, RuntimeError) as e:  # missing fields or tensors, wrong shapes
        raise CheckpointError(f"checkpoint file {path.name} does not hold a date translator ({e}); {fix}") from e
    return DatesCheckpoint(model.requires_grad_(False).eval(), meta)


def _progress_line(tr: Trainer) -> str:
    score = tr.history.eval_score[-1] if tr.history.eval_score else math.nan
    return (
        f"step {tr.step:4d}/{tr.cfg.steps}  loss {tr.history.loss[-1]:.4f}  validation exact match "
        f"{score:.3f}  |grad| {tr.history.grad_norm[-1]:.3g}  {tr.seconds:.1f} s CPU"
    )


def main(argv: list[str] | None = None) -> dict:
    """Train one model; progress on stderr, then ONE JSON line with the summary (held-out result) on stdout."""
    p = argparse.ArgumentParser(prog="python -m rnnviz.dates", description=__doc__.splitlines()[0])
    d = Config()
    p.add_argument("--cell", default=d.cell, choices=list(LAYERS))
    p.add_argument("--bidirectional", action=argparse.BooleanOptionalAction, default=d.bidirectional)
    p.add_argument("--attention", action=argparse.BooleanOptionalAction, default=d.attention)
    for f in fields(Config):
        if f.name not in ("cell", "bidirectional", "attention"):
            kind = int if f.name in ("steps", "hidden") else type(getattr(d, f.name))
            p.add_argument("--" + f.name.replace("_", "-"), type=kind, default=getattr(d, f.name))
    p.add_argument("--save", default=None, help="write a safetensors checkpoint to this path")
    args = vars(p.parse_args(argv))
    save_to = args.pop("save")
    try:
        trainer = train(Config(**args), report=lambda tr: print(_progress_line(tr), file=sys.stderr, flush=True))
    except ValueError as e:
        p.error(str(e))
    result = trainer.summary()
    if save_to:
        save(trainer, result, save_to)
        result["checkpoint"] = str(save_to)
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
