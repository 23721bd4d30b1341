"""Plotly charts drawn in place: each chart stays one element across reruns and a new figure is drawn
into it with Plotly.react.

st.plotly_chart's element id hashes the figure, so every changed figure became a new element that the
browser re-themed and drew from scratch beside the old one (about 100 ms per chart on a 2-core machine);
redrawn in place, the step-through page's length slider at T = 100 went from 535 / 433 ms to 367 / 327 ms
(medians of two interleaved runs each, benchmarks/bench_memory.py). The browser side is pages/chart.js;
plotly.js itself is the copy the plotly package ships, served from the app's static folder.
"""
from __future__ import annotations

import contextlib
import json
import logging
import shutil
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from pages.links import language
from rnnviz.i18n import t

STATIC = Path(__file__).resolve().parent.parent / "static"  # served at app/static/ (server.enableStaticServing)
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

_mount = st.components.v2.component("rnnviz_chart", js=Path(__file__).with_name("chart.js").read_text(),
                                    isolate_styles=False)  # plotly adds its styles to the page's head


def serve_plotly() -> None:
    """Put the plotly package's plotly.js in the static folder, unless the same file is already there."""
    target = STATIC / PLOTLY_JS.name
    try:
        if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
            STATIC.mkdir(exist_ok=True)
            shutil.copyfile(PLOTLY_JS, target)
    except OSError:  # a read-only install: charts say so on the page (pages/chart.js)
        logging.getLogger(__name__).exception("cannot copy plotly.js to %s", target)


def chart(fig: go.Figure, *, key: str, config: dict | None = None, where=None) -> None:
    """Draw ``fig`` as the chart ``key`` (in ``where``, a column or container, if given).

    A rerun with another figure redraws the same chart; ``config`` is plotly's (toolbar, image export)."""
    lang = language()
    extra = json.dumps({"config": config or {}, "fullscreen": t("chart.fullscreen", lang),
                        "failed": t("chart.failed", lang)})
    # one JSON text, sent as bytes: a dict would be searched for dataframes, which imports pandas in the
    # script thread, and a first import of pandas racing plotly's in another session's thread breaks both
    data = f'{{"figure": {pio.to_json(fig, validate=False)}, {extra[1:]}'.encode()
    with where if where is not None else contextlib.nullcontext():
        _mount(key=key, data=data)
