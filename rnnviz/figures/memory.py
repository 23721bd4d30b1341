"""Figures of the step-through page: the unrolled network, the hidden state so far, memory composition,
the contribution map and the influence of one token. Pure functions: arrays in, plotly figures out.

Every token keeps one colour (``token_color``) in every figure, so a teacher can point at the
colour of "what" in the unrolled network and find it again in each cell's composition.

The page redraws all of these at every step, so they are built without plotly's per-property
validation (``_validate=False``: ~1 ms instead of 10-100 ms a figure, mostly the template and
one validation per shape); tests/test_memory.py validates every figure instead.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from ..i18n import t
from .style import CELL_COLORS, DIVERGING, SEQUENTIAL, base_layout, label, tick_labels
from .tokens import CURRENT as STRIP_CURRENT, OTHER as STRIP_OTHER, PER_ROW

# Paul Tol's muted palette (plotly's "Safe"): colour-blind safe; repeats every 11 tokens
TOKEN_COLORS = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
                "#44AA99", "#999933", "#882255", "#661100", "#888888")
CURRENT = "#0072B2"
MAX_TICK_LABELS = 30  # beyond this many steps, a time axis shows numbers instead of "t: token" labels
PANEL_TICK_LABELS = 12  # the same for a panel a third as wide
DARK = {3, 4, 5, 8, 9}  # indices of TOKEN_COLORS that need white text
DECADES = 8  # the contribution map's colour scale spans this many powers of ten below its maximum
MIN_LABELLED = 0.03  # composition slices smaller than this share carry no text (hover still tells)
MAX_MAP_CELLS = 120  # a longer contribution map shows every s-th row and column (the browser stays fast)
MAX_SLICES = 40  # a composition donut shows at most this many slices: earlier tokens are pooled
EARLIER = "#DDDDDD"  # the pooled slice of earlier tokens


# the shared look (style.base_layout) as a plain layout dict, template resolved: built once
_LOOK = base_layout(go.Figure(), "", 360).to_dict()["layout"]
# colour scales as lists: plotly.js knows no "_r" names, and validation would not resolve them here
SIGNED, MAGNITUDE = get_colorscale(DIVERGING), get_colorscale(SEQUENTIAL)


def _figure(data: list[dict], layout: dict, title: str | None = None, height: int = 360) -> go.Figure:
    """A figure from plain dicts in the shared look, unvalidated; ``title`` None drops the title and margins."""
    look = {**_LOOK, "height": height} if title is not None else {"template": _LOOK["template"], "font": _LOOK["font"]}
    if title is not None:
        look["title"] = {**_LOOK["title"], "text": title}
    return go.Figure(data, {**look, **layout}, _validate=False)


def token_color(k: int) -> str:
    """The colour of the token at 0-based position k, the same in every figure and at every step."""
    return TOKEN_COLORS[k % len(TOKEN_COLORS)]


def _time_axis(tokens: list[str], n: int, lang: str, labels: int = MAX_TICK_LABELS) -> dict:
    """A numeric time axis 1..n (few ticks: they draw faster); up to ``labels`` tokens, ticks read "t: token"."""
    axis = dict(title=dict(text=t("axis.time", lang)), range=[0.5, n + 0.5], nticks=6)
    if n <= labels:
        axis.update(tickmode="array", tickvals=list(range(1, n + 1)), ticktext=tick_labels(tokens[:n]), tickangle=-45)
    return axis


def _text(x: float, y: float, text: str, **style) -> dict:
    return dict(x=x, y=y, text=text, showarrow=False, **style)


def token_window(tokens: list[str], step: int, rows: int = 2) -> go.Figure:
    """The token strip's look (boxes in reading order, PER_ROW a row, current one filled), cut to
    ``rows`` rows around the current token (1-based ``step``); one heatmap trace, so it redraws fast."""
    first = max(0, min((step - 1) // PER_ROW, -(-len(tokens) // PER_ROW) - rows)) * PER_ROW
    shown = tokens[first:first + rows * PER_ROW]
    n_rows = max(1, -(-len(shown) // PER_ROW))
    cells = n_rows * PER_ROW
    current = step - 1 - first
    z = [1.0 if i == current else 0.0 if i < len(shown) else None for i in range(cells)]  # None: no box
    text = [f"<b>{label(tok)}</b>" if i == current else label(tok) for i, tok in enumerate(shown)]
    text += [""] * (cells - len(shown))
    grid = lambda v: [v[r * PER_ROW:(r + 1) * PER_ROW] for r in range(n_rows)]  # noqa: E731
    trace = dict(type="heatmap", z=grid(z), text=grid(text), customdata=grid(list(range(first + 1, first + cells + 1))),
                 texttemplate="%{text}", textfont=dict(size=13), colorscale=[[0, STRIP_OTHER], [1, STRIP_CURRENT]],
                 zmin=0, zmax=1, showscale=False, xgap=4, ygap=4,
                 hovertemplate="t = %{customdata}: %{text}<extra></extra>")
    layout = dict(xaxis=dict(visible=False, range=[-0.5, PER_ROW - 0.5]),
                  yaxis=dict(visible=False, range=[n_rows - 0.5, -0.5]), height=20 + 48 * n_rows,
                  margin=dict(l=5, r=5, t=5, b=5))
    return _figure([trace], layout)


def unrolled(tokens: list[str], step: int, lang: str = "en", width: int = 8) -> go.Figure:
    """The network unrolled over the tokens read so far: x_k -> cell -> h_k, h_k -> the next cell.

    Shows the last ``width`` steps up to ``step`` (1-based); the current step is filled. Labels and
    arrows are three traces rather than one annotation each, which plotly redraws much faster.
    """
    first = max(1, step - width + 1)
    ks = list(range(first, step + 1))
    shapes = []
    for k in ks:
        now = k == step
        shapes += [
            dict(type="rect", x0=k - 0.38, x1=k + 0.38, y0=-0.3, y1=0.3, fillcolor=token_color(k - 1),
                 line=dict(color="#555", width=1)),
            dict(type="rect", x0=k - 0.3, x1=k + 0.3, y0=0.75, y1=1.25, fillcolor=CURRENT if now else "#E8EEF4",
                 line=dict(color="#1A1A1A" if now else "#8AA1B4", width=3 if now else 1)),
            dict(type="circle", x0=k - 0.22, x1=k + 0.22, y0=1.7, y1=2.3, fillcolor="#FFF2CC" if now else "white",
                 line=dict(color="#555", width=2 if now else 1)),
        ]
    # arrows x_k -> cell, cell -> h_k, and h_{k-1} -> cell k, as segments (None breaks the line) with heads
    segments = [((k, 0.32), (k, 0.7)) for k in ks] + [((k, 1.27), (k, 1.65)) for k in ks] + \
               [((k - 0.68, 1), (k - 0.36, 1)) for k in ks]
    line_x = [v for (a, b) in segments for v in (a[0], b[0], None)]
    line_y = [v for (a, b) in segments for v in (a[1], b[1], None)]
    heads = ["triangle-up"] * (2 * len(ks)) + ["triangle-right"] * len(ks)
    white = [k == step for k in ks]
    labels = ([(k, 0, f"<b>{label(tokens[k - 1])}</b>", (k - 1) % len(TOKEN_COLORS) in DARK) for k in ks]
              + [(k, -0.5, f"x<sub>{k}</sub>", False) for k in ks]
              + [(k, 1, t("memory.diagram.cell", lang), w) for k, w in zip(ks, white)]
              + [(k, 2, f"h<sub>{k}</sub>", False) for k in ks]
              + [(first - 0.72, 1, t("memory.diagram.h0", lang) if first == 1 else "…", False)])
    data = [
        dict(type="scatter", x=line_x, y=line_y, mode="lines", line=dict(color="#555", width=1.6), hoverinfo="skip"),
        dict(type="scatter", x=[b[0] for _, b in segments], y=[b[1] for _, b in segments], mode="markers",
             marker=dict(symbol=heads, size=9, color="#555"), hoverinfo="skip"),
        dict(type="scatter", x=[lb[0] for lb in labels], y=[lb[1] for lb in labels], text=[lb[2] for lb in labels],
             mode="text", textfont=dict(color=["white" if lb[3] else "#1A1A1A" for lb in labels]), hoverinfo="skip"),
    ]
    data[2]["textposition"] = ["middle center"] * (len(labels) - 1) + ["middle left"]
    layout = dict(shapes=[{**sh, "layer": "below"} for sh in shapes], showlegend=False, height=250,
                  title=dict(text=t("memory.diagram.title", lang, t=step), x=0), margin=dict(l=5, r=5, t=40, b=5),
                  xaxis=dict(visible=False, range=[first - 1.6, first + width - 0.5], fixedrange=True),
                  yaxis=dict(visible=False, range=[-0.75, 2.45], fixedrange=True))
    return _figure(data, layout)


def _panels(n: int, gap: float = 0.07) -> list[list[float]]:
    """Horizontal domains of n side-by-side panels, one per cell, left to right."""
    width = (1 - gap * (n - 1)) / n
    return [[i * (width + gap), i * (width + gap) + width] for i in range(n)]


def _panel_titles(kinds: list[str], domains: list[list[float]], lang: str) -> list[dict]:
    return [_text(sum(d) / 2, 1.0, f"<b>{t(f'cell.{k}', lang)}</b>", xref="paper", yref="paper", yanchor="bottom",
                  font=dict(color=CELL_COLORS[k], size=14)) for k, d in zip(kinds, domains)]


def _axes(i: int, domain: list[float], x: dict, y: dict) -> dict:
    """Layout entries of panel i's axes ("xaxis", "xaxis2", ...), anchored to each other."""
    n = "" if i == 0 else str(i + 1)
    return {f"xaxis{n}": {**x, "domain": domain, "anchor": f"y{n}"}, f"yaxis{n}": {**y, "anchor": f"x{n}"}}


