"""Named classroom situations: one page and the settings that differ from the defaults.

A preset opens from a link (``?preset=vanishing-gradients``) or from the lesson page; it
expands to its page and ordinary settings, so the resulting link is a plain view link.
The lesson is an ordered path through presets, each stop with a question to predict first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import gradients
from .settings import DEFAULTS, FIELDS, Settings, to_query

LONG_SENTENCE = ("I grew up in France, and after many years abroad, working in different countries "
                 "and speaking other languages every day, I still speak fluent French")


@dataclass(frozen=True)
class Preset:
    """A page (its url path) and the settings that differ from the defaults there."""

    page: str
    changes: dict[str, Any] = field(default_factory=dict)

    def settings(self) -> Settings:
        return DEFAULTS.replace(**self.changes)

    def query(self) -> dict[str, str | list[str]]:
        """The preset as the plain view link it expands to."""
        return to_query(self.settings())


PRESETS: dict[str, Preset] = {
    "what-time": Preset("memory", {"text": "what time is it?", "step": 1}),
    "short-term-memory": Preset("memory", {"text": LONG_SENTENCE, "focus": 4}),
    "vanishing-gradients": Preset("gradients", gradients.PRESETS["vanishing"]),
    "exploding-gradients": Preset("gradients", gradients.PRESETS["exploding"]),
    "edge-of-chaos": Preset("gradients", gradients.PRESETS["edge"]),
    "lstm-keeps-the-gradient": Preset("gradients", gradients.PRESETS["lstm"]),
    "forget-gate": Preset("gates", {"text": LONG_SENTENCE, "cells": ("lstm",), "forget_bias": 3.0}),
    "trained-vs-untrained": Preset("memory", {"weights": "recall-T50", "cells": ("rnn", "lstm", "gru")}),
    "training-lab": Preset("training", {"task": "recall", "train_length": 50}),
}


@dataclass(frozen=True)
class Stop:
    """One stop of the lesson: the view before the reveal, the view after, and its texts' key."""

    key: str  # i18n keys lesson.<key>.title / .question / .answer
    before: Preset
    after: Preset


LESSON: list[Stop] = [
    Stop("read", PRESETS["what-time"], Preset("memory", {"text": "what time is it?"})),
    Stop("fade", Preset("memory", {"text": LONG_SENTENCE, "cells": ("rnn",), "focus": 4}),
         PRESETS["short-term-memory"]),
    Stop("forget", Preset("memory", {"text": LONG_SENTENCE, "cells": ("lstm",), "focus": 4}),
         Preset("memory", {"text": LONG_SENTENCE, "cells": ("lstm",), "focus": 4, "forget_bias": 3.0})),
    Stop("vanish", Preset("gradients", {**gradients.PRESETS["vanishing"], "cells": ("rnn",)}),
         PRESETS["vanishing-gradients"]),
    Stop("explode", Preset("gradients", {**gradients.PRESETS["vanishing"], "cells": ("rnn",)}),
         PRESETS["exploding-gradients"]),
    Stop("gates", Preset("gates", {"text": LONG_SENTENCE, "cells": ("lstm",)}), PRESETS["forget-gate"]),
    Stop("trained", Preset("memory", {"generated": True, "length": 50}), PRESETS["trained-vs-untrained"]),
    Stop("train", Preset("training", {}), PRESETS["training-lab"]),
]


def check() -> None:
    """Every preset names real settings fields (a test calls this)."""
    for name, preset in PRESETS.items():
        unknown = set(preset.changes) - set(FIELDS)
        if unknown:
            raise ValueError(f"preset {name} sets unknown fields {sorted(unknown)}")
