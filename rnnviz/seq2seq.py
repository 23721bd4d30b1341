r"""An encoder-decoder with attention, from rnnviz's own cells (Luong et al. 2015: global attention, general score).

The encoder reads the input characters, one way or both ways; the decoder starts from the encoder's last state
and writes one output character per step, looking back at every input position through the attention weights:

    x_j = E_{in} \mathrm{onehot}(\mathrm{char}_j)
    \overrightarrow{h}_j = \mathrm{cell}_{fwd}(x_j, \overrightarrow{h}_{j-1})
    \overleftarrow{h}_j = \mathrm{cell}_{bwd}(x_j, \overleftarrow{h}_{j+1})
    h_j = [\overrightarrow{h}_j; \overleftarrow{h}_j]
    s_0 = [\overrightarrow{h}_{T_{in}}; \overleftarrow{h}_1]
    s_t = \mathrm{cell}_{dec}(E_{out} \mathrm{onehot}(y_{t-1}), s_{t-1})
    e_{tj} = s_t^\top W_a h_j
    a_{tj} = \exp(e_{tj}) / \sum_k \exp(e_{tk})
    c_t = \sum_j a_{tj} h_j
    \ell_t = V [c_t; s_t] + b
    p(y_t) = \mathrm{softmax}(\ell_t)

y_0 is BOS, and decoding stops after EOS. A one-way encoder has h_j = \overrightarrow{h}_j and
s_0 = \overrightarrow{h}_{T_{in}}; an LSTM's cell states are joined like its h, and attention reads its h only.
Without attention every step gets the same context, c_t = s_0 (Cho et al. 2014): the readout and the
decoder see the input only through the encoder's last state, which must hold the whole date.

``Seq2Seq`` is the model the pages show: rnnviz cells (``make_cell``), one sequence at a time, every
intermediate returned as a value. ``FastSeq2Seq`` is its torch.nn twin for training (fused, padded batches);
both have the same state-dict keys and load each other's weights exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor, nn

from .cells import Cell, Run, Step, make_cell
from .readout import Readout

PAD, BOS, EOS = "<pad>", "<s>", "</s>"  # in_vocab[0] is PAD; out_vocab holds BOS and EOS
MAX_INPUT = 120  # characters; longer inputs are refused (the longest generated date has 74)
MAX_OUTPUT = 12  # decoder steps before greedy decoding gives up waiting for EOS
LAYERS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}  # the fused torch.nn layer of each cell kind


def equations(attention: bool = True, bidirectional: bool = True) -> list[str]:
    """The module docstring's equations, one LaTeX ``lhs = rhs`` line each, for the model a page shows."""
    lines = [line.strip() for line in __doc__.splitlines() if line.startswith("    ") and " = " in line]
    if not bidirectional:
        one_way = {"h_j": r"h_j = \overrightarrow{h}_j", "s_0": r"s_0 = \overrightarrow{h}_{T_{in}}"}
        lines = [one_way.get(line.split(" = ")[0], line) for line in lines if not line.startswith(r"\overleftarrow")]
    if not attention:
        lines = [r"c_t = s_0" if line.startswith("c_t") else line for line in lines if line[:2] not in ("e_", "a_")]
    return lines


class InputError(ValueError):
    """Text the model cannot read (empty, too long, or characters outside its vocabulary), said plainly."""


@dataclass(frozen=True)
class Spec:
    """What fixes a model's shapes; frozen and hashable, so it can key a cache."""

    kind: str  # rnn, lstm or gru: the encoder's cells and the decoder cell
    in_vocab: tuple[str, ...]
    out_vocab: tuple[str, ...]
    embed: int = 16  # character embedding size, input and output
    hidden: int = 32  # per encoder direction
    bidirectional: bool = True
    attention: bool = True

    @property
    def state_size(self) -> int:
        """Size of h_j, and of the decoder's hidden state (s_0 joins the encoder's last states)."""
        return (2 if self.bidirectional else 1) * self.hidden


