"""Figures of the intent page (many to one): the answer after each token, which tokens decided it, the
long-sentence results measured over seeds, and two small HTML pieces (the token strip, the task shapes).
Pure functions: numbers in, plotly figures or HTML out.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .states import axes, panel_title, panels
from .style import CELL_COLORS, OKABE_ITO, figure, hline, label, tick_labels

GAP = 0.08  # between two cells' panels, as a fraction of the width
MAX_TICK_LABELS = 24  # up to this many tokens a panel's axis reads "t: token"; beyond, numbers
INTENT_COLORS = (*OKABE_ITO[:6], "#000000")  # one per intent (7), colour-blind safe
LOSER = "#BBBBBB"  # the bars of the intents that do not win
PUSH, PULL = "#B2182B", "#2166AC"  # a positive contribution (towards the answer), a negative one
DASHES = ("solid", "dash", "dot")  # one per cell kind on the long-sentence chart


def intent_names(intents: tuple[str, ...], lang: str) -> list[str]:
    """The intents as the page names them."""
    return [t(f"intent.name.{name}", lang) for name in intents]


def _cell_titles(kinds: list[str], domains: list[list[float]], lang: str, texts: list[str] | None = None) -> list:
    return [
        panel_title(f"<b>{texts[i] if texts else t(f'cell.{k}', lang)}</b>", d, color=CELL_COLORS[k])
        for i, (k, d) in enumerate(zip(kinds, domains))
    ]


def _token_axis(tokens: list[str] | tuple[str, ...], lang: str) -> dict:
    """A time axis 1..T; up to MAX_TICK_LABELS tokens its ticks read "t: token"."""
    n = len(tokens)
    axis = dict(title=dict(text=t("axis.time", lang)), range=[0.5, n + 0.5], nticks=6, zeroline=False)
    if n <= MAX_TICK_LABELS:
        axis.update(tickmode="array", tickvals=list(range(1, n + 1)), ticktext=tick_labels(list(tokens)), tickangle=-45)
    return axis


def step_bars(
    probs: dict[str, np.ndarray], intents: tuple[str, ...], token: str, step: int, lang: str = "en"
) -> go.Figure:
    """Each cell's probability for every intent after token ``step`` (probs[kind]: (n,)), one panel per cell,
    the winner in the cell's colour."""
    kinds, names = list(probs), intent_names(intents, lang)
    domains, data, layout = panels(len(kinds), GAP), [], {}
    for i, kind in enumerate(kinds):
        p, ref = probs[kind], "" if i == 0 else str(i + 1)
        win = int(np.argmax(p))
        data.append(
            dict(
                type="bar",
                orientation="h",
                x=p,
                y=names,
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                marker=dict(color=[CELL_COLORS[kind] if j == win else LOSER for j in range(len(p))]),
                text=[f"{v:.0%}" for v in p],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.4f}<extra>" + t(f"cell.{kind}", lang) + "</extra>",
                showlegend=False,
            )
        )
        x = dict(range=[0, 1.18], tickformat=".0%", tickvals=[0, 0.5, 1], title=dict(text=t("intent.step.axis", lang)))
        y = dict(autorange="reversed", showticklabels=i == 0, automargin=False)
        if i == 0:
            y["title"] = dict(text=t("intent.step.intents", lang))
        layout.update(axes(i, domains[i], x, y))
    layout["annotations"] = _cell_titles(kinds, domains, lang)
    layout["margin"] = dict(l=150, r=20, t=80, b=50)
    title = t("intent.step.title", lang, step=step, token=label(token))
    return figure(data, layout, title, height=320)


