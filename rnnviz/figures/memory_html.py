"""The step-through page's per-step pieces as HTML: the token window, the unrolled network and the memory
composition. Pure functions: data in, strings out.

These change at every step; the browser updates HTML in a few milliseconds, where a changed plotly chart
is drawn again (tens of milliseconds each). Every token is escaped by ``style.label``: markup in a token
is shown, never interpreted.
"""

from __future__ import annotations

import math

import numpy as np

from ..i18n import t
from .memory import DARK, TOKEN_COLORS, token_color
from .style import CELL_COLORS, label
from .tokens import CURRENT, OTHER, PER_ROW

MIN_LABELLED = 0.03  # composition slices smaller than this share carry no text (the tooltip still tells)
MAX_SLICES = 40  # a composition donut shows at most this many slices: earlier tokens are pooled
EARLIER = "#DDDDDD"  # the pooled slice of earlier tokens
STRIP_STYLE = (
    f"<style>.tokwin {{ display: grid; grid-template-columns: repeat({PER_ROW}, minmax(0, 1fr)); gap: 4px; "
    f"margin: 4px 0; }} .tokwin span {{ background: {OTHER}; color: #1A1A1A; text-align: center; padding: 10px 1px; "
    "font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }"
    f" .tokwin span.now {{ background: {CURRENT}; color: white; font-weight: 700; }}</style>"
)