class Directions(nn.Module):
    """One layer per direction (rnnviz cells, or torch.nn layers in the twin), their parameters registered under
    torch.nn's names (``weight_ih_l0``, ``weight_ih_l0_reverse``, ...): ``load_state_dict`` takes the state dict
    of ``nn.GRU(D, H, bidirectional=True)`` as is."""

    def __init__(self, layers: list[nn.Module]):
        super().__init__()
        self.layers = tuple(layers)  # a tuple: the layers are not submodules, their (shared) parameters are
        for layer, suffix in zip(self.layers, ("", "_reverse")[: len(self.layers)], strict=True):
            for name, p in layer.named_parameters():
                self.register_parameter(name + suffix, p)


class Encoder(Directions):
    """The encoder on rnnviz cells: make_cell per direction."""

    def __init__(self, kind: str, input_size: int, hidden_size: int, bidirectional: bool, seed: int = 0):
        super().__init__([make_cell(kind, input_size, hidden_size, seed=seed + k) for k in range(1 + bidirectional)])

    def forward(self, x: Tensor) -> tuple[Run, ...]:
        """x (T, D) -> one Run per direction, each in input order (the backward run's hidden[j] is h<-_j)."""
        runs = [self.layers[0](x)]
        if len(self.layers) == 2:
            back = self.layers[1](x.flip(0))
            cell, gates = (
                None if back.cell is None else back.cell.flip(0),
                {k: v.flip(0) for k, v in back.gates.items()},
            )
            runs.append(Run(back.hidden.flip(0), cell, gates))
        return tuple(runs)


@dataclass
class Encoding:
    """The encoder's reading of one input: h_j (T_in, 2H or H), s_0, and each direction's Run (input order)."""

    states: Tensor
    initial: tuple[Tensor, ...]  # s_0: (h,) or (h, c)
    runs: tuple[Run, ...]


@dataclass
class DecoderStep:
    """One output step: the decoder cell's Step (s_t and its gates), a_t (T_in,) (None without attention),
    c_t (2H,) (s_0's h without attention) and the logits (n_out,)."""

    cell: Step
    attention: Tensor | None
    context: Tensor | None
    logits: Tensor

    @property
    def probs(self) -> Tensor:
        return torch.softmax(self.logits, dim=-1)


@dataclass
class Translation:
    """Greedy decoding of one input: the output before EOS and, per step, the attention row, p(y_t) and the choice."""

    text: str  # the input as read (whitespace collapsed)
    output: str
    finished: bool  # EOS came within MAX_OUTPUT steps
    tokens: list[str]  # the character chosen at each step, EOS included
    attention: np.ndarray | None  # (T_out, T_in), rows sum to 1
    probs: np.ndarray  # (T_out, n_out)
    steps: list[DecoderStep]
    encoding: Encoding


