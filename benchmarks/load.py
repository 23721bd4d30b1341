"""Load test: N simulated students, each moving a slider every 2 s, against one local server.

Starts `streamlit run app.py` on 127.0.0.1 (or uses --url), connects N protocol clients
(benchmarks/stclient.py) spread over the pages, and for --seconds each one moves its page's
main slider every --interval seconds. Reports p50 / p95 time from the request to
script_finished, errors (exceptions, failed or timed-out runs, dropped connections) and the
server's peak resident memory. Stops by itself; only ever targets 127.0.0.1.

    python -m benchmarks.load --students 10 20 40 --seconds 60
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import threading
import time
from contextlib import nullcontext

from benchmarks.server import Server, class_flags
from benchmarks.stclient import Session

# page -> (slider key, values a student moves it between); "hidden" is in the shared sidebar
SLIDERS = {
    "home": ("hidden", [8, 16, 24, 32]),
    "memory": ("step", list(range(1, 6))),
    "gradients": ("hidden", [8, 16, 24, 32]),
    "gates": ("step", list(range(1, 6))),
}


async def student(url: str, page: str, seconds: float, interval: float, seed: int, out: dict) -> None:
    rng = random.Random(seed)
    key, values = SLIDERS[page]
    await asyncio.sleep(rng.uniform(0, interval))  # students do not click in lockstep
    try:
        async with Session(url, page) as s:
            first = await s.run()
            out["first"].append(first.seconds)
            out["errors"] += int(first.status != "ok" or bool(first.exceptions))
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                tick = time.monotonic()
                if key in s.widgets:
                    s.set_slider(key, rng.choice(values))
                run = await s.run()
                out["times"].append(run.seconds)
                out["by_page"].setdefault(page, []).append(run.seconds)
                if run.status != "ok" or run.exceptions:
                    out["errors"] += 1
                    out["messages"].append(f"{page}: {run.status} {run.exceptions[:1]}")
                await asyncio.sleep(max(0.0, interval - (time.monotonic() - tick)))
    except Exception as exc:  # a dropped connection is an error to report, not a crash
        out["errors"] += 1
        out["messages"].append(f"{page}: {type(exc).__name__}: {exc}")


def peak_rss(server: Server, stop: threading.Event, peak: list) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], server.rss_mb())
        time.sleep(0.5)


def load(url: str, server: Server | None, n: int, seconds: float, interval: float) -> dict:
    pages = list(SLIDERS)
    out = {"times": [], "first": [], "errors": 0, "messages": [], "by_page": {}}
    stop, peak = threading.Event(), [0.0]
    watcher = threading.Thread(target=peak_rss, args=(server, stop, peak)) if server else None
    if watcher:
        watcher.start()

    async def main():
        await asyncio.gather(*(student(url, pages[i % len(pages)], seconds, interval, i, out) for i in range(n)))

    asyncio.run(main())
    stop.set()
    if watcher:
        watcher.join()
    times = sorted(out["times"])
    q = statistics.quantiles(times, n=20) if len(times) >= 2 else [float("nan")] * 19
    return {
        "students": n, "seconds": seconds, "runs": len(times),
        "p50_s": round(statistics.median(times), 3) if times else None,
        "p95_s": round(q[18], 3), "max_s": round(times[-1], 3) if times else None,
        "first_load_p95_s": round(sorted(out["first"])[int(0.95 * (len(out["first"]) - 1))], 3) if out["first"] else None,
        "p95_by_page_s": {page: round(statistics.quantiles(v, n=20)[18], 3) if len(v) >= 2 else None
                          for page, v in out["by_page"].items()},
        "errors": out["errors"], "peak_rss_mb": round(peak[0]) if server else None,
        "messages": out["messages"][:5],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--url", help="an already running server on 127.0.0.1 (memory is then not measured)")
    args = parser.parse_args()
    if args.url and "127.0.0.1" not in args.url and "localhost" not in args.url:
        raise SystemExit("load tests only target 127.0.0.1")
    with (Server(*class_flags()) if not args.url else nullcontext(args.url)) as srv:
        url = srv.url if isinstance(srv, Server) else srv
        for n in args.students:
            print(json.dumps(load(url, srv if isinstance(srv, Server) else None, n, args.seconds, args.interval)), flush=True)
