"""Browser-latency machinery shared by the page benchmarks: a server, a probe, one timed action, the floor.

The floor is the framework's own round trip: ``trivial_page.py`` (one slider, nothing else) served by
its own `streamlit run` process, started the same way as the app's, and timed the same way (a key
press on its slider until the page has settled). Page latencies are reported as ratios to it
(issue 8: at most 2x at T = 100, 4x at T = 500).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
from contextlib import contextmanager
from pathlib import Path

from deploy.browser import CHROMIUM_ARGS
from deploy.serve import Replica

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = Path(__file__).resolve().parent / "trivial_page.py"
TAG = f"--rnnviz-bench={os.getpid()}"  # an inert switch that finds our Chromium in /proc

# Installed before the page loads: every message the server sends is noted in window.__marks (the first
# after an action starts the run's reply, the last one, "script finished", ends it). The page's own
# run-state flag would miss short runs: React renders "running" and "not running" as one update.
WS_HOOK_JS = """(() => {
    const note = () => {
        const m = window.__marks, now = performance.now();
        if (!m) return;
        if (m.start === undefined) m.start = now;
        m.end = now;
    };
    const add = WebSocket.prototype.addEventListener;
    WebSocket.prototype.addEventListener = function (type, fn, options) {
        if (type === 'message') add.call(this, 'message', note);
        return add.call(this, type, fn, options);
    };
    const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
        get() { return onmessage.get.call(this); },
        set(fn) { onmessage.set.call(this, (e) => { note(); return fn(e); }); },
    });
})()"""

# Notes when the DOM last changed.
PROBE_JS = """() => {
    window.__marks = {};
    new MutationObserver(() => { window.__marks.last = performance.now(); })
        .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

# The reply has ended, no chart is loading or undrawn, and neither the DOM nor the server has done
# anything for ``quiet`` ms.
SETTLED_JS = """([quiet, charts]) => {
    const m = window.__marks, now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const drawn = [...document.querySelectorAll('.rnnviz-plot')];
    return m.end !== undefined && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && drawn.length >= charts && drawn.every(c => c.querySelector('.main-svg'))
        && now - Math.max(m.last || 0, m.end) > quiet;
}"""


def new_page(browser):
    """A 1400 x 1000 page that notes the server's messages (WS_HOOK_JS); call PROBE_JS once it has loaded."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(WS_HOOK_JS)
    return page


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
    with Replica(port=port, script=script) as replica:
        yield replica.url, replica.pid


def measure(page, act, pids: dict | None = None, charts: int = 0, quiet_ms: int = 500) -> dict:
    """Do ``act``; return in ms after it: run_start (the server's first message), run_end (its last: the run
    has finished) and settled (the last DOM change of the redraw), and CPU ms per process group (the CPU
    includes the idle quiet wait). ``charts``: at least this many charts must be drawn."""
    groups = {name: _tree(pid) for name, pid in (pids or {}).items()}
    before = {name: _cpu(group) for name, group in groups.items()}
    t0 = page.evaluate("() => { window.__marks = {}; return performance.now(); }")
    act()
    page.wait_for_function("() => window.__marks.start !== undefined", timeout=10_000, polling=20)
    page.wait_for_function(SETTLED_JS, arg=[quiet_ms, charts], timeout=120_000, polling=50)
    m = page.evaluate("() => window.__marks")
    out = {"run_start": m["start"] - t0, "run_end": m["end"] - t0, "settled": max(m["end"], m.get("last", 0)) - t0}
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
        page = new_page(browser)
        page.goto(url)
        thumb, pids = slider(page, "Step t"), {"browser": browser_pid(), "server": pid}
        thumb.wait_for(timeout=60_000)
        page.evaluate(PROBE_JS)
        act = lambda i: thumb.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")  # noqa: E731
        samples = [measure(page, lambda i=i: act(i), pids) for i in range(reps + 1)][1:]  # the first: warm-up
        page.close()
    return summary(samples, page="trivial", control="slider")


def with_ratio(row: dict, base: dict) -> dict:
    """The row with its settled median and min as ratios to the floor's."""
    return {
        **row,
        "ratio_median": round(row["settled_median_ms"] / base["settled_median_ms"], 2),
        "ratio_min": round(row["settled_min_ms"] / base["settled_min_ms"], 2),
    }


@contextmanager
def chromium(reps: int, server_pid: int | None = None, floor_port: int | None = None):
    """Headless Chromium for a page benchmark, with the floor measured first when ``floor_port`` is given.
    Yields (browser, pids, record): ``record(samples, **labels)`` summarises one control's samples, adds
    the ratio to the floor, prints the row as a JSON line and returns it."""
    import json

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[*CHROMIUM_ARGS, TAG])
        pids = {"browser": browser_pid(), **({"server": server_pid} if server_pid else {})}
        base = floor(browser, floor_port, reps) if floor_port else None
        if base:
            print(json.dumps(base), flush=True)

        def record(samples: list[dict], **labels) -> dict:
            row = summary(samples, **labels)
            row = with_ratio(row, base) if base else row
            print(json.dumps(row), flush=True)
            return row

        yield browser, pids, record
        browser.close()