class Seq2Seq(nn.Module):
    """The model of the module docstring on rnnviz cells, for one unpadded sequence at a time."""

    def __init__(self, spec: Spec, seed: int = 0):
        super().__init__()
        self.spec = spec
        self.embed_in = nn.Embedding(len(spec.in_vocab), spec.embed)
        self.encoder = Encoder(spec.kind, spec.embed, spec.hidden, spec.bidirectional, seed)
        self.embed_out = nn.Embedding(len(spec.out_vocab), spec.embed)
        self.decoder: Cell = make_cell(spec.kind, spec.embed, spec.state_size, seed=seed + 2)
        if spec.attention:
            self.attention = nn.Linear(spec.state_size, spec.state_size, bias=False)  # W_a
        self.readout = Readout(2 * spec.state_size, len(spec.out_vocab))
        self._index = {ch: i for i, ch in enumerate(spec.in_vocab)}

    def ids(self, text: str) -> Tensor:
        """The input's character ids (T_in,), after collapsing whitespace; InputError if it cannot be read."""
        text = " ".join(text.split())
        if not text:
            raise InputError("the input is empty: type a date, e.g. 3 March 2021 or 2021年3月3日")
        if len(text) > MAX_INPUT:
            raise InputError(f"the input has {len(text)} characters; the model reads at most {MAX_INPUT}")
        unknown = sorted({ch for ch in text if ch not in self._index})
        if unknown:
            raise InputError(
                f"the model never saw {' '.join(map(repr, unknown))}; it reads only: " + "".join(self.spec.in_vocab[1:])
            )
        return torch.tensor([self._index[ch] for ch in text])

    def encode(self, src: Tensor) -> Encoding:
        """Read src ids (T_in,): h_j for every position and the decoder's start s_0."""
        runs = self.encoder(self.embed_in(src))
        states = torch.cat([r.hidden for r in runs], dim=-1)
        h0 = torch.cat([runs[0].hidden[-1]] + [r.hidden[0] for r in runs[1:]], dim=-1)
        if runs[0].cell is None:
            return Encoding(states, (h0,), runs)
        c0 = torch.cat([runs[0].cell[-1]] + [r.cell[0] for r in runs[1:]], dim=-1)
        return Encoding(states, (h0, c0), runs)

    def step(self, y_prev: int, state: tuple[Tensor, ...], enc: Encoding) -> DecoderStep:
        """s_t from y_{t-1} and s_{t-1}; then a_t, c_t and the logits."""
        out = self.decoder.step(self.embed_out.weight[y_prev], state)
        if not self.spec.attention:
            return DecoderStep(out, None, enc.initial[0], self.readout(torch.cat([enc.initial[0], out.h], dim=-1)))
        scores = self.attention(enc.states) @ out.h  # e_tj = s_t^T W_a h_j, (T_in,)
        a = torch.softmax(scores, dim=-1)
        context = a @ enc.states
        return DecoderStep(out, a, context, self.readout(torch.cat([context, out.h], dim=-1)))

    def forward(self, src: Tensor, tgt_in: Tensor) -> tuple[Tensor, Tensor | None]:
        """Teacher forcing: logits (T_out, n_out) and attention (T_out, T_in) (None without) given y_0 .. y_{T-1}."""
        enc, steps = self.encode(src), []
        state = enc.initial
        for y in tgt_in.tolist():
            steps.append(self.step(y, state, enc))
            state = self.decoder.state_of(steps[-1].cell)
        attention = torch.stack([s.attention for s in steps]) if self.spec.attention else None
        return torch.stack([s.logits for s in steps]), attention

    @torch.no_grad()
    def translate(self, text: str, max_steps: int = MAX_OUTPUT) -> Translation:
        """Greedy decoding: at each step the most probable character is fed back in, until EOS."""
        src = self.ids(text)
        vocab = self.spec.out_vocab
        enc, y, steps, tokens = self.encode(src), vocab.index(BOS), [], []
        state = enc.initial
        while len(steps) < max_steps and (not tokens or tokens[-1] != EOS):
            steps.append(self.step(y, state, enc))
            state, y = self.decoder.state_of(steps[-1].cell), int(steps[-1].logits.argmax())
            tokens.append(vocab[y])
        finished = tokens[-1] == EOS
        output, probs = "".join(tokens[:-1] if finished else tokens), np.stack([s.probs.numpy() for s in steps])
        attention = np.stack([s.attention.numpy() for s in steps]) if self.spec.attention else None
        return Translation(" ".join(text.split()), output, finished, tokens, attention, probs, steps, enc)


def _run_to_lengths(layer: nn.Module, x: Tensor, lengths: Tensor) -> tuple[Tensor, tuple[Tensor, ...]]:
    """A one-way torch.nn layer over right-padded x (T, B, D): outputs (T, B, H), valid where t < length, and
    the state ((h,) or (h, c), each (1, B, H)) at each sequence's own last step. It runs in pieces that end at
    each length, as packed sequences would, whose backward pass on CPU costs time quadratic in T."""
    state, outputs, final, start = None, [], None, 0
    for end in torch.unique(lengths).tolist():  # sorted
        out, state = layer(x[start:end], state)
        outputs.append(out)
        parts = state if isinstance(state, tuple) else (state,)
        ends = (lengths == end)[None, :, None]
        final = parts if final is None else tuple(torch.where(ends, p, f) for p, f in zip(parts, final, strict=True))
        start = end
    return torch.cat(outputs), final


def _reverse_within(x: Tensor, lengths: Tensor) -> Tensor:
    """Each sequence of right-padded x (T, B, ...) reversed within its own length; padding stays at the end."""
    t = torch.arange(x.shape[0])[:, None]
    index = torch.where(t < lengths, lengths - 1 - t, t)  # (T, B); its own inverse
    return x[index, torch.arange(x.shape[1])]


