"""One settings object for every page, and its round trip through URL query parameters.

Each field's metadata (``spec``) is the table that drives parsing, clamping and the URL:
the field name is the query-parameter name, and only values that differ from the
default are written, so a default view has a clean link. Anything malformed or out of
range is repaired to the nearest valid value and reported as a ``Note``, never raised.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT_CHARS = 20_000  # longer text is cut; the token limit (MAX_STEPS) applies after that
MAX_STEPS = 1000  # longest sequence any page runs


def spec(default: Any, *, lo: float | None = None, hi: float | None = None,
         choices: Sequence[str] | None = None, doc: str = "") -> Any:
    """A dataclass field with its valid range (lo..hi) or choices, and a one-line reason."""
    meta = {"lo": lo, "hi": hi, "choices": tuple(choices) if choices else None, "doc": doc}
    if isinstance(default, tuple):
        return field(default_factory=lambda: default, metadata=meta)
    return field(default=default, metadata=meta)


CELL_KINDS = ("rnn", "lstm", "gru")


@dataclass(frozen=True)
class Settings:
    """Everything a page needs to draw a view; a link carries it as query parameters."""

    # the sequence
    text: str = spec("what time is it?", doc="the sentence read token by token")
    generated: bool = spec(False, doc="read a generated sequence of `length` words instead of the text")
    length: int = spec(50, lo=2, hi=MAX_STEPS, doc="tokens in a generated sequence")
    chars: bool = spec(False, doc="one token per character instead of words and punctuation")
    # the models
    cells: tuple[str, ...] = spec(CELL_KINDS, choices=CELL_KINDS, doc="cell types compared side by side")
    hidden: int = spec(16, lo=1, hi=128, doc="hidden units H; small enough to read a heatmap")
    dim: int = spec(8, lo=1, hi=64, doc="embedding size D of each input token")
    seed: int = spec(0, lo=0, hi=2**31 - 1, doc="draws the weights and the embedding")
    forget_bias: float = spec(0.0, lo=-5.0, hi=5.0, doc="added to the LSTM forget-gate bias")
    update_bias: float = spec(0.0, lo=-5.0, hi=5.0, doc="added to the GRU update-gate bias")
    weights: str = spec("random", doc="'random' (PyTorch init) or the name of a trained checkpoint")
    nonlinearity: str = spec("tanh", choices=("tanh", "relu", "linear"), doc="vanilla RNN activation")
    # step-through page (and the gates page, which steps in sync)
    step: int = spec(0, lo=0, hi=MAX_STEPS, doc="current step, 1-based; 0 means the last one")
    focus: int = spec(1, lo=1, hi=MAX_STEPS, doc="the token whose influence is followed over time")
    # gates page
    unit: int = spec(1, lo=1, hi=128, doc="hidden unit shown in detail on the gates page")
    shade: str = spec("h", choices=("h", "c", "i", "f", "g", "o", "r", "z", "n"),
                      doc="equation symbol whose value colours the text on the gates page")
    # gradients page
    rho: float = spec(0.0, lo=0.0, hi=3.0, doc="spectral radius of W_hh; 0 keeps PyTorch's init")
    input_scale: float = spec(1.0, lo=0.0, hi=10.0, doc="multiplies every input vector")
    clip: float = spec(1.0, lo=0.01, hi=100.0, doc="gradient-clipping threshold (global norm)")
    orthogonal: bool = spec(False, doc="W_hh = rho * (seeded random orthogonal matrix): theory holds exactly")
    # training lab
    task: str = spec("recall", choices=("recall", "adding", "order"), doc="synthetic task (rnnviz.tasks.TASKS)")
    train_length: int = spec(50, lo=2, hi=MAX_STEPS, doc="sequence length of the training task")
    gate_init: float = spec(3.0, lo=0.0, hi=5.0, doc="added to the LSTM forget / GRU update gate bias before training")
    train_steps: int = spec(0, lo=0, hi=20000, doc="update budget per model; 0 means the task's default")
    # the classroom
    lang: str = spec("en", choices=("en", "zh"), doc="interface language")
    teacher: bool = spec(False, doc="hide the controls for projection")
    present: bool = spec(False, doc="large type and thick lines for the back of the room")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (not validated; use from_query for untrusted values)."""
        return dataclasses.replace(self, **changes)

    @property
    def last_step(self) -> bool:
        return self.step == 0


@dataclass(frozen=True)
class Note:
    """A repaired URL value: which field, what came in, what is used, and why."""

    field: str
    raw: str
    value: Any
    reason: str  # one of REASONS


REASONS = ("malformed", "out_of_range", "unknown_choice", "too_long")
FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
DEFAULTS = Settings()


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(raw)


def _parse_number(raw: str) -> float:
    number = float(raw.strip())
    if math.isnan(number):
        raise ValueError(raw)
    return number


def _clamp(name: str, value: float, raw: str, kind: type, notes: list[Note]) -> Any:
    meta = FIELDS[name].metadata
    lo, hi = meta["lo"], meta["hi"]
    clamped = min(max(value, lo), hi)
    clamped = int(round(clamped)) if kind is int else float(clamped)
    if clamped != value:
        notes.append(Note(name, raw, clamped, "out_of_range"))
    return clamped


def _parse_one(name: str, raw: Any, notes: list[Note]) -> Any:
    """The valid value for one field from a raw URL value (str, or list of str)."""
    default = getattr(DEFAULTS, name)
    meta = FIELDS[name].metadata
    if isinstance(default, tuple):
        items = [raw] if isinstance(raw, str) else list(raw)
        items = [i for part in items for i in str(part).split(",") if i != ""]
        items = [i.lower() for i in items]
        kept = tuple(dict.fromkeys(i for i in items if i in meta["choices"]))  # de-duplicated, in order
        if len(kept) != len(set(items)):
            notes.append(Note(name, ",".join(items), kept or default, "unknown_choice"))
        return kept or default
    raw = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
    raw = "" if isinstance(raw, (list, tuple)) else str(raw)
    kind = type(default)
    try:
        if kind is bool:
            return _parse_bool(raw)
        if kind in (int, float):
            return _clamp(name, _parse_number(raw), raw, kind, notes)
    except ValueError:
        notes.append(Note(name, raw[:80], default, "malformed"))
        return default
    if meta["choices"] and raw not in meta["choices"]:
        notes.append(Note(name, raw[:80], default, "unknown_choice"))
        return default
    if len(raw) > MAX_TEXT_CHARS:
        notes.append(Note(name, raw[:80], raw[:MAX_TEXT_CHARS], "too_long"))
        return raw[:MAX_TEXT_CHARS]
    return raw


def from_query(params: Mapping[str, Any]) -> tuple[Settings, list[Note]]:
    """Settings from query parameters (values str or list of str); unknown keys are ignored."""
    notes: list[Note] = []
    values = {name: _parse_one(name, raw, notes) for name, raw in params.items() if name in FIELDS}
    return Settings(**values), notes


def encode(name: str, value: Any) -> str | list[str]:
    """One field's value as URL text (lists as repeated parameters, 5.0 as "5")."""
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


def to_query(settings: Settings) -> dict[str, str | list[str]]:
    """The query parameters of the fields that differ from their defaults."""
    return {
        name: encode(name, getattr(settings, name))
        for name in FIELDS
        if getattr(settings, name) != getattr(DEFAULTS, name)
    }