def hidden_so_far(states: dict[str, np.ndarray], tokens: list[str], step: int, lang: str = "en") -> go.Figure:
    """Heatmaps of h_1 .. h_step (units x time), one panel per cell, on one scale centred at 0."""
    kinds = list(states)
    # tanh and gated cells stay within [-1, 1]; relu or linear cells may go beyond
    zmax = max([1.0] + [float(np.nanmax(np.abs(h), initial=0.0)) for h in states.values()])
    domains, data, layout = _panels(len(kinds)), [], {}
    for i, kind in enumerate(kinds):
        h = states[kind]  # (T, H)
        ref = "" if i == 0 else str(i + 1)
        data.append(dict(type="heatmap", z=h[:step].T, x=np.arange(1, step + 1), y=np.arange(1, h.shape[1] + 1),
                         xaxis=f"x{ref}", yaxis=f"y{ref}", name=t(f"cell.{kind}", lang), zmin=-zmax, zmax=zmax,
                         zmid=0, colorscale=SIGNED, showscale=i == len(kinds) - 1,
                         colorbar=dict(title=dict(text="h"), thickness=12),
                         hovertemplate=f"t = %{{x}}<br>{t('axis.unit', lang)} %{{y}}<br>h = %{{z:.3f}}"
                                       f"<extra>{kind.upper()}</extra>"))
        y = dict(title=dict(text=t("axis.unit", lang) if i == 0 else ""), autorange="reversed", nticks=4,
                 showticklabels=i == 0)
        layout.update(_axes(i, domains[i], _time_axis(tokens, len(h), lang, PANEL_TICK_LABELS), y))
    layout["annotations"] = _panel_titles(kinds, domains, lang)
    return _figure(data, layout, t("memory.hidden.title", lang, t=step), 320)


