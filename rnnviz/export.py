"""A view as one self-contained HTML file: plotly.js inside, the view's charts for its settings, their steps as
plotly frames (a slider and a play button), the texts, the settings written out and the link that opens the
view live. The same figures and core calls as the pages; no streamlit.

    python -m rnnviz.export "http://host:8501/memory?length=30&seed=2" -o view.html
"""

from __future__ import annotations

import argparse
import datetime
import html
import importlib.metadata
import json
import re
import sys
import tomllib
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from . import checkpoints, gates, memory, scene, urls
from .figures import gates as gate_figs
from .figures import memory as memory_figs
from .figures import memory_html, stepped, style
from .i18n import TEXTS, t
from .settings import MODEL_FIELDS, Settings, from_query

LOCAL = "http://localhost:8501"  # the live link's server when the link names none (streamlit's default)
SHOWN = (*MODEL_FIELDS, "cells", "step", "focus", "unit", "shade", "lang")  # the settings a file writes out


class ExportError(ValueError):
    """A view that cannot be written (no cells, no tokens, a broken checkpoint, a page with no export)."""


@dataclass
class Part:
    """One block of the file: a figure (or a row of them, side by side) or ready HTML, and its look-for text."""

    figures: list[go.Figure] = field(default_factory=list)
    html: str = ""
    look: str = ""
    header: str = ""


@dataclass
class View:
    title: str
    intro: str
    tokens: list[str]
    parts: list[Part]


def _start(s: Settings, T: int) -> int:
    """The step the file opens at: the link's (0 means the last), within 1..T."""
    return min(s.step, T) if s.step > 0 else T


def _sequence(s: Settings) -> list[str]:
    if not s.cells:
        raise ExportError(t("msg.no_cells", s.lang))
    try:
        tokens = scene.sequence(s.model).tokens
    except checkpoints.CheckpointError as e:
        raise ExportError(str(e)) from e
    if not tokens:
        raise ExportError(t("msg.no_tokens", s.lang))
    return tokens


