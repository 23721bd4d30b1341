"""Gates page latency in a real browser: from a step (or unit) change until the page has re-rendered.

Opens /gates in headless Chromium on a generated sequence of T tokens with the three cells, then
repeatedly changes a control and measures, in the page's own clock (performance.now()):

    run_start  click or key press -> the server's first message in reply (the run has started)
    run_end    ... -> its last message ("script finished": the run has ended)
    settled    ... -> the last DOM change of the redraw (charts re-plotted, equations and text
               updated; checked to show the new step), after which nothing changed for 0.5 s

Controls: the step slider and the unit input (arrow keys), and the next/previous buttons.
Reports the median, min and max over --reps repetitions per control, after one warm-up, and the
settled times as ratios to the framework's floor: a trivial one-slider page served by its own
server in the same run, timed the same way (benchmarks/latency.py). Not a test: the numbers
depend on the machine's load (on a shared machine the min is the best estimate of the page's own
cost), so run it alone:

    flock /tmp/rnnviz-bench.lock python -m benchmarks.bench_gates --lengths 100 --reps 9
"""

from __future__ import annotations

import argparse

from benchmarks import latency

CHARTS = 4  # 3 heatmap figures and the saturation chart (the bars are HTML)

# the sub-header and every bar chart's title name the step the page shows
SHOWS_STEP_JS = """(step) => {
    const heads = [...document.querySelectorAll('h3')].map(h => h.textContent);
    const titles = [...document.querySelectorAll('.gbars .t')].map(t => t.textContent);
    return heads.some(h => h.startsWith('At step ' + step + ':')) && titles.length > 0
        && titles.every(t => t.includes(' at step ' + step + ' '));
}"""


def measure(page, act, step: int, pids: dict) -> dict:
    """Do ``act``; return ms until the run started, ended and the DOM last changed (showing ``step``), and CPU."""
    out = latency.measure(page, act, pids, charts=CHARTS)
    assert page.evaluate(SHOWS_STEP_JS, step), f"the page does not show step {step}: " + str(
        page.evaluate("[...document.querySelectorAll('h3, .gbars .t')].map(h => h.textContent)")
    )
    return out


def controls(page, start: int) -> dict:
    """name -> (change the control on the i-th repetition, the step shown after it).

    The slider goes first: until a widget event, the step buttons act as if at the last step
    (pages/stepper.py reads the step before the URL-bound slider has registered it).
    """
    step_slider = page.locator('[data-testid="stSlider"]').filter(has_text="Step t").get_by_role("slider")
    unit = page.locator(".st-key-unit input")
    return {
        "step slider": (
            lambda i: step_slider.press("ArrowRight" if i % 2 else "ArrowLeft"),
            lambda i: start - 1 + i % 2,
        ),
        "prev/next buttons": (
            lambda i: page.locator(".st-key-step_next button" if i % 2 else ".st-key-step_prev button").first.click(),
            lambda i: start - 1 + i % 2,
        ),
        "unit up/down": (lambda i: unit.press("ArrowUp" if i % 2 == 0 else "ArrowDown"), lambda i: start),
    }


def run(url: str, lengths: list[int], reps: int, server_pid: int | None = None, floor_port: int | None = None) -> None:
    with latency.chromium(reps, server_pid, floor_port) as (browser, pids, record):
        for T in lengths:
            page = latency.new_page(browser)
            start = T // 2
            page.goto(f"{url}/gates?generated=true&length={T}&step={start}&unit=8")  # unit: room both ways
            page.wait_for_function(f"() => document.querySelectorAll('.main-svg').length >= {CHARTS}", timeout=120_000)
            page.evaluate(latency.PROBE_JS)
            for name, (act, shown) in controls(page, start).items():
                samples = [measure(page, lambda i=i, act=act: act(i), shown(i), pids) for i in range(reps + 1)]
                samples = samples[1:]  # the first is the warm-up
                record(samples, page="gates", T=T, control=name)
            page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100])
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--port", type=int, default=8652, help="port for the app server this script starts")
    parser.add_argument("--floor-port", type=int, default=8653, help="port for the trivial page's server")
    parser.add_argument("--url", help="use a running server instead of starting one")
    parser.add_argument("--server-pid", type=int, help="that server's pid, to report its CPU time")
    args = parser.parse_args()
    if args.url:
        run(args.url, args.lengths, args.reps, args.server_pid, args.floor_port)
        return
    with latency.server(args.port) as (url, pid):
        run(url, args.lengths, args.reps, pid, args.floor_port)


if __name__ == "__main__":
    main()