def probability_lines(
    probs: dict[str, np.ndarray], intents: tuple[str, ...], tokens: tuple[str, ...], lang: str = "en"
) -> go.Figure:
    """Every intent's probability after each token (probs[kind]: (T, n)), one line per intent, a panel per cell."""
    kinds, names = list(probs), intent_names(intents, lang)
    domains, data, layout = panels(len(kinds), GAP), [], {}
    steps = np.arange(1, len(tokens) + 1)
    for i, kind in enumerate(kinds):
        ref = "" if i == 0 else str(i + 1)
        for j, name in enumerate(names):
            data.append(
                dict(
                    type="scatter",
                    mode="lines+markers" if len(tokens) <= MAX_TICK_LABELS else "lines",
                    x=steps,
                    y=probs[kind][:, j],
                    name=name,
                    legendgroup=name,
                    showlegend=i == 0,
                    line=dict(color=INTENT_COLORS[j % len(INTENT_COLORS)], width=2),
                    marker=dict(size=6),
                    xaxis=f"x{ref}",
                    yaxis=f"y{ref}",
                    hovertemplate=f"{name}: %{{y:.3f}}<extra>{t(f'cell.{kind}', lang)}, t = %{{x}}</extra>",
                )
            )
        y = dict(
            range=[-0.03, 1.03], tickformat=".0%", title=dict(text=t("intent.step.axis", lang)) if i == 0 else None
        )
        layout.update(axes(i, domains[i], _token_axis(tokens, lang), {k: v for k, v in y.items() if v is not None}))
    layout["annotations"] = _cell_titles(kinds, domains, lang)
    layout["legend"] = dict(orientation="h", x=0, y=-0.42 if len(tokens) <= MAX_TICK_LABELS else -0.25, yanchor="top")
    layout["margin"] = dict(l=60, r=20, t=80, b=150)
    return figure(data, layout, t("intent.lines.title", lang), height=470)


def contribution_bars(
    scores: dict[str, np.ndarray], winners: dict[str, str], tokens: tuple[str, ...], lang: str = "en"
) -> go.Figure:
    """Each token's contribution to the winning logit (scores[kind]: (T,)), one panel per cell, titled with
    its winner; red towards the answer, blue away from it. Each panel has its own y scale."""
    kinds = list(scores)
    domains, data, layout = panels(len(kinds), GAP), [], {}
    steps = np.arange(1, len(tokens) + 1)
    for i, kind in enumerate(kinds):
        s, ref = scores[kind], "" if i == 0 else str(i + 1)
        data.append(
            dict(
                type="bar",
                x=steps,
                y=s,
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                marker=dict(color=[PUSH if v >= 0 else PULL for v in s]),
                customdata=[label(tok) for tok in tokens],
                hovertemplate="t = %{x} “%{customdata}”: %{y:.4f}<extra>" + t(f"cell.{kind}", lang) + "</extra>",
                showlegend=False,
            )
        )
        y = dict(zeroline=True, zerolinecolor="#444", title=dict(text=t("intent.why.axis", lang)) if i == 0 else None)
        layout.update(axes(i, domains[i], _token_axis(tokens, lang), {k: v for k, v in y.items() if v is not None}))
    panel_texts = [
        t("intent.why.panel", lang, cell=t(f"cell.{k}", lang), intent=t(f"intent.name.{winners[k]}", lang))
        for k in kinds
    ]
    layout["annotations"] = _cell_titles(kinds, domains, lang, panel_texts)
    layout["margin"] = dict(l=60, r=20, t=100, b=110)
    return figure(data, layout, t("intent.why.title", lang), height=420)