def memory_view(s: Settings) -> View:
    """The step-through page: hidden states, what h_t is made of, the contribution maps (all stepping
    together), one token's influence and each cell's memory span."""
    m, lang, tokens = s.model, s.lang, _sequence(s)
    T, kinds, both = len(tokens), list(s.cells), s.model.bidirectional
    start, focus = _start(s, T), max(1, min(s.focus, T))
    maps = {k: scene.contributions(m, k) for k in kinds}
    hidden = memory_figs.hidden_so_far({k: scene.trace(m, k).hidden for k in kinds}, tokens, lang, both)
    hidden.layout.title.text = t("export.hidden.title", lang)
    curves = {k: memory.relative(C, focus - 1) for k, C in maps.items()}
    raw = {k: C[focus - 1 :, focus - 1] for k, C in maps.items()}
    spans = "".join(
        f"<tr><th>{html.escape(t('memory.span.label', lang, cell=t(f'cell.{k}', lang)))}</th>"
        f"<td>{html.escape(memory_html.span_text(memory.memory_span(C), lang))}</td></tr>"
        for k, C in maps.items()
    )
    definition = t("memory.span.definition", lang, tokens=-(-T // 2), horizon=T // 2)
    parts = [
        Part([stepped.composition({k: memory.shares(C) for k, C in maps.items()}, tokens, start, lang)]),
        Part([stepped.hidden_marks(hidden, len(kinds), T, start, both)]),
        Part([stepped.map_marks(memory_figs.contribution_maps(maps, lang), len(kinds), T, start, both)]),
        Part(look=t("export.composition.look", lang)),
        Part(
            [memory_figs.influence(curves, raw, tokens, focus, lang)],
            look=t("memory.look.influence", lang),
            header=t("memory.influence.header", lang),
        ),
        Part(
            html=f'<table class="spans">{spans}</table><p class="note">{_md(definition)}</p>',
            look=t("memory.look.span", lang),
            header=t("memory.span.header", lang),
        ),
    ]
    return View(t("memory.title", lang), t("memory.intro", lang), tokens, parts)


def gates_view(s: Settings) -> View:
    """The gates page: every gate at the current step as bars (the slider), each cell's gates as heatmaps
    over the sequence (the step boxed), the text shaded by one unit, gate saturation."""
    lang, tokens = s.lang, _sequence(s)
    m, T = s.model.one_way(), len(tokens)
    traces = {k: scene.trace(m, k) for k in s.cells}
    ranges = gates.ranges(traces, m.nonlinearity)
    rows = {k: [(q, gates.values(tr, q)) for q in gates.rows(k, m.nonlinearity)] for k, tr in traces.items()}
    start, unit = _start(s, T), max(1, min(s.unit, next(iter(traces.values())).hidden.shape[1]))
    bars = {k: [(q, v) for q, v in r if q.field != "cell_state"] for k, r in rows.items()}
    heatmaps = [
        stepped.column_marks(gate_figs.gate_heatmaps(k, r, tokens, ranges, lang), T, start) for k, r in rows.items()
    ]
    looks = "".join(
        f"<p><b>{html.escape(t(f'cell.{k}', lang))}</b></p><ul>"
        + "".join(f"<li>{_md(t(f'gates.look.{q.symbol}', lang))}</li>" for q, _ in r)
        + "</ul>"
        for k, r in rows.items()
    )
    shaded = gate_figs.shaded_lines(traces, tokens, ranges, unit, s.shade, m.nonlinearity, lang)
    parts = [
        Part([stepped.gate_bars(bars, tokens, ranges, unit, start, lang)], look=t("gates.bars.look", lang)),
        Part(
            heatmaps,
            html=f'<div class="looks">{looks}</div>',
            look=t("export.heat.look", lang),
            header=t("gates.heatmaps.header", lang),
        ),
        Part(
            html="".join(shaded) or f"<p>{_md(t('gates.text.none', lang, symbol=s.shade))}</p>",
            look=t("gates.text.look", lang),
            header=t("gates.text.header", lang),
        ),
    ]
    if any(k != "rnn" for k in s.cells):
        sat = {k: gates.cell_saturation(traces[k], k) for k in s.cells if k != "rnn"}
        parts.append(Part([gate_figs.saturation_chart(sat, lang)], look=t("gates.sat.look", lang)))
    return View(t("gates.title", lang), t("gates.intro", lang), tokens, parts)


VIEWS: dict[str, Callable[[Settings], View]] = {"memory": memory_view, "gates": gates_view}


def version() -> str:
    """rnnviz's version: the installed package's, else the source tree's pyproject.toml."""
    try:
        return importlib.metadata.version("rnnviz")
    except importlib.metadata.PackageNotFoundError:
        project = Path(__file__).resolve().parent.parent / "pyproject.toml"
        return tomllib.loads(project.read_text())["project"]["version"] if project.is_file() else "unknown"


def _md(text: str) -> str:
    """A text of rnnviz/i18n as safe HTML: escaped, then its **bold** and its $maths$ in plain type."""

    def maths(match: re.Match) -> str:
        inner = match.group(1).replace("\\tanh", "tanh").replace("\\sigma", "σ").replace("\\cdot", "·")
        inner = re.sub(r"_\{([^}]*)\}|_(\w)", lambda g: f"<sub>{g.group(1) or g.group(2)}</sub>", inner)
        return f"<i>{inner}</i>"

    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html.escape(text, quote=False))
    return re.sub(r"\$(.+?)\$", maths, out)


def _shown(name: str, value, lang: str) -> str:
    """A setting's value as the sidebar shows it."""
    if isinstance(value, bool):
        return t("export.yes" if value else "export.no", lang)
    if isinstance(value, tuple):
        return ", ".join(_shown(name, v, lang) for v in value)
    key = f"setting.{name}.{value}"
    if name in urls.URL_LABELS:
        return str(urls.URL_LABELS[name](value))
    return t(key, lang) if key in TEXTS else str(value)


def _settings_table(s: Settings) -> str:
    rows = []
    for name in SHOWN:
        key = f"setting.{name}"
        label = t(key, s.lang) if key in TEXTS else name
        rows.append(
            f"<tr><th>{html.escape(label)}</th><td><code>{html.escape(_shown(name, getattr(s, name), s.lang))}"
            "</code></td></tr>"
        )
    head = f"<tr><th>{html.escape(t('export.setting', s.lang))}</th><th>{html.escape(t('export.value', s.lang))}</th>"
    return f'<table class="settings">{head}</tr>{"".join(rows)}</table>'


STYLE = """
body { font-family: "Source Sans Pro", "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 1280px;
  padding: 1.5rem 2rem 3rem; color: #1A1A1A; line-height: 1.5; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; } h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; }
.look { background: #E8F1FB; border-radius: .5rem; padding: .6rem 1rem; margin: .4rem 0 1.2rem; }
.row { display: flex; gap: 1rem; } .row > .chart { flex: 1; min-width: 0; }
.chart { margin: .5rem 0; }
.tokens code { background: #F2F2F2; padding: 0 .3rem; margin: 0 .1rem; border-radius: 3px; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .2rem .8rem; border-bottom: 1px solid #E5E5E5; }
.looks { display: flex; gap: 2rem; font-size: .92rem; } .looks ul { margin: 0; padding-left: 1.2rem; }
.note, .made { color: #555; font-size: .9rem; } a { color: #0072B2; } .link { word-break: break-all; }
"""

# Draw every figure with its frames; the figure with the slider leads, and every frame it shows (the slider
# moved, or playing) is shown by the others too.
SCRIPT = """
const specs = JSON.parse(document.getElementById('rnnviz-figures').textContent);
const config = {responsive: true, displaylogo: false};
Promise.all(specs.map((f, i) => Plotly.newPlot('rnnviz-fig-' + i, f.data, f.layout, config)
    .then(gd => (f.frames || []).length ? Plotly.addFrames(gd, f.frames).then(() => gd) : gd)))
  .then(gds => {
    const leader = gds.find(gd => (gd.layout.sliders || []).length);
    const followers = gds.filter(gd => gd !== leader && gd._transitionData._frames.length);
    const now = {mode: 'immediate', frame: {duration: 0, redraw: true}, transition: {duration: 0}};
    if (leader) leader.on('plotly_animatingframe', e => followers.forEach(gd => Plotly.animate(gd, [e.name], now)));
    document.body.dataset.drawn = String(gds.length);
  });
"""


def _json(figures: list[go.Figure]) -> str:
    """The figures as plotly.js reads them (numpy as base64 typed arrays), safe inside a script element."""
    text = json.dumps([f.to_dict() for f in figures], default=style._typed_array)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(view: View, s: Settings, link: str, today: datetime.date | None = None) -> str:
    """The view as one HTML file (plotly.js inlined)."""
    lang, figures, body = s.lang, [], []
    for part in view.parts:
        if part.header:
            body.append(f"<h2>{html.escape(part.header)}</h2>")
        charts = []
        for fig in part.figures:
            charts.append(f'<div class="chart" id="rnnviz-fig-{len(figures)}"></div>')
            figures.append(fig)
        if charts:
            body.append(f'<div class="row">{"".join(charts)}</div>' if len(charts) > 1 else charts[0])
        body.append(part.html)
        if part.look:
            body.append(f'<div class="look"><b>{html.escape(t("what_to_look_for", lang))}</b> — {_md(part.look)}</div>')
    tokens = "".join(f"<code>{html.escape(tok)}</code>" for tok in view.tokens)
    made = t("export.made", lang, version=version(), date=(today or datetime.date.today()).isoformat())
    return f"""<!doctype html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rnnviz {html.escape(version())}">
<title>{html.escape(view.title)} · rnnviz</title>
<style>{STYLE}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
<h1>{html.escape(view.title)}</h1>
<p>{_md(view.intro)}</p>
<p class="tokens">{html.escape(t("export.text", lang))}: {tokens}</p>
<div class="look">{_md(t("export.steps.look", lang))}</div>
{"".join(body)}
<h2>{html.escape(t("export.settings", lang))}</h2>
{_settings_table(s)}
<p><a href="{html.escape(link)}">{html.escape(t("export.live", lang))}</a>:
<code class="link">{html.escape(urllib.parse.unquote(link))}</code></p>
<p class="made">{html.escape(made)}</p>
<script type="application/json" id="rnnviz-figures">{_json(figures)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""


def export(s: Settings, view: str, base: str = LOCAL, today: datetime.date | None = None) -> str:
    """The HTML file of ``view`` ("memory", "gates") at settings ``s``; ``base``: the live server's address."""
    if view not in VIEWS:
        raise ExportError(f"no export for the page {view!r}: rnnviz exports {', '.join(VIEWS)}")
    style.use_template()
    return page(VIEWS[view](s), s, urls.link(s, view, base), today)


def from_link(link: str, view: str | None = None) -> tuple[str, Settings, str, list]:
    """(the page, its settings, the live server's address, the repairs made) of a view link or query string."""
    path, raw = urls.parse(link)
    parts = urllib.parse.urlsplit(link.strip())
    base = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else LOCAL
    page_name = path or view or "memory"
    if page_name not in VIEWS:
        known = ", ".join(f"/{v}" for v in VIEWS)
        raise ExportError(f"the link names the page {page_name!r}; rnnviz exports {known} (e.g. /memory?seed=2)")
    settings, notes = from_query(raw)
    return page_name, settings, base, notes


def main(argv: list[str] | None = None) -> int:
    """The command line: a view link to an HTML file."""
    parser = argparse.ArgumentParser(prog="python -m rnnviz.export", description=__doc__.split("\n\n")[0])
    parser.add_argument("link", help='a view link ("http://host:8501/gates?seed=2") or its query string')
    parser.add_argument("-o", "--output", default="view.html", help="the file to write (default view.html)")
    parser.add_argument("--view", choices=tuple(VIEWS), help="the page, when the link is a bare query string")
    args = parser.parse_args(argv)
    try:
        name, settings, base, notes = from_link(args.link, args.view)
        for n in notes:
            print(f"note: {n.field}={n.raw!r} is {n.reason.replace('_', ' ')}; using {n.value!r}", file=sys.stderr)
        text = export(settings, name, base)
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except (ExportError, OSError, ValueError) as e:
        print(f"rnnviz.export: {e}", file=sys.stderr)
        return 2
    print(f"{out}: {name} view, {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
