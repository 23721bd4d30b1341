"""Charts: each plotly chart is one element that stays the same across reruns, a new figure drawn into it in
place with Plotly.react (pages/chart.js), with its exports: PNG from its toolbar, CSV of its numbers below.

st.plotly_chart's element id hashes the figure, so every changed figure would become a new element that
the browser draws from scratch beside the old one. plotly.js is the copy the plotly package ships, served
from the app's static folder.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from pathlib import Path

import plotly
import plotly.graph_objects as go
import streamlit as st

from pages.cache import Chart
from pages.links import language
from rnnviz.figures import export, style
from rnnviz.i18n import t

STATIC = Path(__file__).resolve().parent.parent / "static"  # served at app/static/ (server.enableStaticServing)
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

_mount = st.components.v2.component(
    "rnnviz_chart", js=Path(__file__).with_name("chart.js").read_text(), isolate_styles=False
)  # plotly adds its styles to the page's head


def serve_plotly() -> None:
    """Put the plotly package's plotly.js in the static folder, unless the same file is already there."""
    target = STATIC / PLOTLY_JS.name
    try:
        if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
            STATIC.mkdir(exist_ok=True)
            shutil.copyfile(PLOTLY_JS, target)
    except OSError:  # a read-only install: charts say so on the page (pages/chart.js)
        logging.getLogger(__name__).exception("cannot copy plotly.js to %s", target)


def chart(fig: Chart | go.Figure, *, key: str, where=None) -> None:
    """Draw ``fig`` as the chart ``key`` (in ``where``, a column or container, if given), with a CSV download
    of its numbers under it (built only when clicked). A rerun with another figure redraws the same chart."""
    lang = language()
    text, figure = (fig.json, fig.figure) if isinstance(fig, Chart) else (style.to_json(fig), lambda: fig)
    config = {"toImageButtonOptions": {"format": "png", "filename": key, "scale": 2}}
    extra = json.dumps({"config": config, "fullscreen": t("chart.fullscreen", lang), "failed": t("chart.failed", lang)})
    # one JSON text, sent as bytes: a dict would be searched for dataframes, which imports pandas in the
    # script thread, and a first import of pandas racing plotly's in another session's thread breaks both
    data = f'{{"figure": {text}, {extra[1:]}'.encode()
    with where if where is not None else contextlib.nullcontext():
        _mount(key=key, data=data)
        st.download_button(
            t("export.csv", lang),
            data=lambda: export.to_csv(figure()),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            type="tertiary",
            icon=":material/download:",
        )
