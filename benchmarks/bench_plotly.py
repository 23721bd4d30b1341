"""The step-through page's three figures drawn by plotly.js alone, outside Streamlit, in headless Chromium.

Each figure (hidden states, contribution maps, influence of token 1) is built by rnnviz's figure functions
for generated sequences of length T, T + 1, ..., T + 5 (three cells, default settings), serialised the way
the page sends them (``plotly.io.to_json``) with rnnviz's template, and drawn on a blank page with the
plotly.js that the plotly Python package ships, two ways:

    new plot   Plotly.newPlot into a fresh element: what st.plotly_chart made the browser do after a
               figure changed (its element id hashes the figure, so a changed figure is a new element)
    in place   Plotly.react on the element already showing the figure for the previous length: what
               rnnviz's charts do now (pages/charts.py)

The time of each is from the call until the browser has laid the page out again. It tells how much of a
page's redraw is plotly's own drawing and how much the framework around it (compare bench_memory's
length slider). Not a test: run it alone,

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_plotly --lengths 100 500 --reps 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

import plotly
import plotly.io as pio

from deploy.browser import CHROMIUM_ARGS
from rnnviz import analysis, memory, scene
from rnnviz import settings as cfg
from rnnviz.figures import memory as figs
from rnnviz.figures import style

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

DRAW_JS = """async ([specs, reps]) => {
    const place = () => { const g = document.createElement('div'); g.style.width = '1300px';
                          document.body.replaceChildren(g); return g; };
    const settle = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const timed = async (draw) => { const t0 = performance.now(); await draw();
                                    document.body.getBoundingClientRect(); const dt = performance.now() - t0;
                                    await settle(); return dt; };
    const fresh = [], inPlace = [];
    for (let r = 0; r < reps; r++) {
        for (const s of specs) { const f = JSON.parse(s), g = place();
                                 fresh.push(await timed(() => Plotly.newPlot(g, f.data, f.layout))); }
        const g = place(); await Plotly.newPlot(g, JSON.parse(specs[0]).data, JSON.parse(specs[0]).layout);
        for (const s of specs.slice(1)) { const f = JSON.parse(s);
                                          inPlace.push(await timed(() => Plotly.react(g, f.data, f.layout))); }
    }
    return [fresh, inPlace];
}"""


def figures(T: int) -> dict[str, str]:
    """The page's three figures for a generated sequence of T tokens, as the JSON the page sends."""
    s = cfg.DEFAULTS.replace(generated=True, length=T)
    seq = scene.sequence(s)
    C = {kind: analysis.contributions(scene.cell(s, kind), seq.x) for kind in s.cells}
    hidden = {kind: analysis.trace(scene.cell(s, kind), seq.x).hidden for kind in s.cells}
    made = {
        "hidden states": figs.hidden_so_far(hidden, seq.tokens),
        "contribution maps": figs.contribution_maps(C),
        "influence": figs.influence(
            {k: memory.relative(c, 0) for k, c in C.items()}, {k: c[:, 0] for k, c in C.items()}, seq.tokens, 1
        ),
    }
    return {name: pio.to_json(fig, validate=False) for name, fig in made.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--reps", type=int, default=3, help="rounds over the six lengths")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    style.use_template()
    specs = {T: [figures(T + i) for i in range(6)] for T in args.lengths}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "plotly.html"
        page_file.write_text(f"<html><body><script src='{PLOTLY_JS.as_uri()}'></script></body></html>")
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=[*CHROMIUM_ARGS, "--allow-file-access-from-files"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.Plotly")
        for T, runs in specs.items():
            for name in runs[0]:
                fresh, in_place = page.evaluate(DRAW_JS, [[run[name] for run in runs], args.reps])
                print(
                    json.dumps(
                        {
                            "figure": name,
                            "T": T,
                            "plotly_js": page.evaluate("() => Plotly.version"),
                            "spec_kb": round(len(runs[0][name]) / 1000),
                            "new_plot_median_ms": round(statistics.median(fresh), 1),
                            "in_place_median_ms": round(statistics.median(in_place), 1),
                        }
                    ),
                    flush=True,
                )
        browser.close()


if __name__ == "__main__":
    main()
