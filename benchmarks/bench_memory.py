"""Step-through page latency in a real browser: from a slider change until the page has settled.

Opens /memory in headless Chromium on a generated sequence of T tokens with the three cells,
then repeatedly moves a control and measures, in the page's own clock (performance.now()):

    run_start  the key press or click -> the server's first message in reply (the run has started)
    run_end    ... -> its last message ("script finished": the run has ended)
    settled    ... -> the last DOM change of the redraw (every chart drawn, nothing changed for 0.5 s)

It also reports the CPU time the server and the browser (all Chromium processes) spent per
action, read from /proc: on a machine shared with other work the wall times above stretch, while
CPU time stays close to what an idle machine needs (server + browser CPU is an upper bound of the
idle latency after the key press, minus the slider's own debounce, as the two partly overlap).

Controls: the step slider (arrow keys); the previous/next buttons; the sequence-length slider (one
token longer each press: the page computes generated sequences in blocks of 50 tokens, so within
a block this reuses the contributions and only re-derives shares and span); and the seed (+1 each
press: new weights and inputs, so every contribution and trace is computed afresh, the cost of
crossing into a new block too); and the slider of the token whose influence is followed (it redraws
the influence chart; CSS marks its column on the maps). Reports the median, min and max over --reps
repetitions per control, and the settled times as ratios to the framework's floor: a trivial one-slider
page served by its own server in the same run, timed the same way (benchmarks/latency.py).

--view top (default) measures at the top of the page, where a 1400 x 1000 window shows the controls but
no chart; --view charts scrolls the hidden states and the maps into view first (the sidebar's sliders stay
in view; a main-area control scrolls to itself when pressed, as it would for a user). Not a test: numbers
depend on the machine's load, so run it alone, under `flock /tmp/rnnviz-bench.lock`.

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_memory --lengths 100 500 --reps 7 --view charts
"""

from __future__ import annotations

import argparse

from benchmarks import latency
from benchmarks.latency import measure, slider


def controls(page) -> dict:
    """name -> a function that changes that control once (the i-th time)."""
    step, length = slider(page, "Step t"), slider(page, "Length of the generated sequence")
    focus = slider(page, "Follow token number")
    return {
        "step slider": lambda i: step.press("ArrowLeft" if i % 2 == 0 else "ArrowRight"),
        "prev/next buttons": lambda i: (
            page.locator(".st-key-step_next button").first.click()
            if i % 2
            else page.locator(".st-key-step_prev button").first.click()
        ),
        "length slider": lambda i: length.press("ArrowRight"),  # one longer each time, within a block
        "seed +1 (recompute)": lambda i: page.locator('[data-testid="stNumberInputStepUp"]').first.click(),
        "focus slider": lambda i: focus.press("ArrowRight" if i % 2 == 0 else "ArrowLeft"),  # the followed token
    }


def run(
    url: str,
    lengths: list[int],
    reps: int,
    server_pid: int | None = None,
    charts: int = 3,
    floor_port: int | None = None,
    view: str = "top",
) -> None:
    with latency.chromium(reps, server_pid, floor_port) as (browser, pids, record):
        for T in lengths:
            page = latency.new_page(browser)
            page.goto(f"{url}/memory?generated=true&length={T}&step={T // 2}")
            page.wait_for_function(
                f"() => document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=120_000
            )
            page.evaluate(latency.PROBE_JS)
            for name, act in controls(page).items():
                if view == "charts":  # the sidebar's sliders stay in view; a main-area control scrolls to itself
                    page.locator(".st-key-memory_hidden").evaluate("(e) => e.scrollIntoView({block: 'start'})")
                measure(page, lambda act=act: act(0), pids, charts)  # warm-up: first-use costs are not the steady state
                record(
                    [measure(page, lambda i=i, act=act: act(i + 1), pids, charts) for i in range(reps)],
                    page="memory",
                    T=T,
                    control=name,
                    view=view,
                )
            page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--port", type=int, default=8650, help="port for the app server this script starts")
    parser.add_argument("--floor-port", type=int, default=8651, help="port for the trivial page's server")
    parser.add_argument("--url", help="use a running server instead of starting one")
    parser.add_argument("--charts", type=int, default=3, help="charts the page draws (wait for them to load)")
    parser.add_argument("--server-pid", type=int, help="that server's pid, to report its CPU time")
    parser.add_argument(
        "--view",
        choices=["top", "charts"],
        default="top",
        help="scroll position: the page's top (no chart in view at 1400 x 1000) or the charts",
    )
    args = parser.parse_args()
    if args.url:
        run(args.url, args.lengths, args.reps, args.server_pid, args.charts, args.floor_port, args.view)
        return
    with latency.server(args.port) as (url, pid):
        run(url, args.lengths, args.reps, pid, args.charts, args.floor_port, args.view)


if __name__ == "__main__":
    main()
