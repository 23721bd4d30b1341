"""The README's benchmark figure, from the results the benchmark scripts wrote into results/bench/.

Left: core cost as a ratio to one torch.nn forward + backward pass (bench_core, H = 32). Right: the
browser round trip of every page's main control as a ratio to the trivial page's (bench_pages,
bench_memory, bench_gates), with issue 8's targets. Drawn with plotly and photographed by headless
Chromium (no kaleido here):

    python -m benchmarks.plot          # writes docs/benchmarks.png
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from deploy.browser import CHROMIUM_ARGS
from rnnviz.figures.style import CELL_COLORS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results" / "bench"
OUT = ROOT / "docs" / "benchmarks.png"
DASH = {"trace": "dot", "contributions": "solid", "gradient_norms": "dash"}


def rows(name: str) -> list[dict]:
    """The JSON lines (or JSON list) a benchmark wrote."""
    text = (RESULTS / name).read_text()
    return (
        json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines() if line]
    )


def figure() -> go.Figure:
    fig = make_subplots(
        1,
        2,
        column_widths=[0.42, 0.58],
        horizontal_spacing=0.12,
        subplot_titles=(
            "Core cost / torch.nn forward+backward (H = 32)",
            "Browser round trip / trivial page (median of 7)",
        ),
    )
    core = [r for r in rows("core.json") if r["H"] == 32]
    for kind in ("rnn", "lstm", "gru"):
        mine = sorted((r for r in core if r["kind"] == kind), key=lambda r: r["T"])
        for name, dash in DASH.items():
            fig.add_trace(
                go.Scatter(
                    x=[r["T"] for r in mine],
                    y=[r[f"{name}_x"] for r in mine],
                    mode="lines+markers",
                    name=f"{kind.upper()} {name}",
                    line=dict(color=CELL_COLORS[kind], dash=dash),
                    legendgroup="core",
                ),
                1,
                1,
            )
    # every page's length slider (bench_pages), then the step slider of the pages that step
    latency = [r for r in rows("pages.jsonl") if r["page"] != "trivial"]
    latency += [
        r
        for f in ("memory.jsonl", "gates.jsonl")
        for r in rows(f)
        if r.get("control") == "step slider" and r.get("view", "top") == "top"
    ]  # one bar per page and T
    for T, color in ((100, "#56B4E9"), (500, "#CC79A7")):
        mine = [r for r in latency if r["T"] == T]
        fig.add_trace(
            go.Bar(
                x=[f"{r['page']}: {r['control']}" for r in mine],
                y=[r["ratio_median"] for r in mine],
                name=f"T = {T}",
                marker_color=color,
                legendgroup="browser",
            ),
            1,
            2,
        )
    for target, dash in ((2, "dash"), (4, "dot")):
        fig.add_hline(
            y=target,
            line=dict(color="black", dash=dash, width=1),
            row=1,
            col=2,
            annotation_text=f"target at T = {100 if target == 2 else 500}: {target}x",
            annotation_position="top left",
        )
    fig.update_xaxes(type="log", title="sequence length T", tickvals=[50, 100, 200, 500, 1000], row=1, col=1)
    fig.update_yaxes(type="log", title="x floor", tickvals=[0.5, 1, 2, 5, 10, 20, 50], row=1, col=1)
    fig.update_yaxes(title="x trivial page", row=1, col=2)
    fig.update_xaxes(tickangle=-35, row=1, col=2)
    fig.update_layout(
        template="plotly_white",
        width=1400,
        height=620,
        barmode="group",
        margin=dict(l=60, r=20, t=60, b=140),
        font=dict(size=13),
    )
    return fig


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "fig.html"
        figure().write_html(html, include_plotlyjs=True, full_html=True, config={"staticPlot": True})
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1420, "height": 660})
            page.goto(html.as_uri())
            page.wait_for_selector(".main-svg")
            OUT.parent.mkdir(exist_ok=True)
            page.locator(".js-plotly-plot").screenshot(path=OUT)
            browser.close()
    print(OUT)


if __name__ == "__main__":
    main()
