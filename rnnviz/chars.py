r"""Text generation: a character-level RNN, LSTM or GRU, trained many to many and sampled one to many.

    x_t = onehot(c_t) (V) -> cell -> y_t = V h_t + b (rnnviz.readout.Readout) -> p(c_{t+1} | c_1 .. c_t) = softmax(y_t)

Training uses the fused torch.nn modules; every number a page shows (next-character probabilities,
unit activations, samples, bits per character) comes from rnnviz's own cells loaded with the same
weights (``to_model``), and the tests hold the two to each other.

The text is the generated corpus of rnnviz.corpus (nothing downloaded, no outside text), or text
the user pastes (at most corpus.MAX_CHARS characters, its last tenth held out); characters outside
the vocabulary are read as corpus.UNKNOWN, and samples never produce it.

Scores are bits per character on held-out text: the mean of -log2 p(c_{t+1} | c_1 .. c_t) over
c_2 .. c_T, read in one pass from the zero state, next to the unigram baseline
(corpus.unigram_bits: the training text's character frequencies, no context).

    python -m rnnviz.chars --cell lstm --seconds 60
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import checkpoints, corpus, rounds
from .cells import make_cell
from .checkpoints import DIR, CheckpointError
from .corpus import encode, known_words, unigram_bits, vocabulary
from .readout import Readout

FORMAT = "rnnviz-chars-1"
KINDS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}  # the fused torch.nn module of each cell kind
LOG2 = float(np.log(2))
UNIT_TEXT = (8000, 7)  # length and corpus seed of the text the unit search reads (no model trained on it)


# ---- models: torch.nn for training, rnnviz cells for everything shown ----


class Net(nn.Module):
    """torch.nn recurrent layer over one-hot characters, then the readout."""

    def __init__(self, kind: str, vocab_size: int, hidden: int):
        super().__init__()
        self.kind, self.vocab_size = kind, vocab_size
        self.rnn = KINDS[kind](vocab_size, hidden)
        self.head = Readout(hidden, vocab_size)

    def forward(self, ids: torch.Tensor, state=None):
        """ids (T, B) -> logits (T, B, V) and the final state."""
        out, state = self.rnn(nn.functional.one_hot(ids, self.vocab_size).float(), state)
        return self.head(out), state


@dataclass
class Model:
    """A trained character model as rnnviz shows it: its cell, readout, vocabulary and metadata."""

    cell: nn.Module  # an rnnviz cell (make_cell)
    head: Readout
    vocab: str
    meta: dict = field(default_factory=dict)


def to_model(net: Net, vocab: str, meta: dict | None = None) -> Model:
    """An rnnviz cell and readout holding exactly the weights of net."""
    cell = make_cell(net.kind, net.vocab_size, net.rnn.hidden_size)
    cell.load_state_dict(net.rnn.state_dict())
    head = Readout(net.rnn.hidden_size, net.vocab_size)
    head.load_state_dict(net.head.state_dict())
    return Model(cell.requires_grad_(False), head.requires_grad_(False), vocab, meta or {})


def _inputs(model: Model, text: str) -> torch.Tensor:
    if not text:
        raise ValueError("the text is empty")
    return nn.functional.one_hot(torch.from_numpy(encode(text, model.vocab)), len(model.vocab)).float()


@torch.no_grad()
def logits(model: Model, text: str) -> torch.Tensor:
    """(T, V): y_t after reading text[: t + 1], the scores of the next character."""
    return model.head(model.cell(_inputs(model, text)).hidden)


def _softmax(y: torch.Tensor, temperature: float) -> np.ndarray:
    """softmax(y / temperature) in float64; temperature <= 0 is its limit, one-hot at the argmax."""
    y = y.double()
    if temperature <= 0:
        return nn.functional.one_hot(y.argmax(-1), y.shape[-1]).double().numpy()
    return torch.softmax(y / temperature, dim=-1).numpy()


def probabilities(model: Model, text: str, temperature: float = 1.0) -> np.ndarray:
    """(T, V): row t is the distribution of the character after text[t]; rows sum to 1."""
    return _softmax(logits(model, text), temperature)


def next_chars(model: Model, text: str, top: int = 5, temperature: float = 1.0) -> list[list[tuple[str, float]]]:
    """After each character of text, the ``top`` likeliest next characters with their probabilities."""
    p = probabilities(model, text, temperature)
    order = np.argsort(-p, axis=1, kind="stable")[:, :top]
    return [[(model.vocab[j], float(p[t, j])) for j in row] for t, row in enumerate(order)]


@torch.no_grad()
def activations(model: Model, text: str, state: str = "hidden") -> np.ndarray:
    """(T, H): every unit after each character; state "hidden" (h_t) or "cell" (c_t, LSTM only)."""
    run = model.cell(_inputs(model, text))
    if state == "cell" and run.cell is None:
        raise ValueError(f"a {model.cell.kind} has no cell state; use state='hidden'")
    return (run.cell if state == "cell" else run.hidden).numpy()


@torch.no_grad()
def sample(model: Model, start: str, length: int, temperature: float = 1.0, seed: int = 0) -> str:
    """start + ``length`` characters drawn one at a time, each fed back in (one to many); the same
    seed gives the same text. An empty start begins at a line break."""
    rng, cell, V = np.random.default_rng(seed), model.cell, len(model.vocab)
    x = _inputs(model, start or "\n")
    state = cell.initial_state()
    for x_t in x:
        step = cell.step(x_t, state)
        state = cell.state_of(step)
    out = []
    for _ in range(length):
        y = model.head(step.h)
        y[0] = -torch.inf  # never UNKNOWN
        p = _softmax(y, temperature)
        j = int(rng.choice(V, p=p / p.sum()))
        out.append(model.vocab[j])
        step = cell.step(nn.functional.one_hot(torch.tensor(j), V).float(), state)
        state = cell.state_of(step)
    return start + "".join(out)


# ---- scores ----


def bits_per_char(model: Model, text: str) -> float:
    """Mean -log2 p(c_{t+1} | c_1 .. c_t) over text[1:], one pass from the zero state."""
    ids = torch.from_numpy(encode(text, model.vocab))
    return float(nn.functional.cross_entropy(logits(model, text)[:-1].double(), ids[1:])) / LOG2


@torch.no_grad()
def net_bits_per_char(net: Net, ids: torch.Tensor) -> float:
    """bits_per_char computed by the fused torch.nn module (fast, for training); ids (T,)."""
    return float(nn.functional.cross_entropy(net(ids[:, None])[0][:-1, 0].double(), ids[1:])) / LOG2


def find_unit(model: Model, text: str, feature: str, state: str = "hidden", min_r: float = 0.5) -> dict:
    """The unit of h_t (or the LSTM's c_t) that best tracks a feature of text, and how well (corpus.track)."""
    return {"state": state, **corpus.track(activations(model, text, state), text, feature, min_r)}


# ---- training: rounds of truncated backpropagation through time ----


@dataclass(frozen=True)
class Config:
    """Everything that decides a training run; an empty ``text`` means the generated corpus.
    Seconds are CPU time (a busy shared machine does not cut training short) and still depend on
    the machine's speed; a steps budget replays a run exactly."""

    cell: str = "lstm"
    seed: int = 0
    hidden: int = 64  # <= 64 keeps a checkpoint small
    seq: int = 100  # characters per update, the truncation of backpropagation through time
    batch: int = 32  # parallel streams through the training text, each carrying its state
    lr: float = 3e-3
    clip: float = 1.0  # global gradient-norm threshold
    seconds: float | None = 60.0  # budget of CPU seconds spent in updates; None: only steps decide
    steps: int | None = None  # budget of updates; None: only seconds decide
    round_steps: int = 100  # updates between two reports
    sample_length: int = 200
    temperature: float = 0.7  # of the sample after each round
    text: str = ""

    def __post_init__(self):
        if self.cell not in KINDS:
            raise ValueError(f"unknown cell {self.cell!r}; choose from {', '.join(KINDS)}")
        if self.seconds is None and self.steps is None:
            raise ValueError("give a budget: seconds, steps or both")
        if min(self.hidden, self.seq, self.batch, self.round_steps) < 1:
            raise ValueError("hidden, seq, batch and round_steps must be >= 1")


@dataclass
class History(rounds.History):
    """rounds.History (the loss in bits per character), and per round, round 0 being the untrained model:
    update seconds so far, held-out bits per character and a sample."""

    round_seconds: list[float] = field(default_factory=list)
    held_out: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)


