"""Intent, the seeds' many-to-one example: read a sentence token by token, answer after every token.

    token -> nn.Embedding -> recurrent cell -> Readout (logits = V h_t + b) -> softmax over INTENTS

Training runs the fused torch.nn.RNN / LSTM / GRU. Every number shown (the probabilities after
each token, each token's contribution) comes from rnnviz's own cells, the equations of
rnnviz.cells, loaded with the same weights; the tests hold the two to each other. A text is
read up to MAX_TOKENS tokens, and a token outside the training vocabulary reads as "<unk>".

Training batches mix template sentences with long ones (the deciding word, then 30-50 neutral
tokens). The LSTM and GRU learn to keep that first word; the vanilla RNN, whose gradient fades
over the neutral words, keeps it for only some intents (benchmarks/bench_intent.py, 5 seeds).

    python -m rnnviz.intent --cell lstm --seed 0 [--save PATH]
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import torch
from torch import nn

from . import checkpoints, rounds
from . import intent_data as data
from .cells import Cell, make_cell
from .checkpoints import DIR, CheckpointError
from .readout import Readout

INTENTS = data.INTENTS
MAX_TOKENS = data.MAX_TOKENS
FORMAT = "rnnviz-intent-1"
TORCH_MODULES: dict[str, type[nn.Module]] = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}  # the cell kinds
MEMORY_BLOCK = {"lstm": 1, "gru": 1}  # forget (LSTM) / update (GRU) gate: the second block of weight_ih_l0
# Updates per cell: torch's GRU backward on CPU takes ~5x the LSTM's time per step, and the GRU needs fewer.
STEPS = {"rnn": 1200, "lstm": 1200, "gru": 600}
HINT = "re-create it with python benchmarks/bench_intent.py --checkpoints"


@dataclass(frozen=True)
class Config:
    """Everything that decides a training run (the page, the CLI and the benchmark share these defaults)."""

    cell: str = "lstm"
    seed: int = 0  # initial weights and training batches
    split_seed: int = 0  # which templates are held out; fixed, so every seed is tested on the same ones
    embed: int = 16
    hidden: int = 32
    batch: int = 64
    lr: float = 1e-2  # decays along a cosine to lr / 20, so the last rounds settle
    steps: int | None = None  # None: STEPS[cell]
    clip: float = 1.0  # global gradient-norm threshold
    gate_bias: float = 1.0  # added to the LSTM forget / GRU update gate bias at the start
    eval_every: int = 100  # one round: a page redraws its curves after each
    per_template: int = 30  # distinct training sentences drawn from each training template
    long_neutral: int = 40  # neutral tokens after the deciding word in the long-sentence test
    augment: data.Augment = field(default_factory=data.Augment)  # long sentences, neutral words, <unk>

    def resolved(self) -> Config:
        """A copy with the cell's step budget filled in, after checking names and sizes."""
        if self.cell not in TORCH_MODULES:
            raise ValueError(f"unknown cell {self.cell!r}; choose from {', '.join(TORCH_MODULES)}")
        c = replace(self, steps=self.steps or STEPS[self.cell])
        if min(c.embed, c.hidden, c.batch, c.steps, c.eval_every, c.per_template) < 1:
            raise ValueError("embed, hidden, batch, steps, eval_every and per_template must be >= 1")
        return c


class Net(nn.Module):
    """The trained form: embedding, fused torch.nn recurrent layer, readout of the last real token."""

    def __init__(self, kind: str, vocab_size: int, embed: int, hidden: int, n_outputs: int):
        super().__init__()
        self.kind = kind
        self.embedding = nn.Embedding(vocab_size, embed)
        self.rnn = TORCH_MODULES[kind](embed, hidden)
        self.readout = Readout(hidden, n_outputs)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """ids (T, B) padded after each sentence's end, lengths (B,) -> logits (B, n) after the last token."""
        h = self.rnn(self.embedding(ids))[0]  # (T, B, H); padding comes later, so it never reaches h[length - 1]
        return self.readout(h[lengths - 1, torch.arange(ids.shape[1])])


