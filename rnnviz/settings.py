"""One settings object for every page, its round trip through URL query parameters, and the table
that drives both the URL and the widgets.

``Model`` holds the fields that decide a computation (the inputs and the weights); ``Settings`` adds
how it is viewed (step, page controls, classroom). Each field's metadata (``spec``) is the table:
the field name is the query-parameter name and the widget key, and the spec gives the range, step and
choices the widget offers; only values that differ from the default are written into a link.
Anything malformed or out of range is repaired to the nearest valid value and reported as a
``Note``, never raised. Choices come from the registries (cells, nonlinearities, tasks, languages).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import CELLS, NONLINEARITIES, symbols
from .forecast import SERIES
from .i18n import LANGS
from .tasks import TASKS

MAX_TEXT_CHARS = 20_000  # longer text is cut; the token limit (MAX_STEPS) applies after that
MAX_STEPS = 1000  # longest sequence any page runs
RANDOM = "random"  # ``weights`` for PyTorch's seeded init; anything else names a checkpoint set


def spec(
    default: Any,
    widget: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    step: float | None = None,
    choices: Sequence[str] | None = None,
    per_view: bool = False,
) -> Any:
    """A dataclass field with the widget that sets it, its valid range (lo..hi, in steps of ``step``) or its
    choices. ``per_view``: the widget's upper end is the current sequence's or model's size, not ``hi``."""
    meta = {
        "widget": widget,
        "lo": lo,
        "hi": hi,
        "step": step,
        "choices": tuple(choices) if choices else None,
        "per_view": per_view,
    }
    if isinstance(default, tuple):
        return field(default_factory=lambda: default, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Model:
    """What a computation depends on: the sequence, the cells' sizes and weights. A cache key."""

    # the sequence
    text: str = spec("what time is it?", "text")
    generated: bool = spec(False, "toggle")  # read a generated sequence of `length` words instead of the text
    length: int = spec(50, "slider", lo=2, hi=MAX_STEPS, step=1)
    chars: bool = spec(False, "toggle")  # one token per character instead of words and punctuation
    # the cells
    hidden: int = spec(16, "slider", lo=1, hi=128, step=1)  # small enough to read a heatmap
    dim: int = spec(8, "slider", lo=1, hi=64, step=1)  # embedding size D of each token
    seed: int = spec(0, "number", lo=0, hi=2**31 - 1, step=1)  # draws the weights and the embedding
    forget_bias: float = spec(0.0, "slider", lo=-5.0, hi=5.0, step=0.1)  # added to the LSTM forget-gate bias
    update_bias: float = spec(0.0, "slider", lo=-5.0, hi=5.0, step=0.1)  # added to the GRU update-gate bias
    weights: str = spec(RANDOM, "select")  # RANDOM, or the name of a trained checkpoint set
    nonlinearity: str = spec("tanh", "segmented", choices=tuple(NONLINEARITIES))  # the vanilla RNN's
    rho: float = spec(0.0, "slider", lo=0.0, hi=3.0, step=0.05)  # spectral radius of W_hh; 0 keeps the init
    input_scale: float = spec(1.0, "slider", lo=0.0, hi=10.0, step=0.1)  # multiplies every input vector
    orthogonal: bool = spec(False, "toggle")  # W_hh = rho * (seeded random orthogonal matrix)
    layers: int = spec(1, "slider", lo=1, hi=3, step=1)  # stacked layers, each reading the one below
    bidirectional: bool = spec(False, "toggle")  # a second direction reads the sequence from its end

    def canonical(self) -> Model:
        """The same computation with every field it does not depend on at its default, so that one
        computation has one key: a typed text ignores the length, trained weights bring their own inputs."""
        unused = set()
        if self.weights != RANDOM:
            unused |= {
                "text",
                "generated",
                "length",
                "chars",
                "hidden",
                "dim",
                "nonlinearity",
                "layers",
                "bidirectional",
            }
        elif self.generated:
            unused |= {"text", "chars"}
        else:
            unused.add("length")
        return dataclasses.replace(self, **{name: getattr(MODEL_DEFAULTS, name) for name in unused})

    def one_way(self) -> Model:
        """The same model with one layer read one way: for the views defined for one recurrence (the gates and
        their equations, the clipping and training experiments)."""
        return dataclasses.replace(self, layers=1, bidirectional=False)

    def cells_only(self) -> Model:
        """The fields that decide the cells' weights, with the sequence's at their defaults: the key of
        what does not depend on the sequence (W_hh's spectrum, a training run on a task of its own)."""
        return dataclasses.replace(self.canonical(), **{name: getattr(MODEL_DEFAULTS, name) for name in SEQUENCE})


@dataclass(frozen=True)
class Settings(Model):
    """Everything a page needs to draw a view: the model, and how it is looked at."""

    cells: tuple[str, ...] = spec(tuple(CELLS), "multiselect", choices=tuple(CELLS))  # compared side by side
    # stepping (the step-through and gates pages step in sync)
    step: int = spec(0, "slider", lo=0, hi=MAX_STEPS, step=1, per_view=True)  # 1-based; 0 means the last
    focus: int = spec(1, "slider", lo=1, hi=MAX_STEPS, step=1, per_view=True)  # the token followed over time
    # gates page
    unit: int = spec(1, "number", lo=1, hi=128, step=1, per_view=True)  # the hidden unit shown in detail
    shade: str = spec("h", "radio", choices=symbols())  # whose value colours the text
    # gradients page and training lab
    clip: float = spec(1.0, "number", lo=0.01, hi=100.0, step=0.5)  # gradient-clipping threshold (global norm)
    # training lab
    task: str = spec("recall", "select", choices=tuple(TASKS))
    train_length: int = spec(50, "slider", lo=2, hi=MAX_STEPS, step=1)
    gate_init: float = spec(3.0, "slider", lo=0.0, hi=5.0, step=0.5)  # memory-gate bias before training
    train_steps: int = spec(0, "number", lo=0, hi=20000, step=100)  # update budget per model; 0: the task's
    # translation page (dates in words to ISO dates)
    date_text: str = spec("3 March 2021", "text")  # the date the encoder reads, character by character
    encoder: str = spec("gru", "select", choices=tuple(CELLS))  # the cell of the shipped encoder and decoder
    encoder_bidirectional: bool = spec(True, "toggle")  # the encoder reads both ways (off: left to right only)
    without_attention: bool = spec(True, "toggle")  # also decode with the same cell's model without attention
    # forecast page
    series: str = spec("periodic", "segmented", choices=tuple(SERIES))  # the synthetic series forecast
    series_seed: int = spec(1, "number", lo=0, hi=2**31 - 1, step=1)  # draws the series (0: the models' training one)
    horizon: int = spec(48, "slider", lo=1, hi=200, step=1)  # steps the models run on from their own forecasts
    # text generation page
    start_text: str = spec('The old woman said, "We sang by the river', "text")  # read, then continued
    temperature: float = spec(0.7, "slider", lo=0.0, hi=2.0, step=0.05)  # softmax(y / T); 0 is greedy
    sample_seed: int = spec(0, "number", lo=0, hi=2**31 - 1, step=1)  # draws the sampled continuations
    sample_length: int = spec(200, "slider", lo=10, hi=600, step=10)  # characters sampled after the start
    gen_unit: int = spec(0, "number", lo=0, hi=64, step=1)  # the unit colouring the text; 0: the best found
    gen_state: str = spec("h", "segmented", choices=("h", "c"))  # that unit's h_t, or (LSTM) c_t
    train_seconds: int = spec(20, "slider", lo=5, hi=60, step=5)  # CPU seconds of training per cell
    # the classroom
    lang: str = spec("en", "select", choices=tuple(LANGS))
    teacher: bool = spec(False, "toggle")  # hide the controls for projection
    present: bool = spec(False, "toggle")  # large type and thick lines for the back of the room

    @property
    def model(self) -> Model:
        """The model these settings show, canonical (a cache key)."""
        return Model(**{name: getattr(self, name) for name in MODEL_FIELDS}).canonical()

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (not validated; use from_query for untrusted values)."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Note:
    """A repaired URL value: which field, what came in, what is used, and why
    ("malformed", "out_of_range", "unknown_choice" or "too_long")."""

    field: str
    raw: str
    value: Any
    reason: str


MODEL_FIELDS = tuple(f.name for f in dataclasses.fields(Model))
SEQUENCE = ("text", "generated", "length", "chars", "input_scale")  # the Model fields that decide the inputs
FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
MODEL_DEFAULTS = Model()
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
    clamped = min(max(value, meta["lo"]), meta["hi"])
    clamped = round(clamped) if kind is int else float(clamped)
    if clamped != value:
        notes.append(Note(name, raw, clamped, "out_of_range"))
    return clamped


def _parse_one(name: str, raw: Any, notes: list[Note]) -> Any:
    """The valid value for one field from a raw URL value (str, or list of str)."""
    default = getattr(DEFAULTS, name)
    meta = FIELDS[name].metadata
    if isinstance(default, tuple):
        items = [raw] if isinstance(raw, str) else list(raw)
        items = [i.lower() for part in items for i in str(part).split(",") if i != ""]
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