class FastEncoder(Directions):
    """The encoder on fused torch.nn layers, for right-padded batches."""

    def __init__(self, kind: str, input_size: int, hidden_size: int, bidirectional: bool):
        super().__init__([LAYERS[kind](input_size, hidden_size) for _ in range(1 + bidirectional)])

    def forward(self, x: Tensor, lengths: Tensor) -> tuple[Tensor, tuple[Tensor, ...]]:
        """x (T, B, D) -> h_j (T, B, 2H or H) (zeros past each length) and s_0 ((h,) or (h, c), each (1, B, 2H))."""
        out, final = _run_to_lengths(self.layers[0], x, lengths)
        outs, finals = [out], [final]
        if len(self.layers) == 2:
            back, final = _run_to_lengths(self.layers[1], _reverse_within(x, lengths), lengths)
            outs.append(_reverse_within(back, lengths))
            finals.append(final)
        valid = (torch.arange(x.shape[0])[:, None] < lengths)[..., None]
        states = torch.cat(outs, dim=-1) * valid
        return states, tuple(torch.cat(parts, dim=-1) for parts in zip(*finals, strict=True))


class FastSeq2Seq(nn.Module):
    """The same model on fused torch.nn layers, for padded batches: src (T_in, B) with PAD = 0, lengths (B,)."""

    def __init__(self, spec: Spec):
        super().__init__()
        self.spec = spec
        self.embed_in = nn.Embedding(len(spec.in_vocab), spec.embed)
        self.encoder = FastEncoder(spec.kind, spec.embed, spec.hidden, spec.bidirectional)
        self.embed_out = nn.Embedding(len(spec.out_vocab), spec.embed)
        self.decoder = LAYERS[spec.kind](spec.embed, spec.state_size)
        if spec.attention:
            self.attention = nn.Linear(spec.state_size, spec.state_size, bias=False)
        self.readout = nn.Linear(2 * spec.state_size, len(spec.out_vocab))

    def encode(self, src: Tensor, lengths: Tensor) -> tuple[Tensor, tuple[Tensor, ...]]:
        """h_j (T_in, B, 2H) and s_0, (h,) or (h, c), each (1, B, 2H)."""
        return self.encoder(self.embed_in(src), lengths)

    def readout_of(self, s: Tensor, states: Tensor, lengths: Tensor, summary: Tensor) -> tuple[Tensor, Tensor | None]:
        """Decoder states s (T_out, B, 2H) -> logits (T_out, B, n_out) and attention (B, T_out, T_in)."""
        if not self.spec.attention:
            return self.readout(torch.cat([summary.expand_as(s), s], dim=-1)), None
        scores = torch.einsum("tbh,jbh->btj", s, self.attention(states))
        padded = torch.arange(states.shape[0])[None, :] >= lengths[:, None]  # (B, T_in)
        a = torch.softmax(scores.masked_fill(padded[:, None, :], float("-inf")), dim=-1)
        context = torch.einsum("btj,jbh->tbh", a, states)
        return self.readout(torch.cat([context, s], dim=-1)), a

    def forward(self, src: Tensor, lengths: Tensor, tgt_in: Tensor) -> tuple[Tensor, Tensor | None]:
        """Teacher forcing over a batch: logits (T_out, B, n_out), attention (B, T_out, T_in) or None."""
        states, s0 = self.encode(src, lengths)
        s, _ = self.decoder(self.embed_out(tgt_in), s0 if len(s0) == 2 else s0[0])  # torch.nn's state: h or (h, c)
        return self.readout_of(s, states, lengths, s0[0])

    @torch.no_grad()
    def greedy(self, src: Tensor, lengths: Tensor, steps: int) -> Tensor:
        """Greedy decoding of a batch for ``steps`` steps: chosen ids (steps, B)."""
        states, s0 = self.encode(src, lengths)
        state = s0 if len(s0) == 2 else s0[0]
        y = torch.full((1, src.shape[1]), self.spec.out_vocab.index(BOS))
        chosen = []
        for _ in range(steps):
            s, state = self.decoder(self.embed_out(y), state)
            y = self.readout_of(s, states, lengths, s0[0])[0].argmax(-1)
            chosen.append(y[0])
        return torch.stack(chosen)
