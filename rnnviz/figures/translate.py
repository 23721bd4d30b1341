"""Figures of the translation page: the attention heatmap of one greedy decoding, and held-out accuracy against
input length with and without attention (from the benchmark's results). Pure functions: numpy in, plotly out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from ..seq2seq import EOS
from .style import CELL_COLORS, MAGNITUDE, PlotArea, compact, figure, label

ROW_PX = 26  # height of one output step's row of the heatmap


def attention_area(n_out: int) -> PlotArea:
    """Where the heatmap of n_out output steps draws (the page marks the current row over it)."""
    return PlotArea(left=90, right=80, top=60, height=ROW_PX * max(n_out, 1), bottom=60)


def output_labels(tokens: list[str], lang: str) -> list[str]:
    """Row labels "t: character", the end mark as a word."""
    return [f"{i + 1}: {t('translate.eos', lang) if tok == EOS else label(tok)}" for i, tok in enumerate(tokens)]


def attention_heatmap(attention: np.ndarray, text: str, tokens: list[str], cell: str, lang: str = "en") -> go.Figure:
    """a_tj (T_out, T_in) as a heatmap: one row per output character (top down), one column per input character,
    on a fixed 0..1 scale. The same at every step: the page marks the current row over it (step_marks)."""
    n_out, n_in = attention.shape
    rows = output_labels(tokens, lang)
    cols = [f"{j + 1}: {label(ch)}" for j, ch in enumerate(text)]
    data = [
        dict(
            type="heatmap",
            z=compact(attention),
            x=np.arange(1, n_in + 1),
            y=np.arange(1, n_out + 1),
            zmin=0.0,
            zmax=1.0,
            colorscale=MAGNITUDE,
            customdata=[[[r, c] for c in cols] for r in rows],
            colorbar=dict(title=dict(text=t("translate.fig.weight", lang)), thickness=12, x=1.01, xpad=6),
            hovertemplate=f"{t('translate.fig.output', lang)} %{{customdata[0]}}<br>"
            f"{t('translate.fig.input', lang)} %{{customdata[1]}}<br>a = %{{z:.3f}}<extra></extra>",
        )
    ]
    layout = dict(
        **attention_area(n_out).layout(),
        xaxis=dict(
            title=dict(text=t("translate.fig.input", lang)),
            range=[0.5, n_in + 0.5],
            tickmode="array",
            tickvals=list(range(1, n_in + 1)),
            ticktext=[label(ch) for ch in text],
            tickangle=0,
            side="bottom",
        ),
        yaxis=dict(
            title=dict(text=t("translate.fig.output", lang)),
            range=[n_out + 0.5, 0.5],  # step 1 at the top
            tickmode="array",
            tickvals=list(range(1, n_out + 1)),
            ticktext=rows,
        ),
    )
    area = attention_area(n_out)
    return figure(
        data, layout, t("translate.fig.attention", lang, cell=t(f"cell.{cell}", lang)), area.layout()["height"]
    )


def step_marks(n_out: int, step: int) -> dict[str, list[tuple]]:
    """Where ``step`` (1-based) of n_out is marked on the heatmap, as rectangles (x0, x1, y0, y1) in fractions of
    its plot area: "row", the step's whole row; "hatched", the rows after it (not written yet)."""
    marks = {"row": [(0.0, 1.0, (step - 1) / n_out, step / n_out)], "hatched": []}
    if step < n_out:
        marks["hatched"].append((0.0, 1.0, step / n_out, 1.0))
    return marks


def accuracy_chart(summary: list[dict], cells: tuple[str, ...], lang: str = "en", both: bool = True) -> go.Figure:
    """Held-out exact match per input-length bin for each cell with and without attention (encoders that read
    both ways, or one way): the mean over seeds, error bars from the worst to the best seed."""
    data, seeds = [], []
    for kind in cells:
        for attention in (True, False):
            rows = [r for r in summary if (r["cell"], r["bidirectional"], r["attention"]) == (kind, both, attention)]
            if not rows:
                continue
            groups = rows[0]["by_length"]
            bins = list(groups)
            mean = np.array([groups[b]["mean"] for b in bins])
            low = np.array([groups[b]["min"] for b in bins])
            high = np.array([groups[b]["max"] for b in bins])
            name = t("translate.fig.with" if attention else "translate.fig.without", lang, cell=t(f"cell.{kind}", lang))
            seeds = rows[0]["seeds"]
            data.append(
                dict(
                    type="scatter",
                    x=bins,
                    y=mean,
                    mode="lines+markers",
                    name=name,
                    line=dict(color=CELL_COLORS[kind], width=2.5, dash="solid" if attention else "dash"),
                    marker=dict(size=7, symbol="circle" if attention else "square-open"),
                    error_y=dict(type="data", symmetric=False, array=high - mean, arrayminus=mean - low, width=4),
                    customdata=np.array([groups[b]["n"] for b in bins]),
                    hovertemplate="%{x}: %{y:.3f} (n = %{customdata})<extra>" + name + "</extra>",
                )
            )
    layout = dict(
        xaxis=dict(title=dict(text=t("translate.fig.length", lang)), type="category"),
        yaxis=dict(title=dict(text=t("translate.fig.exact", lang)), range=[-0.03, 1.03]),
        legend=dict(orientation="h", yanchor="top", y=-0.2, x=0),
        margin=dict(l=70, r=20, t=60, b=110),
    )
    return figure(
        data,
        layout,
        t("translate.fig.accuracy" if both else "translate.fig.accuracy.forward", lang, seeds=len(seeds)),
        height=440,
    )


OUTPUT_STYLE = (
    "<style>.outstrip { display: flex; align-items: center; gap: 4px; margin: 4px 0; flex-wrap: wrap; } "
    ".outstrip .who { min-width: 150px; font-weight: 600; font-size: 14px; } "
    ".outstrip span.c { min-width: 30px; padding: 7px 4px; text-align: center; font: 600 18px monospace; "
    "background: #EEEEEE; color: #1A1A1A; border-radius: 3px; } "
    ".outstrip span.now { background: #0072B2; color: white; } "
    ".outstrip span.later { background: none; color: #BBBBBB; border: 1px dashed #CCCCCC; } "
    ".outstrip span.end { font: 600 13px sans-serif; padding: 10px 6px; } "
    ".outline { font-size: 14px; margin: 2px 0 10px 154px; color: #333333; }</style>"
)


def output_strip(who: str, tokens: list[str], probs: list[float], step: int, line: str, lang: str = "en") -> str:
    """The output characters as boxes: those written up to ``step`` (1-based; the current one filled), the later
    ones dashed and blank; each box's tooltip gives its step and probability. ``line`` (plain text) goes under."""
    boxes = []
    for k, (tok, p) in enumerate(zip(tokens, probs), start=1):
        end = tok == EOS
        kind = "now" if k == step else "later" if k > step else ""
        text = "&nbsp;" if k > step else t("translate.eos", lang) if end else label(tok)
        title = f"t = {k}" if k > step else f"t = {k}, p = {p:.3f}"
        boxes.append(f'<span class="c {kind}{" end" if end else ""}" title="{title}">{text}</span>')
    return (
        f'{OUTPUT_STYLE}<div class="outstrip" data-step="{step}"><span class="who">{label(who)}</span>'
        f'{"".join(boxes)}</div><div class="outline">{label(line)}</div>'
    )