class Trainer(rounds.Rounds):
    """One model in training (rnnviz.rounds): truncated backpropagation through time along cfg.batch
    streams of the training text, each carrying its state from one update to the next."""

    loss_unit = 1 / LOG2  # the loss recorded in bits per character

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.train_text, self.held_text = corpus.split(cfg.text)
        self.vocab = vocabulary(self.train_text)
        ids = encode(self.train_text, self.vocab)
        ids = np.roll(ids, -int(np.random.default_rng(cfg.seed).integers(len(ids))))  # each seed starts elsewhere
        n = len(ids) // cfg.batch
        if n < cfg.seq + 1:
            raise ValueError(f"the training text is too short for {cfg.batch} streams of {cfg.seq + 1} characters")
        self.streams = torch.from_numpy(ids[: n * cfg.batch].reshape(cfg.batch, n).T.copy())  # (n, B)
        self.held_ids = torch.from_numpy(encode(self.held_text, self.vocab))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(cfg.seed)
            self.net = Net(cfg.cell, len(self.vocab), cfg.hidden)
        self.pos, self.state = 0, None
        super().__init__(self.net.parameters(), History(), **rounds.budget(cfg))
        self.end_round()  # round 0: the untrained model

    def loss(self) -> torch.Tensor:
        """Cross-entropy on the next seq characters of every stream, the state carried over (detached)."""
        if self.pos + self.cfg.seq + 1 > len(self.streams):  # end of the text: start again from zero
            self.pos, self.state = 0, None
        chunk = self.streams[self.pos : self.pos + self.cfg.seq + 1]
        self.pos += self.cfg.seq
        y, state = self.net(chunk[:-1], self.state)
        self.state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
        return nn.functional.cross_entropy(y.reshape(-1, y.shape[-1]), chunk[1:].reshape(-1))

    def evaluate(self) -> None:
        h = self.history
        h.round_seconds.append(round(self.seconds, 3))
        h.held_out.append(net_bits_per_char(self.net, self.held_ids))
        h.samples.append(sample(self.model(), "", self.cfg.sample_length, self.cfg.temperature, self.cfg.seed))

    def model(self) -> Model:
        """The model as it is now, in rnnviz cells."""
        return to_model(self.net, self.vocab, {"cell": self.cfg.cell, "seed": self.cfg.seed})

    def summary(self) -> dict:
        """What a run reports: held-out bits per character against the unigram's, and samples before and after."""
        c, h = self.cfg, self.history
        unigram = unigram_bits(self.train_text, self.held_text, self.vocab)
        return {
            "task": "chars",
            "cell": c.cell,
            "seed": c.seed,
            "hidden": c.hidden,
            "corpus": "pasted" if c.text else "generated",
            "vocab_size": len(self.vocab),
            "steps": self.step,
            "seconds": round(self.seconds, 2),
            "wall_seconds": round(self.wall, 2),
            "bits_per_char": round(h.held_out[-1], 4),
            "unigram_bits": round(unigram, 4),
            "margin": round(unigram - h.held_out[-1], 4),
            "untrained_bits": round(h.held_out[0], 4),
            "known_words": round(known_words(h.samples[-1], self.train_text), 3),
            "untrained_known_words": round(known_words(h.samples[0], self.train_text), 3),
            "sample": h.samples[-1],
            "untrained_sample": h.samples[0],
            "lr": c.lr,
            "batch": c.batch,
            "seq": c.seq,
            "threads": torch.get_num_threads(),
        }