@dataclass
class History(rounds.History):
    """rounds.History, and per round the held-out-template accuracy (shown, never used to stop) and the
    long-sentence accuracy."""

    eval_score: list[float] = field(default_factory=list)
    eval_long: list[float] = field(default_factory=list)


class Trainer(rounds.Rounds):
    """One model in training (rnnviz.rounds): template and long sentences mixed in every batch, a cosine
    learning-rate schedule, a round every cfg.eval_every updates; no round 0."""

    def __init__(self, cfg: Config):
        self.cfg = c = cfg.resolved()
        self.data = data.dataset(c.split_seed, c.per_template, c.long_neutral)
        self.sampler = data.Sampler(self.data, c.seed, c.augment)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(c.seed)
            self.model = Net(c.cell, len(self.data.vocab), c.embed, c.hidden, len(INTENTS))
        if c.cell in MEMORY_BLOCK and c.gate_bias:
            k = MEMORY_BLOCK[c.cell]
            with torch.no_grad():
                self.model.rnn.bias_ih_l0[k * c.hidden : (k + 1) * c.hidden] += c.gate_bias
        super().__init__(
            self.model.parameters(),
            History(),
            lr=c.lr,
            clip=c.clip,
            steps=c.steps,
            seconds=None,
            round_steps=c.eval_every,
            schedule=lambda k: 0.05 + 0.475 * (1 + math.cos(math.pi * min(k / c.steps, 1.0))),
        )

    def loss(self) -> torch.Tensor:
        """Cross-entropy on a fresh batch: template sentences and, augment.long_share of it, long ones."""
        n_long = round(self.cfg.augment.long_share * self.cfg.batch)
        parts = [self.sampler.draw(self.cfg.batch - n_long, long=False), self.sampler.draw(n_long, long=True)]
        logits = torch.cat([self.model(*data.padded(seqs)) for seqs, _ in parts if seqs])  # padded apart: faster
        return nn.functional.cross_entropy(logits, torch.from_numpy(np.concatenate([y for _, y in parts])))

    @torch.no_grad()
    def correct(self, examples: list[data.Example]) -> np.ndarray:
        """(N,) bool: the answer after the last token is the example's intent."""
        index = self.data.index()
        out = self.model(*data.padded([data.encode(index, ex.tokens) for ex in examples]))
        return (out.argmax(-1) == torch.tensor([INTENTS.index(ex.intent) for ex in examples])).numpy()

    def held_out(self) -> float:
        """Accuracy on the held-out templates, each template counting once (the mean of their accuracies)."""
        ok, names = self.correct(self.data.test), np.array([ex.template for ex in self.data.test])
        return float(np.mean([ok[names == t].mean() for t in dict.fromkeys(names)]))

    def evaluate(self) -> None:
        self.history.eval_score.append(self.held_out())
        self.history.eval_long.append(float(self.correct(self.data.long).mean()))

    def summary(self) -> dict:
        """What a run reports: the config, steps, seconds, held-out and long-sentence accuracy, data sizes."""
        c, d = self.cfg, self.data
        return {
            "task": "intent",
            "cell": c.cell,
            "seed": c.seed,
            "split_seed": c.split_seed,
            "hidden": c.hidden,
            "embed": c.embed,
            "steps": self.step,
            "seconds": round(self.wall + self.eval_wall, 2),  # wall clock, updates and evaluations
            "held_out_accuracy": round(self.history.eval_score[-1], 5),
            "held_out_sentence_accuracy": round(float(self.correct(d.test).mean()), 5),
            "long_accuracy": round(self.history.eval_long[-1], 5),
            "long_neutral": c.long_neutral,
            "baseline": round(1 / len(INTENTS), 5),
            "train_sentences": len(d.train),
            "test_sentences": len(d.test),
            "test_templates": len({ex.template for ex in d.test}),
            "vocab": len(d.vocab),
            "lr": c.lr,
            "gate_bias": c.gate_bias if c.cell in MEMORY_BLOCK else 0.0,
            "threads": torch.get_num_threads(),
        }


def train(cfg: Config, report=None) -> Trainer:
    """Train cfg.steps steps in rounds of cfg.eval_every; ``report(trainer)`` after every round."""
    return rounds.train(Trainer(cfg), report)


# ---- the shown model: rnnviz's own cell with the trained weights ----


