"""Gates page latency in a real browser: from a step (or unit) change until the page has re-rendered.

Opens /gates in headless Chromium on a generated sequence of T tokens with the three cells, then
repeatedly changes a control and measures, in the page's own clock (performance.now()):

    run_end    click or key press -> the script run has finished (data-test-script-state = notRunning)
    settled    ... -> the last DOM change of the redraw (charts re-plotted, equations and text
               updated; checked to show the new step), after which nothing changed for 0.5 s

Controls: the step slider and the unit input (arrow keys), and the next/previous buttons.
Reports the median, min and max over --reps repetitions per control, after one warm-up. Not a
test: the numbers depend on the machine's load (on a shared machine the min is the best estimate
of the page's own cost), so run it alone:

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_gates --lengths 100 --reps 9
"""
from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# When the run ends and when the DOM last changed, in performance.now() time.
PROBE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__marks = {};
    new MutationObserver(() => {
        const m = window.__marks, state = app.getAttribute('data-test-script-state');
        if (state === 'running') m.running = true;
        if (state === 'notRunning' && m.running && m.end === undefined) m.end = performance.now();
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    new MutationObserver(() => { window.__marks.last = performance.now(); })
        .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SETTLED_JS = """(quiet) => {
    const m = window.__marks, now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return m.end !== undefined && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && charts.every(c => c.querySelector('.main-svg'))
        && now - (m.last || m.end) > quiet;
}"""

# the sub-header and every bar chart's title name the step the page shows
SHOWS_STEP_JS = """(step) => {
    const heads = [...document.querySelectorAll('h3')].map(h => h.textContent);
    const titles = [...document.querySelectorAll('.main-svg .gtitle')].map(t => t.textContent)
        .filter(t => t.includes(' at step '));
    return heads.some(h => h.startsWith('At step ' + step + ':')) && titles.length > 0
        && titles.every(t => t.includes(' at step ' + step + ' '));
}"""


@contextmanager
def server(port: int):
    """`streamlit run app.py` on 127.0.0.1:port, stopped afterwards."""
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is busy; pass --port or --url")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
         str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def measure(page, act, step: int, quiet_ms: int = 500) -> dict:
    """Do ``act``; return ms until the run ended and until the DOM last changed (showing ``step``)."""
    t0 = page.evaluate("() => { window.__marks = {}; return performance.now(); }")
    act()
    page.wait_for_function(SETTLED_JS, arg=quiet_ms, timeout=120_000, polling=50)
    assert page.evaluate(SHOWS_STEP_JS, step), (f"the page does not show step {step}: "
        + str(page.evaluate("[...document.querySelectorAll('h3, .gtitle')].map(h => h.textContent)")))
    m = page.evaluate("() => window.__marks")
    return {"run_end": m["end"] - t0, "settled": max(m["end"], m.get("last", 0)) - t0}


def controls(page, start: int) -> dict:
    """name -> (change the control on the i-th repetition, the step shown after it).

    The slider goes first: until a widget event, the step buttons act as if at the last step
    (pages/stepper.py reads the step before the URL-bound slider has registered it).
    """
    step_slider = page.locator('[data-testid="stSlider"]').filter(has_text="Step t").get_by_role("slider")
    unit = page.locator(".st-key-unit input")
    return {
        "step slider": (lambda i: step_slider.press("ArrowRight" if i % 2 else "ArrowLeft"),
                        lambda i: start - 1 + i % 2),
        "prev/next buttons": (lambda i: page.locator(".st-key-step_next button" if i % 2 else
                                                     ".st-key-step_prev button").first.click(),
                              lambda i: start - 1 + i % 2),
        "unit up/down": (lambda i: unit.press("ArrowUp" if i % 2 == 0 else "ArrowDown"), lambda i: start),
    }


def run(url: str, lengths: list[int], reps: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for T in lengths:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = T // 2
            page.goto(f"{url}/gates?generated=true&length={T}&step={start}&unit=8")  # unit: room both ways
            page.wait_for_function("() => document.querySelectorAll('.main-svg').length >= 7", timeout=120_000)
            page.evaluate(PROBE_JS)
            for name, (act, shown) in controls(page, start).items():
                samples = [measure(page, lambda i=i: act(i), shown(i)) for i in range(reps + 1)][1:]  # warm-up
                row = {"T": T, "control": name, "reps": reps}
                for key in ("run_end", "settled"):
                    values = [s[key] for s in samples]
                    row[f"{key}_median_ms"] = round(statistics.median(values))
                    row[f"{key}_min_ms"] = round(min(values))  # the best estimate of the page's own cost
                    row[f"{key}_max_ms"] = round(max(values))
                rows.append(row)
                print(json.dumps(row), flush=True)
            page.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100])
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--port", type=int, default=8631, help="port for the server this script starts")
    parser.add_argument("--url", help="use a running server instead of starting one")
    args = parser.parse_args()
    if args.url:
        run(args.url, args.lengths, args.reps)
        return
    with server(args.port) as url:
        run(url, args.lengths, args.reps)


if __name__ == "__main__":
    main()