def train(cfg: Config, report=None) -> Trainer:
    """Train round by round until a budget ends; ``report(trainer)`` after every round."""
    return rounds.train(Trainer(cfg), report)


def train_reporting(cfg: Config, conn) -> None:
    """Train in a process of its own (the generation page's Train), reporting through the connection ``conn``:
    ("round", step, CPU seconds, the round's losses, held-out bits per character, sample) for round 0 (the
    untrained model) and after every round, then ("done", weights as numpy by Net state-dict name, vocabulary,
    summary); or ("failed", why)."""

    def report(tr: Trainer, start: int) -> None:
        h = tr.history
        conn.send(("round", tr.step, tr.seconds, h.loss[start:], h.held_out[-1], h.samples[-1]))

    try:
        trainer = Trainer(cfg)
        report(trainer, 0)
        while not trainer.done:
            start = trainer.step
            trainer.run_round()
            report(trainer, start)
        weights = {k: v.detach().numpy() for k, v in trainer.net.state_dict().items()}
        conn.send(("done", weights, trainer.vocab, trainer.summary()))
    except Exception as e:  # said to the page, whatever it is
        conn.send(("failed", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def from_weights(kind: str, weights: dict, vocab: str, meta: dict | None = None) -> Model:
    """The model train_reporting sent: Net state-dict weights (numpy) in rnnviz cells."""
    net = Net(kind, len(vocab), weights["rnn.weight_hh_l0"].shape[1])
    net.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
    return to_model(net, vocab, meta)


# ---- checkpoints ----


def path_for(kind: str, directory: Path | None = None) -> Path:
    """The shipped file of a cell kind: checkpoints/chars-<kind>.safetensors."""
    return Path(directory or DIR) / f"chars-{kind}.safetensors"


def save(trainer: Trainer, path: str | Path) -> Path:
    """The trained weights, the vocabulary, the config (without the text) and the held-out results."""
    net = trainer.net
    tensors = {f"rnn.{k}": v.detach().contiguous() for k, v in net.rnn.state_dict().items()}
    tensors |= {f"head.{k}": v.detach().contiguous() for k, v in net.head.state_dict().items()}
    cfg = {k: v for k, v in asdict(trainer.cfg).items() if k != "text"}
    meta = {
        "format": FORMAT,
        "cell": trainer.cfg.cell,
        "vocab": json.dumps(trainer.vocab),
        "hidden": str(trainer.cfg.hidden),
        "seed": str(trainer.cfg.seed),
        "config": json.dumps(cfg),
        "result": json.dumps(trainer.summary()),
    }
    return checkpoints.write(tensors, meta, path)


def load(path: str | Path) -> Model:
    """A saved character model in rnnviz cells; anything wrong raises CheckpointError."""
    path, remedy = Path(path), "python benchmarks/bench_chars.py --checkpoints"
    tensors, raw = checkpoints.read(path, f"re-create it with {remedy}")
    try:
        if raw.get("format") != FORMAT:
            raise ValueError(f"format is {raw.get('format')!r}, expected {FORMAT!r}")
        vocab = json.loads(raw["vocab"])
        net = Net(raw["cell"], len(vocab), int(raw["hidden"]))
        net.rnn.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("rnn.")})
        net.head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
        meta = {
            **raw,
            "seed": int(raw["seed"]),
            "hidden": int(raw["hidden"]),
            "vocab": vocab,
            "config": json.loads(raw["config"]),
            "result": json.loads(raw["result"]),
        }
    except (KeyError, ValueError, RuntimeError) as e:  # missing fields or tensors, wrong shapes
        raise CheckpointError(f"checkpoint file {path.name} does not hold an rnnviz character model ({e})") from e
    return to_model(net, vocab, meta)


def shipped(kind: str) -> Model:
    """The shipped model of a cell kind (trained 60 s on the generated corpus, seed 0)."""
    return load(path_for(kind))


def _run(args: dict, report) -> Trainer:
    text_file = args.pop("text_file")
    text = Path(text_file).read_text(encoding="utf-8") if text_file else ""
    return train(Config(**args, text=text), report)


def _progress(tr: Trainer) -> str:
    h = tr.history
    return f"step {tr.step:5d}  {tr.seconds:6.1f} s  loss {h.loss[-1]:.3f}  held-out {h.held_out[-1]:.3f} bits/char"


def main(argv: list[str] | None = None) -> dict:
    """Train one model (progress on stderr) and print one JSON line with the held-out result."""
    p = argparse.ArgumentParser(prog="python -m rnnviz.chars", description=__doc__.splitlines()[0])
    rounds.config_options(p, Config(), skip=("text",))
    p.add_argument("--text-file", help=f"train on this UTF-8 text (at most {corpus.MAX_CHARS:,} characters)")
    return rounds.main(p, argv, _run, save, _progress)


if __name__ == "__main__":
    main()