@dataclass
class Model:
    """A trained intent model as rnnviz parts: the embedding table, an rnnviz cell and the readout."""

    kind: str
    vocab: tuple[str, ...]  # vocab[0] is <unk>
    embedding: torch.Tensor  # (V, D)
    cell: Cell
    readout: Readout
    meta: dict = field(default_factory=dict)

    def inputs(self, tokens) -> torch.Tensor:
        """(T, D): each token's embedding; the unknown-word vector for a token outside the vocabulary."""
        index = {tok: k for k, tok in enumerate(self.vocab)}
        return self.embedding[torch.tensor(data.encode(index, tokens), dtype=torch.long)]


def from_net(net: Net, vocab, meta: dict | None = None) -> Model:
    """The rnnviz form of a trained Net: make_cell, then load_state_dict of the torch.nn layer's weights."""
    cell = make_cell(net.kind, net.rnn.input_size, net.rnn.hidden_size)
    cell.load_state_dict(net.rnn.state_dict())
    readout = Readout(net.rnn.hidden_size, net.readout.out_features)
    readout.load_state_dict(net.readout.state_dict())
    return Model(
        net.kind,
        tuple(vocab),
        net.embedding.weight.detach().clone(),
        cell.requires_grad_(False),
        readout.requires_grad_(False),
        dict(meta or {}),
    )


@dataclass(frozen=True)
class Reading:
    """A text read token by token: the tokens, and the answer after every one."""

    tokens: tuple[str, ...]
    unknown: tuple[bool, ...]  # read as <unk>
    cut: bool  # the text had more than MAX_TOKENS tokens
    logits: np.ndarray  # (T, len(INTENTS)): V h_t + b
    probs: np.ndarray  # (T, len(INTENTS)): their softmax, float64


def read(model: Model, text: str) -> Reading:
    """Run the rnnviz cell over the text; after every token, the readout and its softmax over INTENTS."""
    tokens, cut = data.read_tokens(text)
    if not tokens:
        return Reading((), (), cut, np.zeros((0, len(INTENTS))), np.zeros((0, len(INTENTS))))
    with torch.no_grad():
        logits = model.readout(model.cell(model.inputs(tokens)).hidden)  # (T, n)
    known = set(model.vocab)
    return Reading(
        tuple(tokens),
        tuple(t not in known for t in tokens),
        cut,
        logits.numpy(),
        torch.softmax(logits.double(), -1).numpy(),
    )


@dataclass(frozen=True)
class Attribution:
    """Each token's contribution to one intent's logit after the last token."""

    tokens: tuple[str, ...]
    intent: str  # "" for an empty text
    scores: np.ndarray  # (T,)
    logit: float


def attribute(model: Model, text: str, intent: str | None = None) -> Attribution:
    """Gradient x input: each token's share in the final logit of ``intent`` (default: the winner).

    scores[k] = sum over d of x_k[d] * dy/dx_k[d], with x_k the embedding of token k and y the logit
    of the intent after the last token. In words: about how much that intent's score would drop if
    the word's vector were taken out (shrunk to zero), to first order. Positive: the word pushed
    towards the intent; negative: away from it. The scores need not add up to y (the bias and the
    curvature of the cell are left out). Computed by torch.autograd through the rnnviz cell.
    """
    if intent is not None and intent not in INTENTS:
        raise ValueError(f"unknown intent {intent!r}; choose from {', '.join(INTENTS)}")
    tokens, _ = data.read_tokens(text)
    if not tokens:
        return Attribution((), intent or "", np.zeros(0), math.nan)
    x = model.inputs(tokens).requires_grad_()
    with torch.enable_grad():
        logits = model.readout(model.cell(x).hidden[-1])
        j = INTENTS.index(intent) if intent else int(logits.argmax())
        (grad,) = torch.autograd.grad(logits[j], x)
    return Attribution(tuple(tokens), INTENTS[j], (grad * x).sum(-1).detach().numpy(), float(logits[j].detach()))


# ---- checkpoints: safetensors (embedding., rnn. in torch.nn's names, readout.), metadata as text ----