def token_window(tokens: list[str], step: int, rows: int = 2) -> str:
    """The tokens as boxes in reading order, PER_ROW a row, cut to ``rows`` rows around the current token
    (1-based ``step``), which is filled; each box's tooltip gives its position."""
    first = max(0, min((step - 1) // PER_ROW, -(-len(tokens) // PER_ROW) - rows)) * PER_ROW
    boxes = "".join(
        f'<span{" class=now" if k == step else ""} title="t = {k}">{label(tokens[k - 1])}</span>'
        for k in range(first + 1, min(len(tokens), first + rows * PER_ROW) + 1)
    )
    return f'{STRIP_STYLE}<div class="tokwin">{boxes}</div>'


DIAGRAM_STYLE = """<style>
.unrolled { font-size: 14px; color: #1A1A1A; margin: 6px 0 10px; }
.unrolled .head { font-weight: 600; margin: 0 0 8px; }
.unrolled .net { display: grid; grid-template-columns: 84px repeat(%(width)d, minmax(0, 1fr)); }
.unrolled .col { display: grid; grid-template-rows: 34px 18px 34px 18px 38px 20px; justify-items: center;
  align-items: center; position: relative; }
.unrolled .h { width: 34px; height: 34px; border-radius: 50%%; border: 1px solid #555; background: white;
  display: flex; align-items: center; justify-content: center; }
.unrolled .cell { width: 60%%; height: 32px; border: 1px solid #8AA1B4; background: #E8EEF4; display: flex;
  align-items: center; justify-content: center; position: relative; z-index: 1; }
.unrolled .x { width: 76%%; height: 34px; border: 1px solid #555; display: flex; align-items: center;
  justify-content: center; font-weight: 700; overflow: hidden; white-space: nowrap; }
.unrolled .x span { overflow: hidden; text-overflow: ellipsis; padding: 0 3px; }
.unrolled .now .cell { background: %(current)s; color: white; border: 3px solid #1A1A1A; }
.unrolled .now .h { background: #FFF2CC; border-width: 2px; font-weight: 700; }
.unrolled .up { width: 2px; height: 100%%; background: #555; position: relative; }
.unrolled .up::after { content: ''; position: absolute; top: -1px; left: -4px; border: 5px solid transparent;
  border-top: 0; border-bottom: 8px solid #555; }
.unrolled .right { position: absolute; top: 69px; left: -20%%; width: 40%%; height: 2px; background: #555; }
.unrolled .right::after { content: ''; position: absolute; right: -1px; top: -4px; border: 5px solid transparent;
  border-right: 0; border-left: 8px solid #555; }
.unrolled .start { grid-row: 3; white-space: nowrap; justify-self: end; padding-right: 26px; }
.unrolled .xl { color: #444; }
</style>"""


def unrolled(tokens: list[str], step: int, lang: str = "en", width: int = 8) -> str:
    """The network unrolled over the last ``width`` tokens read up to ``step`` (1-based): for each, x_k into a cell,
    the cell out to h_k, h_{k-1} into the next cell; the current step filled. A grid with one column a step."""
    first = max(1, step - width + 1)
    cols = [
        f'<div class="col"><div></div><div></div><div class="start">'
        f"{t('memory.diagram.h0', lang) if first == 1 else '…'}</div></div>"
    ]
    for k in range(first, step + 1):
        ink = "white" if (k - 1) % len(TOKEN_COLORS) in DARK else "#1A1A1A"
        cols.append(
            f'<div class="col{" now" if k == step else ""}"><div class="h">h<sub>{k}</sub></div><div class="up"></div>'
            f'<div class="cell">{t("memory.diagram.cell", lang)}</div><div class="up"></div>'
            f'<div class="x" style="background:{token_color(k - 1)};color:{ink}" title="x{k}: {label(tokens[k - 1])}">'
            f'<span>{label(tokens[k - 1])}</span></div><div class="xl">x<sub>{k}</sub></div>'
            f'<div class="right"></div></div>'
        )
    style = DIAGRAM_STYLE % {"width": width, "current": CURRENT}
    return (
        f'{style}<div class="unrolled"><div class="head">{t("memory.diagram.title", lang, t=step)}</div>'
        f'<div class="net">{"".join(cols)}</div></div>'
    )


DONUT_STYLE = """<style>
.composition { margin: 10px 0 16px; color: #1A1A1A; }
.composition .head { font-weight: 600; font-size: 14px; margin-bottom: 6px; }
.composition .cells { display: flex; justify-content: space-around; }
.composition .panel { text-align: center; }
.composition .name { font-weight: 700; font-size: 14px; margin-bottom: 6px; }
.composition .donut { width: 250px; height: 250px; border-radius: 50%; position: relative; }
.composition .donut::after { content: ''; position: absolute; inset: 27.5%; border-radius: 50%; background: white; }
.composition .centre { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  font-size: 22px; color: #666; z-index: 1; }
.composition .centre sub { font-size: 60%; }
.composition .slice { position: absolute; transform: translate(-50%, -50%); font-size: 11.5px; line-height: 1.15;
  z-index: 2; white-space: nowrap; min-width: 8px; min-height: 8px; }
</style>"""


def _share_values(share: np.ndarray, upto: int) -> tuple[int, np.ndarray]:
    """(first, values) of tokens 1..upto: those before ``first`` (0-based) pooled into one value, then one value
    a token."""
    share = np.nan_to_num(np.asarray(share[:upto], dtype=float), nan=0.0)
    first = max(0, upto - MAX_SLICES + 1)
    return first, np.concatenate([[share[:first].sum()], share[first:]]) if first else share


def _donut(kind: str, values: np.ndarray, first: int, tokens: list[str], step: int, lang: str) -> str:
    """One cell's donut: a conic gradient, clockwise from 12 o'clock in reading order, and a label (or, for a
    slice too thin to label, an empty hover spot) at the middle of each slice carrying its exact share."""
    total = float(values.sum())
    fractions = values / total if total > 0 else np.zeros_like(values)
    ends = np.cumsum(fractions)
    stops, spans = [], []
    for i, (share, fraction, end) in enumerate(zip(values, fractions, ends)):
        k = (i + first - 1 if i else -1) if first else i  # 0-based token; -1: the pooled tokens 1..first
        color = EARLIER if k < 0 else token_color(k)
        name = t("memory.earlier", lang, n=first) if k < 0 else label(tokens[k])
        stops.append(f"{color} {100 * (end - fraction):.4f}% {100 * end:.4f}%")
        angle, r = 2 * math.pi * (end - fraction / 2), 0.36  # the ring's middle, as a fraction of the width
        x, y = 50 + 100 * r * math.sin(angle), 50 - 100 * r * math.cos(angle)
        ink = "white" if k >= 0 and k % len(TOKEN_COLORS) in DARK else "#1A1A1A"
        text = f"{name}<br>{share:.0%}" if share >= MIN_LABELLED else ""
        where = "1–" + str(first) if k < 0 else str(k + 1)
        spans.append(
            f'<span class="slice" data-k="{where}" data-share="{float(share)!r}" style="left:{x:.2f}%;top:{y:.2f}%;'
            f'color:{ink}" title="t = {where}: {name} — {t("memory.share", lang)} {share:.2%}">{text}</span>'
        )
    fill = f"conic-gradient({', '.join(stops)})" if total > 0 else "#EEEEEE"
    return (
        f'<div class="panel" data-cell="{kind}"><div class="name" style="color:{CELL_COLORS[kind]}">'
        f'{t(f"cell.{kind}", lang)}</div><div class="donut" style="background:{fill}">{"".join(spans)}'
        f'<div class="centre">h<sub>{step}</sub></div></div></div>'
    )


def composition(
    shares: dict[str, np.ndarray], tokens: list[str], step: int, lang: str = "en", both_ways: bool = False
) -> str:
    """Donuts of h_step's memory composition, one per cell: the share of each token 1..step (``shares[kind]``
    holds row step of memory.shares), clockwise in reading order, each token in its own colour; ``both_ways``
    (bidirectional cells): of every token 1..T, since the backward half of h_step has read the later ones.
    Beyond MAX_SLICES tokens, the earliest ones share one grey slice whose value is the sum of their shares."""
    donuts = []
    for kind, share in shares.items():
        first, values = _share_values(share, len(tokens) if both_ways else step)
        donuts.append(_donut(kind, values, first, tokens, step, lang))
    return (
        f'{DONUT_STYLE}<div class="composition"><div class="head">{t("memory.composition.title", lang, t=step)}'
        f'</div><div class="cells">{"".join(donuts)}</div></div>'
    )


def span_text(span, lang: str = "en") -> str:
    """A memory.Span as the pages show it: "4 steps", "> 25 steps", or a dash when the sequence is too short."""
    if span.horizon < 1:
        return "—"
    if span.steps is None:
        return t("memory.span.longer", lang, n=span.horizon)
    return t("memory.span.steps", lang, n=span.steps)
