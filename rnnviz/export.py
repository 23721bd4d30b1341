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
import sys
import tomllib
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import torch
from plotly.offline import get_plotlyjs

from . import export_views, urls
from .export_forecast import forecast_view
from .export_generate import generate_view
from .export_gradients import gradients_view
from .export_intent import intent_view
from .export_parts import ExportError, View, md
from .export_training import training_view
from .export_translate import translate_view
from .figures import style
from .i18n import LANGS, TEXTS, t
from .settings import Settings, from_query

__all__ = ["VIEWS", "ExportError", "export", "from_link", "main", "page", "version"]

LOCAL = "http://localhost:8501"  # the live link's server when the link names none (streamlit's default)
ROOT = "home"  # the page served at the app's root URL (app.py: the first page is the default)


VIEWS: dict[str, Callable[[Settings], View]] = {
    "home": export_views.home_view,
    "memory": export_views.memory_view,
    "gates": export_views.gates_view,
    "gradients": gradients_view,
    "intent": intent_view,
    "translate": translate_view,
    "forecast": forecast_view,
    "generate": generate_view,
    "training": training_view,
}  # a page's url path -> its view in a file


def version() -> str:
    """rnnviz's version: the installed package's, else the source tree's pyproject.toml."""
    try:
        return importlib.metadata.version("rnnviz")
    except importlib.metadata.PackageNotFoundError:
        project = Path(__file__).resolve().parent.parent / "pyproject.toml"
        return tomllib.loads(project.read_text())["project"]["version"] if project.is_file() else "unknown"


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


def _settings_table(s: Settings, shown: tuple[str, ...]) -> str:
    rows = []
    for name in shown:
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
.box { border-radius: .5rem; padding: .6rem 1rem; margin: .5rem 0; background: #EEF4FB; }
.box.warning, .box.open { background: #FFF4D6; } .box.explode { background: #FDE7E7; }
.box.edge, .box.success { background: #E6F4EA; }
.banner { border: 2px solid #1A1A1A; border-radius: .5rem; padding: .6rem 1rem; margin: 0 0 1rem; }
.banner nav { display: flex; gap: 1.5rem; }
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


def page(
    view: View, s: Settings, link: str, today: datetime.date | None = None, banner: str = "", plotly: str = ""
) -> str:
    """The view as one HTML file, plotly.js inlined (``plotly``: or the address of a copy beside it, which a
    lesson's files share); ``banner``: HTML above the view (a lesson stop's texts)."""
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
            body.append(f'<div class="look"><b>{html.escape(t("what_to_look_for", lang))}</b> — {md(part.look)}</div>')
    tokens = " ".join(f"<code>{html.escape(tok)}</code>" for tok in view.tokens)  # spaces: a long text wraps
    made = t("export.made", lang, version=version(), date=(today or datetime.date.today()).isoformat())
    steps = any(fig.layout.sliders for fig in figures)  # only a file that steps says how to step it
    steps_look = f'<div class="look">{md(t("export.steps.look", lang))}</div>' if steps else ""
    return f"""<!doctype html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rnnviz {html.escape(version())}">
<title>{html.escape(view.title)} · rnnviz</title>
<style>{STYLE}</style>
{f'<script src="{html.escape(plotly)}"></script>' if plotly else f"<script>{get_plotlyjs()}</script>"}
</head>
<body>
{banner}
<h1>{html.escape(view.title)}</h1>
<p>{md(view.intro)}</p>
{f'<p class="tokens">{html.escape(t("export.text", lang))}: {tokens}</p>' if view.tokens else ""}
{steps_look}
{"".join(body)}
<h2>{html.escape(t("export.settings", lang))}</h2>
{_settings_table(s, view.shown)}
<p><a href="{html.escape(link)}">{html.escape(t("export.live", lang))}</a>:
<code class="link">{html.escape(urllib.parse.unquote(link))}</code></p>
<p class="made">{html.escape(made)}</p>
<script type="application/json" id="rnnviz-figures">{_json(figures)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""


def export(s: Settings, view: str, base: str = LOCAL, today: datetime.date | None = None) -> str:
    """The HTML file of ``view`` (a key of VIEWS) at settings ``s``; ``base``: the live server's address."""
    if view not in VIEWS:
        raise ExportError(f"no export for the page {view!r}: rnnviz exports {', '.join(VIEWS)}")
    style.use_template()
    return page(VIEWS[view](s), s, urls.link(s, "" if view == ROOT else view, base), today)


def _server(link: str) -> str:
    """The live server's address in a link, else LOCAL."""
    parts = urllib.parse.urlsplit(link.strip())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else LOCAL


def from_link(link: str, view: str | None = None) -> tuple[str, Settings, str, list]:
    """(the page, its settings, the live server's address, the repairs made) of a view link or query string."""
    path, raw = urls.parse(link)
    base = _server(link)
    is_link = link.strip().startswith("/") or urllib.parse.urlsplit(link.strip()).scheme in ("http", "https")
    page_name = path or view or (ROOT if is_link else "memory")  # a bare query string: the step-through
    if page_name not in VIEWS:
        known = ", ".join(f"/{v}" for v in VIEWS)
        raise ExportError(f"the link names the page {page_name!r}; rnnviz exports {known} (e.g. /memory?seed=2)")
    settings, notes = from_query(raw)
    return page_name, settings, base, notes


def _lesson(args, parser) -> str:
    """--lesson: the whole lesson into the folder ``-o``, in the link's language or --lang's."""
    from . import export_lesson  # the lesson is built of this module's views

    lang, base = args.lang, LOCAL
    if args.link:  # any page's link (the lesson page's, say): only its language and server count
        lang, base = args.lang or from_query(urls.parse(args.link)[1])[0].lang, _server(args.link)
    out = Path(args.output if args.output != parser.get_default("output") else "lesson")
    files = export_lesson.write(out, lang or "en", base)
    size = sum(f.stat().st_size for f in files) / 1e6
    return f"{out / export_lesson.INDEX}: the lesson, {len(files) - 2} views written, {size:.2f} MB in all"


def main(argv: list[str] | None = None) -> int:
    """The command line: a view link to an HTML file, or --lesson to a folder."""
    parser = argparse.ArgumentParser(prog="python -m rnnviz.export", description=__doc__.split("\n\n")[0])
    parser.add_argument("link", nargs="?", help='a view link ("http://host:8501/gates?seed=2") or its query string')
    parser.add_argument("-o", "--output", default="view.html", help="the file (or --lesson: folder) to write")
    parser.add_argument("--view", choices=tuple(VIEWS), help="the page, when the link is a bare query string")
    parser.add_argument("--lesson", action="store_true", help="every lesson stop, before and after its reveal")
    parser.add_argument("--lang", choices=tuple(LANGS), help="the language (default: the link's, else en)")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # small tensors: one thread is faster (3x for the clipping runs) and leaves a core free
    if not args.lesson and not args.link:
        parser.error("give a view link, or --lesson")
    try:
        if args.lesson:
            print(_lesson(args, parser))
            return 0
        name, settings, base, notes = from_link(args.link, args.view)
        for n in notes:
            print(f"note: {n.field}={n.raw!r} is {n.reason.replace('_', ' ')}; using {n.value!r}", file=sys.stderr)
        if args.lang:
            settings = settings.replace(lang=args.lang)
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
