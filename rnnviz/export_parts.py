"""What every exported view is made of (rnnviz.export): parts, the view, its texts as safe HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

import plotly.graph_objects as go

from . import checkpoints, scene
from .i18n import t
from .settings import MODEL_FIELDS, Settings

MODEL_SHOWN = (*MODEL_FIELDS, "cells")  # the settings that decide a view of the sidebar's model


class ExportError(ValueError):
    """A view that cannot be written (no cells, no tokens, a broken checkpoint, a page with no export)."""


@dataclass
class Part:
    """One block of the file: a figure (or a row of them, side by side) or ready HTML, and its look-for text;
    ``keys``: the page's element keys it carries (a lesson stop's file keeps the parts its ``shows`` name)."""

    figures: list[go.Figure] = field(default_factory=list)
    html: str = ""
    look: str = ""
    header: str = ""
    keys: tuple[str, ...] = ()


@dataclass
class View:
    """A page as a file: its title, intro, the tokens it read, its parts and the settings that decide it."""

    title: str
    intro: str
    tokens: list[str]
    parts: list[Part]
    shown: tuple[str, ...] = (*MODEL_SHOWN, "lang")


def answering(view: View, shows: tuple[str, ...]) -> View:
    """The view with only the parts whose keys are, or start with, one of ``shows`` (a lesson stop's)."""
    kept = [p for p in view.parts if any(k.startswith(show) for k in p.keys for show in shows)]
    return replace(view, parts=kept)


def opening(s: Settings, T: int) -> int:
    """The step the file opens at: the link's (0 means the last), within 1..T."""
    return min(s.step, T) if s.step > 0 else T


def sequence(s: Settings) -> list[str]:
    """The tokens of the sidebar's sequence, or an ExportError saying why there are none to draw."""
    if not s.cells:
        raise ExportError(t("msg.no_cells", s.lang))
    try:
        tokens = scene.sequence(s.model).tokens
    except checkpoints.CheckpointError as e:
        raise ExportError(str(e)) from e
    if not tokens:
        raise ExportError(t("msg.no_tokens", s.lang))
    return tokens


def md(text: str) -> str:
    """A text of rnnviz/i18n as safe HTML: escaped, then its **bold**, `code` and $maths$ in plain type."""

    def maths(match: re.Match) -> str:
        inner = match.group(1).replace("\\tanh", "tanh").replace("\\sigma", "σ").replace("\\cdot", "·")
        inner = re.sub(r"_\{([^}]*)\}|_(\w)", lambda g: f"<sub>{g.group(1) or g.group(2)}</sub>", inner)
        return f"<i>{inner}</i>"

    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html.escape(text, quote=False))
    out = re.sub(r"`(.+?)`", r"<code>\1</code>", out)
    return re.sub(r"\$(.+?)\$", maths, out)


def paragraphs(*texts: str, css: str = "") -> str:
    """Texts of rnnviz/i18n as paragraphs (``css``: their class)."""
    cls = f' class="{css}"' if css else ""
    return "".join(f"<p{cls}>{md(text)}</p>" for text in texts)


def table(rows, head=(), css: str = "", labelled: bool = False) -> str:
    """Plain-text cells as an HTML table, escaped: a header row (if ``head``), then ``rows``; ``labelled``: each
    row's first cell is its label (a <th>)."""

    def row(cells, first: str, rest: str) -> str:
        tags = [first] + [rest] * (len(cells) - 1)
        return "<tr>" + "".join(f"<{g}>{html.escape(str(c))}</{g}>" for g, c in zip(tags, cells)) + "</tr>"

    cls = f' class="{css}"' if css else ""
    body = [row(head, "th", "th")] if head else []
    body += [row(r, "th" if labelled else "td", "td") for r in rows]
    return f"<table{cls}>{''.join(body)}</table>"


def box(kind: str, text: str) -> str:
    """A text of rnnviz/i18n in a coloured box, as the pages' st.info / st.warning (``kind``: its class)."""
    return f'<div class="box {kind}">{md(text)}</div>'


def items(texts: list[str]) -> str:
    """Texts of rnnviz/i18n as a list."""
    return "<ul>" + "".join(f"<li>{md(text)}</li>" for text in texts) + "</ul>"