def long_sentences(by_seed: dict[str, dict[int, dict[int, float]]], chance: float, lang: str = "en") -> go.Figure:
    """Accuracy on long sentences against the number of neutral tokens after the deciding word:
    by_seed[kind][seed][n] is one seed's accuracy; a line through each cell's mean, a dot for each seed."""
    data = []
    seeds = max((len(runs) for runs in by_seed.values()), default=0)
    for k, (kind, runs) in enumerate(by_seed.items()):
        lengths = sorted({n for acc in runs.values() for n in acc})
        mean = [float(np.mean([acc[n] for acc in runs.values() if n in acc])) for n in lengths]
        cell = t(f"cell.{kind}", lang)
        data.append(
            dict(
                type="scatter",
                mode="lines",
                x=lengths,
                y=mean,
                name=t("intent.long.mean", lang, cell=cell),
                legendgroup=kind,
                line=dict(
                    color=CELL_COLORS[kind], width=3, dash=DASHES[k % len(DASHES)]
                ),  # lines on top of each other stay visible
                hovertemplate="%{x}: %{y:.3f}<extra>" + t("intent.long.mean", lang, cell=cell) + "</extra>",
            )
        )
        xs, ys, who = [], [], []
        for seed, acc in runs.items():
            for n in lengths:
                if n in acc:
                    xs.append(n * 1.035 ** (k - 1))  # cells side by side around each length (log axis)
                    ys.append(acc[n])
                    who.append(t("intent.long.hover", lang, seed=seed))
        data.append(
            dict(
                type="scatter",
                mode="markers",
                x=xs,
                y=ys,
                name=t("intent.long.seed", lang, cell=cell),
                legendgroup=kind,
                marker=dict(color=CELL_COLORS[kind], size=8, opacity=0.6, line=dict(width=1, color="white")),
                customdata=who,
                hovertemplate="%{customdata}: %{y:.3f}<extra>" + cell + "</extra>",
            )
        )
    all_lengths = sorted({n for runs in by_seed.values() for acc in runs.values() for n in acc})
    shape, note = hline(chance, t("intent.long.chance", lang, n=round(1 / chance)), dict(color="#777", dash="dot"))
    layout = dict(
        xaxis=dict(type="log", tickvals=all_lengths, title=dict(text=t("intent.long.x", lang))),
        yaxis=dict(range=[0, 1.05], tickformat=".0%", title=dict(text=t("intent.long.y", lang))),
        shapes=[shape],
        annotations=[note],
        legend=dict(orientation="h", x=0, y=-0.25, yanchor="top"),
        margin=dict(l=70, r=20, t=60, b=130),
    )
    return figure(data, layout, t("intent.long.title", lang, seeds=seeds), height=440)


STRIP_STYLE = """<style>
.intent-strip { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 8px; font-size: 15px; }
.intent-strip span { border: 1px solid #8AA1B4; border-radius: 4px; padding: 2px 7px; background: #F4F7FA;
  color: #1A1A1A; }
.intent-strip span.read { background: #E8EEF4; }
.intent-strip span.ahead { color: #999; border-color: #DDD; background: white; }
.intent-strip span.unk { border-style: dashed; font-style: italic; }
.intent-strip span.now { background: #1A1A1A; color: white; border-color: #1A1A1A; font-weight: 700; }
.intent-strip .more { border: none; background: none; color: #777; }
</style>"""
STRIP_TOKENS = 40  # tokens shown around the current one


