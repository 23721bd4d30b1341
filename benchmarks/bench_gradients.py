"""Gradients page latency in a real browser: from moving the sequence-length slider until the charts are redrawn.

Opens /gradients in headless Chromium on a generated sequence of --length tokens (default 1000) with
the cells given (default RNN, LSTM and GRU), waits until the page is idle, then presses ArrowLeft on the
sidebar's length slider --reps times (T = 999, 998, ...: every press is a new T, so nothing comes from
the cache), then ArrowRight back up (T seen before: cached, the floor of a rerun), and measures, in the
page's own clock (performance.now()) from the key press:

    running    the script run has started (data-test-script-state = running)
    finished   the script run has finished (notRunning)
    drawn      the gradient chart's title shows the new T and the factor chart's x axis ends at the new T,
               with the run finished: the charts that depend on T are redrawn

Also reports the first load of the page at that length (a fresh server: imports, the clipping run).
Not a test: the numbers depend on the machine's load, so run it alone:

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_gradients --reps 7
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from deploy.browser import launch, wait_until_idle
from deploy.serve import Replica
from rnnviz.settings import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent

PORT = 8621  # this page's manual-server range is 8620-8629

# Marks, in performance.now() time, of when the run starts, ends, and the T-dependent charts show T.
PROBE_JS = """(T) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const m = window.__marks = {t0: performance.now()};
    const drawn = () => {
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        const title = p => (p._fullLayout && p._fullLayout.title && p._fullLayout.title.text) || '';
        const grad = plots.find(p => title(p).includes('back through time'));
        const factors = plots.find(p => title(p).includes('Per-step factors'));
        const svgTitle = grad && grad.querySelector('.gtitle');
        return svgTitle && svgTitle.textContent.includes(`T = ${T},`)
            && factors && factors._fullLayout.xaxis.range[1] === T + 0.5
            && !document.querySelector('[data-testid="stSkeleton"]');
    };
    const check = () => {
        const state = app.getAttribute('data-test-script-state');
        const now = performance.now();
        if (state === 'running' && m.running === undefined) m.running = now;
        if (m.running !== undefined && state === 'notRunning' && m.finished === undefined) m.finished = now;
        if (m.finished !== undefined && m.drawn === undefined && drawn()) { m.drawn = now; obs.disconnect(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


@contextmanager
def server(port: int):
    """`streamlit run app.py` on 127.0.0.1:port, stopped afterwards."""
    with Replica(port=port) as replica:
        yield replica.url


def measure(url: str, length: int, cells: list[str], reps: int) -> dict:
    from playwright.sync_api import sync_playwright

    query = f"generated=true&length={length}"
    if [c.lower() for c in cells] != list(DEFAULTS.cells):  # a link with a default value gets repaired
        query += "".join(f"&cells={c}" for c in cells)
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(f"{url}/gradients?{query}")
        wait_until_idle(page, 300_000)
        first_load = time.perf_counter() - start
        thumb = page.locator('.st-key-length input[type="range"]')
        rows = []
        # down: every T is new (computed); then back up: every T was seen (cached), the floor of a rerun
        lengths = [length - k for k in range(1, reps + 1)] + [length - k for k in range(reps - 1, 0, -1)]
        for k, T in enumerate(lengths):
            thumb.focus()
            page.evaluate(PROBE_JS, T)
            page.keyboard.press("ArrowLeft" if k < reps else "ArrowRight")
            try:
                page.wait_for_function("() => window.__marks.drawn !== undefined", timeout=120_000, polling=20)
            except Exception:
                print("not redrawn:", page.evaluate("window.__marks"), page.url, file=sys.stderr)
                raise
            marks = page.evaluate("window.__marks")
            rows.append(
                {
                    "T": T,
                    "cached": k >= reps,
                    **{key: round((marks[key] - marks["t0"]) / 1000, 3) for key in ("running", "finished", "drawn")},
                }
            )
            wait_until_idle(page)
        browser.close()
    summary = {}
    for name, cached in (("new_T", False), ("cached_T", True)):
        drawn = [r["drawn"] for r in rows if r["cached"] == cached]
        summary[name] = {"median_s": round(statistics.median(drawn), 3), "min_s": min(drawn), "max_s": max(drawn)}
    return {"length": length, "cells": cells, "first_load_s": round(first_load, 2), **summary, "runs": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--length", type=int, default=1000)
    parser.add_argument("--cells", nargs="+", default=["RNN", "LSTM", "GRU"])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--url", help=f"an already running app (default: start one on port {PORT})")
    args = parser.parse_args()
    if args.url:
        result = measure(args.url, args.length, args.cells, args.reps)
    else:
        with server(PORT) as url:
            result = measure(url, args.length, args.cells, args.reps)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
