"""Interface texts in English and Chinese: ``t(key, lang)``.

Each area of the app keeps its texts in a module of this package as ``TEXTS = {key: {"en": ..., "zh": ...}}``;
this package merges every module it holds. Keys are namespaced by area ("home.title"). A missing
translation falls back to English, and a test checks that none is missing.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGS = {"en": "English", "zh": "中文"}
TEXTS: dict[str, dict[str, str]] = {}
for _module in pkgutil.iter_modules(__path__):
    TEXTS.update(importlib.import_module(f"{__name__}.{_module.name}").TEXTS)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