def composition(shares: dict[str, np.ndarray], tokens: list[str], step: int, lang: str = "en") -> go.Figure:
    """Donuts of h_step's memory composition, one per cell: the share of each token 1..step, clockwise
    in reading order, each token in its own colour. Beyond MAX_SLICES tokens, the earliest ones share
    one grey slice whose value is the sum of their shares."""
    kinds = list(shares)
    first = max(0, step - MAX_SLICES + 1)  # tokens before this one are pooled
    labels, names = tick_labels(tokens)[first:step], [label(tok) for tok in tokens[first:step]]
    colors = [token_color(k) for k in range(first, step)]
    if first:
        pooled = t("memory.earlier", lang, n=first)
        labels, names, colors = [pooled] + labels, [pooled] + names, [EARLIER] + colors
    domains, data = _panels(len(kinds), gap=0.04), []
    for kind, domain in zip(kinds, domains):
        share = np.nan_to_num(np.asarray(shares[kind][:step], dtype=float), nan=0.0)
        values = np.concatenate([[share[:first].sum()], share[first:]]) if first else share
        data.append(dict(
            type="pie", labels=labels, values=values, name=t(f"cell.{kind}", lang), customdata=names,
            sort=False, direction="clockwise", hole=0.45, domain=dict(x=domain, y=[0, 0.94]), textposition="inside",
            marker=dict(colors=colors, line=dict(color="white", width=1)),
            texttemplate=["%{customdata}<br>%{percent:.0%}" if v >= MIN_LABELLED else "" for v in values],
            hovertemplate="%{label}<br>" + t("memory.share", lang) + " %{value:.2%}<extra>" + kind.upper() + "</extra>",
        ))
    centres = [_text(sum(d) / 2, 0.47, f"h<sub>{step}</sub>", xref="paper", yref="paper", font=dict(size=18))
               for d in domains]
    layout = dict(showlegend=False, annotations=_panel_titles(kinds, domains, lang) + centres)
    return _figure(data, layout, t("memory.composition.title", lang, t=step), 360)


def log_range(maps: list[np.ndarray], decades: int = DECADES) -> tuple[float, float]:
    """A shared log10 colour range for contribution maps: whole powers of ten around their positive
    values, at most ``decades`` below the largest (smaller values take the darkest colour)."""
    logs = [np.log10(C[np.isfinite(C) & (C > 0)]) for C in maps]
    logs = [v for v in logs if v.size]
    if not logs:
        return -decades, 0.0
    top = float(np.ceil(max(v.max() for v in logs)))
    bottom = float(np.floor(min(v.min() for v in logs)))
    return max(bottom, top - decades), max(top, bottom + 1)


