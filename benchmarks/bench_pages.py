"""Every page's main slider in a real browser, as a ratio to the framework's floor (issue 8's table).

For each page with charts, opens /<page>?generated=true&length=T with the three cells in headless
Chromium, then presses ArrowRight / ArrowLeft on the sidebar's sequence-length slider (T + 1, T, T + 1,
...: the first visit of T + 1 computes, later ones come from the caches, as when a class slides back and
forth) and measures, in the page's own clock, until the run has ended and every chart is drawn and
the DOM has been quiet for 0.5 s (benchmarks/latency.py). The floor is a trivial one-slider page on its
own server, timed the same way in the same run. The step-through and gates pages' step controls have
their own scripts (bench_memory, bench_gates). Not a test: run it alone,

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_pages --lengths 100 500 --reps 7
"""

from __future__ import annotations

import argparse

from benchmarks import latency
from benchmarks.latency import measure, slider

PAGES = ("home", "memory", "gradients", "gates", "training")  # the lesson page has no chart


def run(url: str, lengths: list[int], reps: int, server_pid: int, floor_port: int) -> None:
    with latency.chromium(reps, server_pid, floor_port) as (browser, pids, record):
        for T in lengths:
            for name in PAGES:
                page = latency.new_page(browser)
                path = "" if name == "home" else name
                page.goto(f"{url}/{path}?generated=true&length={T}")
                thumb = slider(page, "Length of the generated sequence")
                thumb.wait_for(timeout=120_000)
                page.wait_for_function("() => document.querySelector('.rnnviz-plot .main-svg')", timeout=120_000)
                page.evaluate(latency.PROBE_JS)
                act = lambda i, thumb=thumb: thumb.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")  # noqa: E731
                record(
                    [measure(page, lambda i=i, act=act: act(i), pids, charts=1) for i in range(reps)],
                    page=name,
                    T=T,
                    control="length slider",
                )
                page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--port", type=int, default=8654, help="port for the app server this script starts")
    parser.add_argument("--floor-port", type=int, default=8655, help="port for the trivial page's server")
    args = parser.parse_args()
    with latency.server(args.port) as (url, pid):
        run(url, args.lengths, args.reps, pid, args.floor_port)


if __name__ == "__main__":
    main()
