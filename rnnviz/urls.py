"""Settings as a view link spells them: each widget writes its displayed label into the URL ("LSTM", "中文"),
and a link's page, query and labels are read back here (pages/links.py and the export both use it)."""

from __future__ import annotations

import urllib.parse
from typing import Any

from . import settings as cfg
from .cells import CELLS
from .i18n import LANGS

# How a widget shows a choice, which is also how Streamlit writes it into the URL.
URL_LABELS = {
    "cells": lambda kind: CELLS[kind].label,
    "lang": LANGS.get,
    "encoder": lambda kind: CELLS[kind].label,  # the translation page's
}


def canonical(name: str, value: Any) -> str | list[str]:
    """A value as the bound widget writes it into the URL (its displayed label)."""
    encoded = cfg.encode(name, value)
    fmt = URL_LABELS.get(name)
    if fmt is None:
        return encoded
    return [fmt(v) for v in encoded] if isinstance(encoded, list) else fmt(encoded)


def unlabel(name: str, raw: list[str]) -> list[str]:
    """URL values back to setting values: a widget's label ("中文") or the value itself ("zh")."""
    fmt, choices = URL_LABELS.get(name), cfg.FIELDS[name].metadata["choices"]
    if fmt is None or not choices:
        return raw
    by_label = {str(fmt(c)): c for c in choices}
    return [by_label.get(v, v) for v in raw]


def parse(link: str) -> tuple[str, dict[str, list[str]]]:
    """A view link ("http://host/memory?seed=2", "/gates?lang=中文") or a bare query string ("seed=2") as
    (its page's url path, "" when it names none; its known settings' raw values, labels read back)."""
    parts = urllib.parse.urlsplit(link.strip())
    query = parts.query
    path = parts.path
    if not query and "=" in path and not parts.scheme:  # a bare query string, with or without its "?"
        path, query = "", path
    raw = urllib.parse.parse_qs(query.lstrip("?"), keep_blank_values=True)
    return path.strip("/").split("/")[-1], {k: unlabel(k, v) for k, v in raw.items() if k in cfg.FIELDS}


def link(settings: cfg.Settings, url_path: str, base: str = "") -> str:
    """The link that opens this view live: ``base`` (the server's address), the page, the changed settings."""
    query = urllib.parse.urlencode({k: canonical(k, v) for k, v in cfg.to_query(settings).items()}, doseq=True)
    return f"{base.rstrip('/')}/{url_path}" + (f"?{query}" if query else "")