def shown_indices(T: int, max_cells: int = MAX_MAP_CELLS) -> np.ndarray:
    """0-based rows/columns a map of T x T shows: all of them, or every s-th when T > max_cells."""
    return np.arange(0, T, -(-T // max_cells))


def contribution_maps(maps: dict[str, np.ndarray], step: int, focus: int, lang: str = "en",
                      max_cells: int = MAX_MAP_CELLS) -> go.Figure:
    """log10 C[t, k] (reading time t down, token k across), one panel per cell on one colour scale;
    the current step's row is boxed and the followed token's column dotted."""
    kinds = list(maps)
    zmin, zmax = log_range(list(maps.values()))
    powers = list(range(int(zmin), int(zmax) + 1, 2))
    domains, data, layout, shapes = _panels(len(kinds)), [], {}, []
    for i, kind in enumerate(kinds):
        C = maps[kind]
        T, idx, ref = len(C), shown_indices(len(C), max_cells), "" if i == 0 else str(i + 1)
        sub = C[np.ix_(idx, idx)]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(np.isfinite(sub) & (sub > 0), np.log10(sub), np.nan)  # 0 above the diagonal -> blank
        data.append(dict(
            type="heatmap", z=z, x=idx + 1, y=idx + 1, xaxis=f"x{ref}", yaxis=f"y{ref}", name=t(f"cell.{kind}", lang),
            zmin=zmin, zmax=zmax, colorscale=MAGNITUDE, showscale=i == len(kinds) - 1,
            colorbar=dict(title=dict(text="C"), thickness=12, tickvals=powers, ticktext=[f"1e{p}" for p in powers]),
            hovertemplate="t = %{y}, k = %{x}<br>log10 C = %{z:.2f}<extra>" + kind.upper() + "</extra>"))
        shapes += [dict(type="rect", xref=f"x{ref}", yref=f"y{ref}", x0=0.5, x1=step + 0.5, y0=step - 0.5,
                        y1=step + 0.5, line=dict(color="#D55E00", width=2)),
                   dict(type="line", xref=f"x{ref}", yref=f"y{ref}", x0=focus, x1=focus, y0=focus - 0.5, y1=T + 0.5,
                        line=dict(color="#1A1A1A", width=1, dash="dot"))]
        x = dict(title=dict(text=t("memory.map.k", lang)), range=[0.5, T + 0.5], nticks=8)
        y = dict(title=dict(text=t("memory.map.t", lang) if i == 0 else ""), range=[T + 0.5, 0.5], nticks=8,
                 showticklabels=i == 0)
        layout.update(_axes(i, domains[i], x, y))
    layout.update(shapes=shapes, annotations=_panel_titles(kinds, domains, lang))
    T = len(next(iter(maps.values())))
    title = t("memory.map.title", lang)
    if len(shown_indices(T, max_cells)) < T:
        title += " " + t("memory.map.every", lang, n=int(shown_indices(T, max_cells)[1]))
    return _figure(data, layout, title, 380)


def influence(curves: dict[str, np.ndarray], raw: dict[str, np.ndarray], tokens: list[str], focus: int,
              lang: str = "en", level: float = 0.01) -> go.Figure:
    """C[t, f] / C[f, f] for t >= f, one line per cell, on a log axis, with the fade level.

    It does not mark the current step: unchanged while stepping, the browser need not redraw it."""
    x = np.arange(focus, len(tokens) + 1)
    traces = [dict(type="scatter", x=x, y=y, customdata=raw[kind], mode="lines+markers" if len(x) <= 60 else "lines",
                   name=t(f"cell.{kind}", lang), line=dict(color=CELL_COLORS[kind], width=2.5), marker=dict(size=6),
                   hovertemplate="t = %{x}<br>%{y:.3%}<br>C = %{customdata:.3g}<extra>" + kind.upper() + "</extra>")
              for kind, y in curves.items()]
    shapes = [dict(type="line", xref="paper", x0=0, x1=1, y0=level, y1=level, line=dict(color="#555", dash="dash"))]
    notes = [_text(1, np.log10(level), t("memory.influence.level", lang), xref="paper",  # log axis: y in log10
                   xanchor="right", yanchor="bottom", font=dict(color="#555"))]
    layout = dict(shapes=shapes, annotations=notes, xaxis={**_time_axis(tokens, len(tokens), lang),
                                                           "range": [focus - 0.5, len(tokens) + 0.5]},
                  yaxis=dict(type="log", title=dict(text=t("memory.influence.y", lang)), exponentformat="power"))
    return _figure(traces, layout, t("memory.influence.title", lang, k=focus, token=label(tokens[focus - 1])), 380)
