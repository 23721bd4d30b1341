"""Browser-latency machinery shared by the page benchmarks: a server, a probe, one timed action, the floor.

The floor is the framework's own round trip: ``trivial_page.py`` (one slider, nothing else) served by
its own `streamlit run` process, started the same way as the app's, and timed the same way (a key
press on its slider until the page has settled). Page latencies are reported as ratios to it
(issue 8: at most 2x at T = 100, 4x at T = 500).
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = Path(__file__).resolve().parent / "trivial_page.py"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TAG = f"--rnnviz-bench={os.getpid()}"  # an inert switch that finds our Chromium in /proc

# Records when a run starts and ends and when the DOM last changed, in performance.now() time.
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

# The run has ended (seen, unless ``seen`` is false), no chart is loading or undrawn, and the DOM has
# been quiet for ``quiet`` ms.
SETTLED_JS = """([quiet, charts, seen]) => {
    const m = window.__marks, now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const drawn = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return (m.end !== undefined || !seen) && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && drawn.length >= charts && drawn.every(c => c.querySelector('.main-svg'))
        && now - (m.last || m.end) > quiet;
}"""


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


def browser_pid() -> int:
    """The pid of the Chromium launched with CHROMIUM_ARGS + [TAG]."""
    for cmd in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if TAG.encode() in cmd.read_bytes():
                return int(cmd.parent.name)
        except OSError:
            pass
    raise RuntimeError("cannot find the benchmark's Chromium in /proc")


@contextmanager
def server(port: int, script: str = "app.py"):
    """`streamlit run <script>` on 127.0.0.1:port, stopped afterwards; yields (url, pid)."""
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is busy; pass --port")
    proc = subprocess.Popen(  # python -m streamlit: the process itself is the server, its pid is ours
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port",
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


def measure(page, act, pids: dict | None = None, charts: int = 0, shown: tuple | None = None,
            quiet_ms: int = 500) -> dict:
    """Do ``act``; return run_start, run_end and settled in ms after it, and CPU ms per process group
    (the CPU includes the idle quiet wait). ``charts``: at least this many charts must be drawn.

    ``shown``: (JS predicate, its argument) telling that the page shows the result. Without it the
    run must be seen starting; with it, a run too short for the page to flag it still counts (React
    batches "running" and "not running" into one render), and only ``settled`` is reported."""
    groups = {name: _tree(pid) for name, pid in (pids or {}).items()}
    before = {name: _cpu(group) for name, group in groups.items()}
    t0 = page.evaluate("() => { window.__marks = {}; return performance.now(); }")
    act()
    if shown:
        page.wait_for_function(shown[0], arg=shown[1], timeout=10_000, polling=20)
    else:
        page.wait_for_function("() => window.__marks.start !== undefined", timeout=10_000, polling=20)
    page.wait_for_function(SETTLED_JS, arg=[quiet_ms, charts, not shown], timeout=120_000, polling=50)
    m = page.evaluate("() => window.__marks")
    out = {"settled": m["last"] - t0} if shown else {
        "run_start": m["start"] - t0, "run_end": m["end"] - t0, "settled": max(m["end"], m.get("last", 0)) - t0}
    for name, group in groups.items():
        out[f"{name}_cpu"] = 1000 * (_cpu(group) - before[name])
    return out


def summary(samples: list[dict], **labels) -> dict:
    """Median, min and max of each timing over the samples (median only for CPU)."""
    row = {**labels, "reps": len(samples)}
    for key in samples[0]:
        values = [s[key] for s in samples]
        row[f"{key}_median_ms"] = round(statistics.median(values))
        if not key.endswith("cpu"):
            row[f"{key}_min_ms"] = round(min(values))
            row[f"{key}_max_ms"] = round(max(values))
    return row


def slider(page, label: str):
    """The thumb of the slider whose label contains ``label``."""
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider")


def floor(browser, port: int, reps: int) -> dict:
    """The trivial page's round trip: its own server on ``port``, its slider moved by arrow keys, at least
    15 times (a short time varies more)."""
    reps = max(reps, 15)
    with server(port, TRIVIAL) as (url, pid):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        thumb, pids = slider(page, "Step t"), {"browser": browser_pid(), "server": pid}
        thumb.wait_for(timeout=60_000)
        page.evaluate(PROBE_JS)
        act = lambda i: thumb.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")  # noqa: E731
        shows = "(v) => [...document.querySelectorAll('[data-testid=stText]')].some(e => e.textContent === v)"
        samples = [measure(page, lambda i=i: act(i), pids, shown=(shows, f"t = {249 + i % 2}"))
                   for i in range(reps + 1)][1:]  # the first: warm-up
        page.close()
    return summary(samples, page="trivial", control="slider")


def with_ratio(row: dict, base: dict) -> dict:
    """The row with its settled median and min as ratios to the floor's."""
    return {**row, "ratio_median": round(row["settled_median_ms"] / base["settled_median_ms"], 2),
            "ratio_min": round(row["settled_min_ms"] / base["settled_min_ms"], 2)}
