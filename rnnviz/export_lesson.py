"""The guided lesson as a folder of files (python -m rnnviz.export --lesson -o lesson/): every stop of
rnnviz.presets.LESSON before and after its reveal, as its page's exported view cut to the parts that answer
the stop (Stop.shows, what the live projector shows; "whole view" opens all of it live), and index.html linking
them in order with each stop's title, question and answer. The files share one plotly.js beside them, so the
folder is one copy of it (4.8 MB) and not one per file; a stop whose page has no export links to the app."""

from __future__ import annotations

import datetime
import html
import json
from dataclasses import dataclass
from pathlib import Path

from plotly.offline import get_plotlyjs

from . import lesson, presets, urls
from .export import LOCAL, VIEWS, page, version
from .export_parts import ExportError, answering, md
from .figures import style
from .i18n import t

PLOTLY = "plotly.min.js"  # the lesson's one copy of plotly.js, beside its files
INDEX = "index.html"
REVEALS = ("before", "after")


@dataclass
class Entry:
    """One view of the lesson: its stop (1-based), before or after the reveal, its file (None: no export for
    its page) and the link that opens it live."""

    number: int
    stop: presets.Stop
    which: str
    file: str | None
    live: str

    @property
    def href(self) -> str:
        return self.file or self.live


def entries(lang: str, base: str = LOCAL) -> list[Entry]:
    """The lesson's views in order (each stop before, then after its reveal), read from presets.LESSON now."""
    out = []
    for k, stop in enumerate(presets.LESSON, 1):
        for which in REVEALS:
            preset = getattr(stop, which)
            s = preset.settings().replace(lang=lang)
            file = f"{k:02d}-{stop.key}-{which}.html" if preset.page in VIEWS else None
            out.append(Entry(k, stop, which, file, urls.link(s, preset.page, base)))
    return out


def _texts(stop: presets.Stop, which: str, lang: str) -> str:
    """The stop's question, and after the reveal its answer, with the numbers of the view each describes
    (rnnviz.lesson computes them, as the lesson page does)."""
    said = [("question", lesson.text(stop.key, False, stop.before.settings().replace(lang=lang), lang))]
    if which == "after":
        said.append(("answer", lesson.text(stop.key, True, stop.after.settings().replace(lang=lang), lang)))
    return "".join(f"<p><b>{html.escape(t(f'export.lesson.{part}', lang))}:</b> {md(text)}</p>" for part, text in said)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _banner(at: int, views: list[Entry], lang: str) -> str:
    """Above a stop's view: which stop it is, its texts, and the way to the views before and after it."""
    e, n = views[at], len(presets.LESSON)
    nav = [_link(views[at - 1].href, "← " + t("export.lesson.previous", lang))] if at > 0 else []
    nav.append(_link(INDEX, t("export.lesson.index", lang)))
    nav.append(_link(e.live, t("export.lesson.whole", lang)))
    if at + 1 < len(views):
        nav.append(_link(views[at + 1].href, t("export.lesson.next", lang) + " →"))
    keys = {"ArrowLeft": views[at - 1].href if at > 0 else None}
    keys["ArrowRight"] = views[at + 1].href if at + 1 < len(views) else None
    head = f"{t('lesson.stop', lang, k=e.number, n=n)} · {t(f'export.lesson.{e.which}', lang)}"
    title = html.escape(t(f"lesson.{e.stop.key}.title", lang))
    return (
        f'<div class="banner"><p><b>{html.escape(head)}</b> — {title}</p>{_texts(e.stop, e.which, lang)}'
        f"<nav>{''.join(nav)}</nav></div>{_arrow_keys(keys)}"
    )


def _arrow_keys(targets: dict[str, str | None]) -> str:
    """The arrow keys walk the lesson as on the live lesson page: right to the next view, left to the one before."""
    found = json.dumps({key: href for key, href in targets.items() if href}).replace("<", "\\u003c")
    return (
        f"<script>const rnnvizKeys = {found};"
        "document.addEventListener('keydown', e => { if (rnnvizKeys[e.key]) location.href = rnnvizKeys[e.key]; });"
        "</script>"
    )


def index(views: list[Entry], lang: str, today: datetime.date) -> str:
    """index.html: every stop in order, its title, question and answer, and its two views."""
    rows = []
    for k, stop in enumerate(presets.LESSON, 1):
        mine = [e for e in views if e.number == k]
        links = []
        for e in mine:
            text = t(f"export.lesson.{e.which}", lang)
            live = _link(e.live, t("export.lesson.live", lang))
            links.append(f"<li>{_link(e.file, text)} ({live})</li>" if e.file else f"<li>{_link(e.live, text)}</li>")
        missing = ""
        if not all(e.file for e in mine):
            gone = t("export.lesson.no_file", lang, page=t(f"{stop.before.page}.nav", lang))
            missing = f'<p class="note">{html.escape(gone)}</p>'
        rows.append(
            f'<li id="stop-{k}"><h2>{html.escape(t(f"lesson.{stop.key}.title", lang))}</h2>'
            f"{_texts(stop, 'after', lang)}{missing}<ul>{''.join(links)}</ul></li>"
        )
    made = t("export.made", lang, version=version(), date=today.isoformat())
    return f"""<!doctype html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("lesson.title", lang))} · rnnviz</title>
<style>body {{ font-family: sans-serif; max-width: 900px; margin: 0 auto; padding: 1.5rem 2rem; line-height: 1.5; }}
ol > li {{ margin-bottom: 1.5rem; }} .note, .made {{ color: #555; }} a {{ color: #0072B2; }}</style>
</head>
<body>
<h1>{html.escape(t("lesson.title", lang))}</h1>
<p>{md(t("export.lesson.intro", lang, n=len(presets.LESSON)))}</p>
<ol>{"".join(rows)}</ol>
<p class="made">{html.escape(made)}</p>
</body>
</html>
"""


def write(directory: Path, lang: str = "en", base: str = LOCAL, today: datetime.date | None = None) -> list[Path]:
    """Write the lesson into ``directory``: every stop's views that have an export, plotly.js, index.html."""
    today, views = today or datetime.date.today(), entries(lang, base)
    directory.mkdir(parents=True, exist_ok=True)
    style.use_template()
    written = []
    for at, e in enumerate(views):
        if e.file is None:
            continue
        preset = getattr(e.stop, e.which)
        s = preset.settings().replace(lang=lang)
        try:
            view = answering(VIEWS[preset.page](s), e.stop.shows)
        except ExportError as err:
            raise ExportError(f"lesson stop {e.number} ({e.stop.key}, {e.which}): {err}") from err
        path = directory / e.file
        path.write_text(page(view, s, e.live, today, _banner(at, views, lang), PLOTLY), encoding="utf-8")
        written.append(path)
    (directory / PLOTLY).write_text(get_plotlyjs(), encoding="utf-8")
    (directory / INDEX).write_text(index(views, lang, today), encoding="utf-8")
    return [*written, directory / PLOTLY, directory / INDEX]