def path_for(kind: str, directory: Path | None = None) -> Path:
    """The shipped checkpoint of one cell kind: checkpoints/intent-<kind>.safetensors."""
    return Path(directory or DIR) / f"intent-{kind}.safetensors"


def save(trainer: Trainer, path: str | Path) -> Path:
    """Write a trained model and what it was trained on: format, vocabulary, intents, sizes, seed, result."""
    net, c = trainer.model, trainer.cfg
    tensors = {
        f"{part}.{k}": v.detach().contiguous()
        for part in ("embedding", "rnn", "readout")
        for k, v in getattr(net, part).state_dict().items()
    }
    meta = {
        "format": FORMAT,
        "cell": c.cell,
        "vocabulary": json.dumps(trainer.data.vocab, ensure_ascii=False),
        "intents": json.dumps(INTENTS),
        "embed": c.embed,
        "hidden": c.hidden,
        "seed": c.seed,
        "split_seed": c.split_seed,
        "result": json.dumps(trainer.summary()),
    }
    return checkpoints.write(tensors, {k: str(v) for k, v in meta.items()}, path)


def load(path: str | Path) -> Model:
    """A checkpoint file as a Model; any problem raises CheckpointError saying what to do."""
    path = Path(path)
    tensors, raw = checkpoints.read(path, HINT)
    try:
        if raw.get("format") != FORMAT:
            raise ValueError(f"format is {raw.get('format')!r}, expected {FORMAT!r}")
        vocab, intents = tuple(json.loads(raw["vocabulary"])), tuple(json.loads(raw["intents"]))
        if intents != INTENTS or vocab[:1] != (data.UNK,):
            raise ValueError(f"made for intents {intents} and vocabulary {vocab[:2]}..., not for {INTENTS}")
        net = Net(raw["cell"], len(vocab), int(raw["embed"]), int(raw["hidden"]), len(intents))
        net.load_state_dict(tensors)  # strict: a missing, extra or misshaped tensor raises
        meta = {**raw, "vocabulary": vocab, "intents": intents, "result": json.loads(raw["result"])}
    except (KeyError, ValueError, RuntimeError, TypeError) as e:
        raise CheckpointError(f"{path.name} does not hold an rnnviz intent model ({e}); {HINT}") from e
    return from_net(net, vocab, meta)


def shipped(kind: str) -> Model:
    """The shipped model of one cell kind, read from disk on each call (the page caches; the core does not)."""
    if kind not in TORCH_MODULES:
        raise ValueError(f"unknown cell {kind!r}; choose from {', '.join(TORCH_MODULES)}")
    return load(path_for(kind))


def predict(text: str, kind: str) -> list[dict[str, float]]:
    """One distribution over INTENTS per token read, shipped weights; the last is the answer.

    Empty or all-blank text gives []; any other text gives valid distributions (unknown words read
    as <unk>, at most MAX_TOKENS tokens)."""
    return [dict(zip(INTENTS, map(float, p), strict=True)) for p in read(shipped(kind), text).probs]


def contributions(text: str, kind: str, intent: str | None = None) -> Attribution:
    """Each token's contribution to the final logit of ``intent`` (default: the winner), shipped weights."""
    return attribute(shipped(kind), text, intent)


def _progress(t: Trainer) -> str:
    h = t.history
    return (
        f"step {t.step}/{t.cfg.steps}  loss {h.loss[-1]:.4f}  held-out {h.eval_score[-1]:.4f}  "
        f"long {h.eval_long[-1]:.4f}  {t.wall + t.eval_wall:.1f} s"
    )


def main(argv: list[str] | None = None) -> dict:
    """Train one cell; print one JSON line with the held-out result on stdout (progress on stderr)."""
    p = argparse.ArgumentParser(prog="python -m rnnviz.intent", description=__doc__.splitlines()[0])
    p.add_argument("--cell", default=Config.cell, choices=list(TORCH_MODULES))
    p.add_argument("--seed", type=int, default=Config.seed)
    p.add_argument("--hidden", type=int, default=Config.hidden)
    p.add_argument("--steps", type=int, default=None, help=f"default: the cell's budget, {STEPS}")
    return rounds.main(p, argv, lambda args, report: train(Config(**args), report), save, _progress)


if __name__ == "__main__":
    main()
