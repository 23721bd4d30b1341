"""Load test: a class of simulated students against one local server, one scenario at a time.

Each student is a Streamlit protocol client (deploy/client.py). It opens its link at a time of
its own within the first --interval (students do not click in lockstep), then makes --changes slider
changes, one every --interval seconds, or as soon as its previous run has finished when that is slower.

    length       the class follows one link (a generated sequence of 100 tokens on --page) and every
                 student moves the sequence length to values of its own between 10 and 200
    length-seed  the same, but every student's link carries a seed of its own
    mix          students spread over home / memory / gradients / gates, moving the hidden size or the
                 step among a few values: cheap, mostly cached runs, a light class

`--scenario all` runs length and length-seed on memory, gradients and gates, then mix, each against a
fresh server, so caches filled by one scenario do not help the next. A time runs from sending the
rerun to script_finished; a student's first run (opening the link) is reported apart from its changes.
Errors are exceptions on the page, failed or timed-out runs and dropped connections. Each scenario
prints one JSON line, also appended to results/bench/load.jsonl with a timestamp and the git commit.
Only ever targets 127.0.0.1; --timeout bounds the whole invocation.

    python -m benchmarks.load --scenario length --page memory --students 40 --changes 10
    python -m benchmarks.load --scenario all
    python -m benchmarks.load --scenario length-seed --students 80 --replicas 2   # behind HAProxy
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import itertools
import json
import random
import statistics
import subprocess
import threading
import time
from contextlib import ExitStack, contextmanager, nullcontext
from typing import NamedTuple
from urllib.parse import urlencode, urlparse

from deploy.client import Run, Session
from deploy.serve import ROOT, Balancer, Replica, class_flags

RESULTS = ROOT / "results" / "bench" / "load.jsonl"
RUN_TIMEOUT = 60  # seconds; a run slower than this counts as failed

# the mix: page -> (slider key, values a student moves it between); "hidden" is in the shared sidebar
SLIDERS = {
    "home": ("hidden", [8, 16, 24, 32]),
    "memory": ("step", list(range(1, 6))),
    "gradients": ("hidden", [8, 16, 24, 32]),
    "gates": ("step", list(range(1, 6))),
}
LINK = {"generated": "true", "length": 100}  # the class's link: a generated sequence of 100 tokens
LENGTHS = range(10, 201)
# every student's first change is a different length (up to 190 students): no two follow the same sequence
FIRST = random.Random("first").sample([v for v in LENGTHS if v != LINK["length"]], len(LENGTHS) - 1)
LENGTH_PAGES = ("memory", "gradients", "gates")


class Student(NamedTuple):
    page: str
    link: dict  # the link's query parameters
    key: str  # the slider it moves
    values: list  # one per change


def lengths(i: int, changes: int, rng: random.Random) -> list[int]:
    """Student i's lengths, each one a change from the one before."""
    values = [FIRST[i % len(FIRST)]]
    while len(values) < changes:
        value = rng.choice(LENGTHS)
        if value != values[-1]:
            values.append(value)
    return values[:changes]


def length(i: int, page: str, changes: int, rng: random.Random) -> Student:
    """The class's link on ``page``; student i slides the length."""
    return Student(page, dict(LINK), "length", lengths(i, changes, rng))


def length_seed(i: int, page: str, changes: int, rng: random.Random) -> Student:
    """The same, on a seed of student i's own."""
    return Student(page, {**LINK, "seed": 1000 + i}, "length", lengths(i, changes, rng))


def mix(i: int, page: str | None, changes: int, rng: random.Random) -> Student:
    """The light class: student i on a page of SLIDERS in turn (``page`` is not used), moving its slider."""
    page = list(SLIDERS)[i % len(SLIDERS)]
    key, values = SLIDERS[page]
    return Student(page, {}, key, [rng.choice(values) for _ in range(changes)])


SCENARIOS = {"length": length, "length-seed": length_seed, "mix": mix}
ALL = [(name, page) for name in ("length", "length-seed") for page in LENGTH_PAGES] + [("mix", None)]


def students(name: str, n: int, page: str | None, changes: int, interval: float) -> list[tuple[float, Student]]:
    """The class: each student's start time and plan. Student i's rng is the same in every scenario,
    so length and length-seed differ only by the seed."""
    rngs = [random.Random(i) for i in range(n)]
    return [(rng.uniform(0, interval), SCENARIOS[name](i, page, changes, rng)) for i, rng in enumerate(rngs)]


def error(out: dict, message: str) -> None:
    out["errors"] += 1
    out["messages"].append(message)


def check(out: dict, page: str, what: str, run: Run) -> None:
    if run.status != "ok" or run.exceptions:
        error(out, f"{page} {what}: {run.status} {run.exceptions[:1]}")