def token_strip(tokens: tuple[str, ...], unknown: tuple[bool, ...], step: int, lang: str = "en") -> str:
    """The tokens in reading order, those read so far filled, the current one dark, unknown words dashed
    (their tooltip says they are read as <unk>); at most STRIP_TOKENS around the current token."""
    first = max(0, min(step - STRIP_TOKENS // 2, len(tokens) - STRIP_TOKENS))
    last = min(len(tokens), first + STRIP_TOKENS)
    boxes = [f'<span class="more">… {first}</span>'] if first else []
    for k in range(first + 1, last + 1):
        kind = "now" if k == step else "read" if k < step else "ahead"
        tip = f"t = {k}" + (f" · {t('intent.strip.unknown', lang)}" if unknown[k - 1] else "")
        unk = " unk" if unknown[k - 1] else ""
        boxes.append(f'<span class="{kind}{unk}" title="{html.escape(tip)}">{label(tokens[k - 1])}</span>')
    if last < len(tokens):
        boxes.append(f'<span class="more">… {len(tokens) - last}</span>')
    return f'{STRIP_STYLE}<div class="intent-strip">{"".join(boxes)}</div>'


SHAPES_STYLE = """<style>
.shapes { display: flex; gap: 14px; flex-wrap: wrap; margin: 2px 0 6px; color: #1A1A1A; font-size: 13px; }
.shapes .shape { border: 1px solid #DDD; border-radius: 6px; padding: 6px 10px; opacity: 0.65; }
.shapes .shape.here { border: 2px solid #1A1A1A; opacity: 1; background: #FFF8E6; }
.shapes .name { font-weight: 700; }
.shapes-head { font-size: 13px; color: #555; margin-top: 4px; }
.shapes .use { color: #555; margin-bottom: 4px; }
.shapes .grid { display: grid; grid-auto-flow: column; grid-template-rows: repeat(3, 20px); gap: 3px 6px; }
.shapes .grid i { width: 18px; height: 18px; border-radius: 3px; font-style: normal; font-size: 11px;
  display: flex; align-items: center; justify-content: center; }
.shapes .grid i.y { background: #E69F00; color: #1A1A1A; }
.shapes .grid i.h { background: #56B4E9; color: #1A1A1A; }
.shapes .grid i.x { background: #009E73; color: white; }
.shapes .legend { color: #555; font-size: 12px; align-self: flex-end; }
</style>"""
# Each shape as columns (time) of what each step has: an output y, a state h, an input x.
SHAPES = {
    "one_to_many": ["yhx", "yh-", "yh-", "yh-"],
    "many_to_one": ["-hx", "-hx", "-hx", "yhx"],
    "many_to_many": ["yhx", "yhx", "yhx", "yhx"],
    "encoder_decoder": ["-hx", "-hx", "-hx", "yh-", "yh-", "yh-"],
}


def shapes(
    here: str | tuple[str, ...], lang: str = "en", uses: dict[str, str] | None = None, legend: str | None = None
) -> str:
    """The four shapes of a sequence task as small grids (outputs on top, inputs below), ``here`` (one shape or
    several) outlined; ``uses`` replaces the line under a shape's name (another page says what it uses it for)
    and ``legend`` the key to x, h and y (another page's inputs are not tokens)."""
    here, uses, blocks = (here,) if isinstance(here, str) else here, uses or {}, []
    for name, columns in SHAPES.items():
        cells = "".join(f'<i class="{c}">{c}</i>' if c != "-" else "<i></i>" for col in columns for c in col)
        use = html.escape(uses[name]) if name in uses else t(f"intent.shapes.{name}.use", lang)
        blocks.append(
            f'<div class="shape{" here" if name in here else ""}">'
            f'<div class="name">{t(f"intent.shapes.{name}", lang)}</div>'
            f'<div class="use">{use}</div>'
            f'<div class="grid">{cells}</div></div>'
        )
    legend = f'<div class="legend">{html.escape(legend or t("intent.shapes.legend", lang))}</div>'
    head = f'<div class="shapes-head">{t("intent.shapes.title", lang)}</div>'
    return f'{SHAPES_STYLE}{head}<div class="shapes">{"".join(blocks)}{legend}</div>'


def long_by_seed(results: dict, split: str = "runs") -> dict[str, dict[int, dict[int, float]]]:
    """From the benchmark's results: per cell kind, per seed, the long-sentence accuracy for each number of
    neutral tokens (the runs that share split 0's held-out templates)."""
    out: dict[str, dict[int, dict[int, float]]] = {}
    for run in results.get(split, []):
        by_n = run.get("long_accuracy_by_neutral_tokens", {})
        out.setdefault(run["cell"], {})[run["seed"]] = {int(n): float(a) for n, a in by_n.items()}
    return out


def long_summary(results: dict, lang: str) -> str:
    """The measured long-sentence accuracy at the test's length, per cell: mean and the seeds' range."""
    n, augment = results["meta"]["config"]["long_neutral"], results["meta"]["config"]["augment"]
    parts = []
    for kind, runs in long_by_seed(results).items():
        acc = [by_n[n] for by_n in runs.values() if n in by_n]
        parts.append(
            t("intent.long.cell", lang, cell=t(f"cell.{kind}", lang), mean=np.mean(acc), lo=min(acc), hi=max(acc))
        )
    return t(
        "intent.long.summary",
        lang,
        n=n,
        lo=augment["min_neutral"],
        hi=augment["max_neutral"],
        cells=t("intent.long.sep", lang).join(parts),
        written=results["meta"]["written"],
    )
