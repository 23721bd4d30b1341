"""Named classroom situations, one registry: a page and the settings that differ from the defaults there.

A preset opens from a link (``?preset=vanishing-gradients``) or a lesson stop as a whole view (every other
setting at its default), or from a button or picker on its page (``offered``) as a change of only the
settings it names. The lesson is an ordered path through presets, each stop with a question to predict first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import intent_data
from .settings import DEFAULTS, FIELDS, Settings, to_query
from .text import tokenize

LONG_SENTENCE = (
    "I grew up in France, and after many years abroad, working in different countries "
    "and speaking other languages every day, I still speak fluent French"
)
FRANCE = tokenize(LONG_SENTENCE).index("France") + 1  # the token the lesson's questions follow (1-based)
STAIRS = (
    "The old keys that my grandmother had hidden in the blue box under the stairs before "
    "she moved to the coast many years ago still open the door of the garden shed."
)
ZH_SENTENCE = "我昨天在学校旁边那家很小的书店里买的那本关于海洋动物的书，今天早上被我忘在公共汽车上了。"


@dataclass(frozen=True)
class Preset:
    """A page (its url path), the settings that differ from the defaults there, and where it is offered:
    "examples" (the step-through page's picker of sequences), "gradients" (that page's buttons) or None."""

    page: str
    changes: dict[str, Any] = field(default_factory=dict)
    offered: str | None = None

    def settings(self) -> Settings:
        return DEFAULTS.replace(**self.changes)

    def query(self) -> dict[str, str | list[str]]:
        """The preset as the plain view link it expands to."""
        return to_query(self.settings())


def _sequence(text: str) -> dict[str, Any]:
    return {"text": text, "generated": False, "chars": False}


# a gradient situation: a generated sequence of 200 words, nothing else changed from PyTorch's init
_GRADIENTS = {
    "generated": True,
    "length": 200,
    "orthogonal": False,
    "input_scale": 1.0,
    "forget_bias": 0.0,
    "update_bias": 0.0,
}
# the RNN's situations take W_hh = rho * Q (Q orthogonal): then sigma_max = rho, the bound that holds with tanh is
# the dashed line, and without tanh the gradient is exactly on it
_RNN = {**_GRADIENTS, "cells": ("rnn",), "orthogonal": True}
_VANISHING = {**_RNN, "nonlinearity": "tanh", "rho": 0.9}
_EXPLODING = {**_RNN, "nonlinearity": "linear", "rho": 1.1}

PRESETS: dict[str, Preset] = {
    "what-time": Preset("memory", {"text": "what time is it?", "step": 1}),
    "short-term-memory": Preset("memory", {"text": LONG_SENTENCE, "focus": FRANCE}),
    "vanishing-gradients": Preset("gradients", _VANISHING, "gradients"),
    "exploding-gradients": Preset("gradients", _EXPLODING, "gradients"),
    "edge-of-chaos": Preset("gradients", {**_RNN, "nonlinearity": "tanh", "rho": 1.0}, "gradients"),
    "lstm-keeps-the-gradient": Preset(
        "gradients",
        {**_GRADIENTS, "cells": ("rnn", "lstm"), "nonlinearity": "tanh", "rho": 0.9, "forget_bias": 5.0},
        "gradients",
    ),
    "forget-gate": Preset("gates", {"text": LONG_SENTENCE, "cells": ("lstm",), "forget_bias": 3.0}),
    "trained-vs-untrained": Preset("memory", {"weights": "recall-T50", "cells": ("rnn", "lstm", "gru")}),
    "training-lab": Preset("training", {"task": "recall", "train_length": 50}),
    "lstm-holds-on": Preset("memory", {"generated": True, "length": 50, "forget_bias": 3.0}),
    "short-question": Preset("memory", _sequence("what time is it?"), "examples"),
    "far-apart": Preset("memory", _sequence(STAIRS), "examples"),
    "chinese-sentence": Preset("memory", _sequence(ZH_SENTENCE), "examples"),
    "generated-100": Preset("memory", {"generated": True, "length": 100}, "examples"),
    "generated-500": Preset("memory", {"generated": True, "length": 500}, "examples"),
}


def offered(where: str) -> list[str]:
    """The names of the presets a page offers as its buttons or picker, in the registry's order."""
    return [name for name, preset in PRESETS.items() if preset.offered == where]


@dataclass(frozen=True)
class Stop:
    """One stop of the lesson: the view before the reveal, the view after, and its texts' key."""

    key: str  # texts lesson.<key>.title / .question / .answer
    before: Preset
    after: Preset
    shows: tuple[str, ...]  # the keys (or key prefixes) of the page's elements that answer it: all a projector shows
    trains: bool = False  # the reveal also starts the page's training run


_LONG = {"text": LONG_SENTENCE, "focus": FRANCE}
INTENT_LONG = intent_data.long_example("en").text  # the intent page's long example

_COMPOSITION = ("step", "memory_composition")  # the step controls (students step back) and the circle
_INFLUENCE = ("memory_influence",)
_GRADIENT = ("gradients_norms",)
# each stop builds on the ones before: reading, fading, why it fades (the gradient), the gates that fix it,
# the GRU's one gate, training, then an application
LESSON: list[Stop] = [
    Stop("read", PRESETS["what-time"], Preset("memory", {"text": "what time is it?"}), _COMPOSITION),
    Stop("fade", Preset("memory", {**_LONG, "cells": ("rnn",)}), PRESETS["short-term-memory"], _INFLUENCE),
    Stop("vanish", Preset("gradients", {**_VANISHING, "length": 20}), PRESETS["vanishing-gradients"], _GRADIENT),
    Stop("explode", PRESETS["vanishing-gradients"], PRESETS["exploding-gradients"], _GRADIENT),
    Stop(
        "gates",
        Preset("gates", {"text": LONG_SENTENCE, "cells": ("lstm",)}),
        PRESETS["forget-gate"],
        ("gates_heat_lstm", "gates_saturation"),
    ),
    Stop(
        "forget",
        Preset("memory", {**_LONG, "cells": ("lstm",)}),
        Preset("memory", {**_LONG, "cells": ("lstm",), "forget_bias": 3.0}),
        _INFLUENCE,
    ),
    Stop(
        "gru",
        Preset("memory", {**_LONG, "cells": ("lstm", "gru"), "forget_bias": 3.0}),
        Preset("memory", {**_LONG, "cells": ("lstm", "gru"), "forget_bias": 3.0, "update_bias": 3.0}),
        _INFLUENCE,
    ),
    Stop("trained", Preset("memory", {"generated": True, "length": 50}), PRESETS["trained-vs-untrained"], _INFLUENCE),
    Stop(
        "train",
        Preset("training", {"task": "recall", "train_length": 10}),
        PRESETS["training-lab"],
        ("training_progress", "training_score_", "training_first_", "training_classic"),
        trains=True,
    ),
    Stop(
        "intent",
        Preset("intent", {"text": "what time is it?"}),
        Preset("intent", {"text": INTENT_LONG}),
        ("intent_lines",),
    ),
]


def check() -> None:
    """Every preset names real settings fields (a test calls this)."""
    for name, preset in PRESETS.items():
        unknown = set(preset.changes) - set(FIELDS)
        if unknown:
            raise ValueError(f"preset {name} sets unknown fields {sorted(unknown)}")