async def student(url: str, start: float, plan: Student, interval: float, out: dict) -> None:
    params = dict(plan.link)
    try:
        await asyncio.sleep(start)
        async with Session(url, plan.page) as s:
            tick = time.monotonic()
            first = await s.run(urlencode(params), RUN_TIMEOUT)
            out["first"].append(first.seconds)
            check(out, plan.page, "first run", first)
            if plan.key not in s.widgets:  # seen on a fresh server: the page ran without app.py; a reload helps
                error(out, f"{plan.page}: no slider {plan.key!r} on the first run (no sidebar); reloaded")
                await s.run(urlencode(params), RUN_TIMEOUT)
            if plan.key not in s.widgets:
                error(out, f"{plan.page}: no slider {plan.key!r} after a reload")
                return
            for value in plan.values:
                await asyncio.sleep(max(0.0, interval - (time.monotonic() - tick)))
                tick = time.monotonic()
                s.set_slider(plan.key, value)
                params[plan.key] = value  # the widget is bound to the URL: the browser's query string follows it
                run = await s.run(urlencode(params), RUN_TIMEOUT)
                out["times"].setdefault(plan.page, []).append(run.seconds)
                check(out, plan.page, f"{plan.key}={value}", run)
    except Exception as exc:  # a dropped connection is an error to report, not a crash
        error(out, f"{plan.page}: {type(exc).__name__}: {exc}")


def peak_rss(servers: list[Replica], stop: threading.Event, peak: list) -> None:
    while not stop.wait(0.5):
        peak[0] = max(peak[0], sum(server.rss_mb() for server in servers))


@contextmanager
def serving(replicas: int):
    """A fresh class server: one replica, or ``replicas`` behind HAProxy (deploy/haproxy.cfg); (url, replicas)."""
    with ExitStack() as stack:
        servers = [stack.enter_context(Replica(*class_flags())) for _ in range(replicas)]
        if replicas == 1:
            yield servers[0].url, servers
            return
        balancer = stack.enter_context(Balancer([f"127.0.0.1:{r.port}" for r in servers]))
        yield balancer.url, servers


def summary(times: list[float], prefix: str = "") -> dict:
    """p50, p95 and max of run times in seconds (None without runs)."""
    if not times:
        return {f"{prefix}{q}_s": None for q in ("p50", "p95", "max")}
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return {
        f"{prefix}p50_s": round(statistics.median(times), 3),
        f"{prefix}p95_s": round(p95, 3),
        f"{prefix}max_s": round(max(times), 3),
    }


def load(
    url: str, servers: list[Replica], name: str, page: str | None, n: int, changes: int, interval: float, budget: float
) -> dict:
    """Run one scenario with n students; the result as one JSON-ready dict."""
    plans = students(name, n, page, changes, interval)
    out = {"first": [], "times": {}, "errors": 0, "messages": []}
    stop, peak = threading.Event(), [0.0]
    watcher = threading.Thread(target=peak_rss, args=(servers, stop, peak))
    if servers:
        watcher.start()

    async def main() -> int:
        tasks = [asyncio.create_task(student(url, start, plan, interval, out)) for start, plan in plans]
        _, late = await asyncio.wait(tasks, timeout=budget)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        return len(late)

    late = asyncio.run(main())
    if late:
        out["errors"] += late
        out["messages"].insert(0, f"--timeout reached: {late} students cut short")
    stop.set()
    if servers:
        watcher.join()
    times = [t for page_times in out["times"].values() for t in page_times]
    return {
        "scenario": name,
        "page": ",".join(sorted({plan.page for _, plan in plans})),
        "students": n,
        "changes": changes,
        "interval_s": interval,
        "runs": len(times),
        **summary(times),
        **summary(out["first"], "first_"),
        "p95_by_page_s": {p: summary(v)["p95_s"] for p, v in sorted(out["times"].items())},
        "errors": out["errors"],
        "messages": out["messages"][:5],
        "replicas": len(servers) or None,
        "peak_rss_mb": round(peak[0]) if servers else None,  # every replica and its worker process together
        "fresh_server": bool(servers),
    }


def record(result: dict) -> None:
    """Print one JSON line and append it, stamped with the time and the commit, to results/bench/load.jsonl."""
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    result = {
        **result,
        "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit.stdout.strip() or None,
    }
    print(json.dumps(result), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a") as f:
        f.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--page", choices=LENGTH_PAGES, default="memory", help="for length and length-seed")
    parser.add_argument("--students", type=int, nargs="+", default=[40])
    parser.add_argument("--changes", type=int, default=10, help="slider changes per student")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between a student's changes")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for the whole invocation")
    parser.add_argument("--replicas", type=int, default=1, help="replicas behind HAProxy (1: the server alone)")
    parser.add_argument(
        "--url", help="an already running server on 127.0.0.1 (no fresh server per scenario, memory not measured)"
    )
    args = parser.parse_args()
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("load tests only target 127.0.0.1")
    deadline = time.monotonic() + args.timeout
    for (name, page), n in itertools.product(
        ALL if args.scenario == "all" else [(args.scenario, args.page)], args.students
    ):
        budget = deadline - time.monotonic()
        if budget <= 0:
            raise SystemExit("--timeout reached; the remaining scenarios were not run")
        with serving(args.replicas) if not args.url else nullcontext((args.url, [])) as (url, servers):
            record(load(url, servers, name, page, n, args.changes, args.interval, budget))
