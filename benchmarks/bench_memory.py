"""Step-through page latency in a real browser: from a slider change until the page has settled.

Opens /memory in headless Chromium on a generated sequence of T tokens with the three cells,
then repeatedly moves a control and measures, in the page's own clock (performance.now()):

    run_start  the key press or click -> the script run starts (data-test-script-state = running)
    run_end    ... -> the run has finished (notRunning)
    settled    ... -> the last DOM change of the redraw (every chart drawn, nothing changed for 0.5 s)

It also reports the CPU time the server and the browser (all Chromium processes) spent per
action, read from /proc: on a machine shared with other work the wall times above stretch, while
CPU time stays close to what an idle machine needs (server + browser CPU is an upper bound of the
idle latency after the key press, minus the slider's own debounce, as the two partly overlap).

Controls: the step slider (arrow keys); the previous/next buttons; the sequence-length slider (one
token longer each press: the page computes generated sequences in blocks of 50 tokens, so within
a block this reuses the contributions and only re-derives shares and span); and the seed (+1 each
press: new weights and inputs, so every contribution and trace is computed afresh, the cost of
crossing into a new block too). Reports the median and max over --reps repetitions per control.
Not a test: numbers depend on the machine's load, so run it alone, under `flock /tmp/rnnviz-bench.lock`.

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_memory --lengths 100 500 --reps 7
"""
from __future__ import annotations

import argparse
import json
import os
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

# Records when a run starts and ends and when the DOM last changed, relative to window.__t0.
PROBE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__marks = {};
    new MutationObserver((records) => {
        const now = performance.now(), m = window.__marks;
        records.forEach((r, i) => {  // a record holds the old value; the new one is the next record's old value
            const value = i + 1 < records.length ? records[i + 1].oldValue : app.getAttribute(r.attributeName);
            if (value === 'running' && m.start === undefined) m.start = now;
            if (value === 'notRunning' && m.start !== undefined && m.end === undefined) m.end = now;
        });
    }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    new MutationObserver(() => { window.__marks.last = performance.now(); })
        .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SETTLED_JS = """(quiet) => {
    const m = window.__marks, now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return m.end !== undefined && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && charts.length > 0 && charts.every(c => c.querySelector('.main-svg'))
        && now - (m.last || m.end) > quiet;
}"""


TAG = f"--rnnviz-bench={os.getpid()}"  # an inert switch that finds our Chromium in /proc


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[int]:
    """root and all its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parts = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(parts[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _browser_pid() -> int:
    for cmd in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if TAG.encode() in cmd.read_bytes():
                return int(cmd.parent.name)
        except OSError:
            pass
    raise RuntimeError("cannot find the benchmark's Chromium in /proc")


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@contextmanager
def server(port: int):
    """`streamlit run app.py` on 127.0.0.1:port, stopped afterwards."""
    if not _free(port):
        raise SystemExit(f"port {port} is busy; pass --port or --url")
    proc = subprocess.Popen(  # python -m streamlit: the process itself is the server, its pid is ours
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
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def measure(page, act, pids: dict, quiet_ms: int = 500) -> dict:
    """Do ``act``; return run_start, run_end and settled in ms after it, and CPU ms per process group."""
    groups = {name: _tree(pid) for name, pid in pids.items()}
    before = {name: _cpu(group) for name, group in groups.items()}
    t0 = page.evaluate("() => { window.__marks = {}; return performance.now(); }")
    act()
    page.wait_for_function("() => window.__marks.start !== undefined", timeout=10_000, polling=20)
    page.wait_for_function(SETTLED_JS, arg=quiet_ms, timeout=120_000, polling=50)
    m = page.evaluate("() => window.__marks")
    out = {"run_start": m["start"] - t0, "run_end": m["end"] - t0, "settled": max(m["end"], m.get("last", 0)) - t0}
    for name, group in groups.items():
        out[f"{name}_cpu"] = 1000 * (_cpu(group) - before[name])  # includes the 0.5 s quiet wait (idle)
    return out


def slider(page, label: str):
    """The thumb of the slider whose label contains ``label``."""
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider")


def controls(page) -> dict:
    """name -> a function that changes that control once (the i-th time)."""
    step, length = slider(page, "Step t"), slider(page, "Length of the generated sequence")
    return {
        "step slider": lambda i: step.press("ArrowLeft" if i % 2 == 0 else "ArrowRight"),
        "prev/next buttons": lambda i: page.locator(".st-key-step_next button").first.click()
        if i % 2 else page.locator(".st-key-step_prev button").first.click(),
        "length slider": lambda i: length.press("ArrowRight"),  # one longer each time, within a block
        "seed +1 (recompute)": lambda i: page.locator('[data-testid="stNumberInputStepUp"]').first.click(),
    }


def run(url: str, lengths: list[int], reps: int, server_pid: int | None = None, charts: int = 6) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS + [TAG])
        pids = {"browser": _browser_pid(), **({"server": server_pid} if server_pid else {})}
        for T in lengths:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/memory?generated=true&length={T}&step={T // 2}")
            page.wait_for_function(f"() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg')"
                                   f".length >= {charts}", timeout=120_000)
            page.evaluate(PROBE_JS)
            for name, act in controls(page).items():
                measure(page, lambda: act(0), pids)  # warm-up: first-use costs are not the steady state
                samples = [measure(page, lambda i=i: act(i + 1), pids) for i in range(reps)]
                row = {"T": T, "control": name, "reps": reps}
                for key in samples[0]:
                    values = [s[key] for s in samples]
                    row[f"{key}_median_ms"] = round(statistics.median(values))
                    if not key.endswith("cpu"):
                        row[f"{key}_max_ms"] = round(max(values))
                rows.append(row)
                print(json.dumps(row), flush=True)
            page.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--port", type=int, default=8611, help="port for the server this script starts")
    parser.add_argument("--url", help="use a running server instead of starting one")
    parser.add_argument("--charts", type=int, default=6, help="charts the page draws (wait for them to load)")
    parser.add_argument("--server-pid", type=int, help="that server's pid, to report its CPU time")
    args = parser.parse_args()
    if args.url:
        run(args.url, args.lengths, args.reps, args.server_pid, args.charts)
        return
    with server(args.port) as (url, pid):
        run(url, args.lengths, args.reps, pid, args.charts)


if __name__ == "__main__":
    main()
