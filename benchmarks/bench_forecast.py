"""Forecasting benchmark: every series and cell, 5 seeds, the default training; held-out MSE against
the naive forecast (repeat the last value) on the same 2,000 disjoint windows.

    flock /tmp/rnnviz-bench.lock python benchmarks/bench_forecast.py                # results/forecast.json
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_forecast.py --checkpoints  # + checkpoints/forecast-*

The bars: LSTM and GRU beat the naive forecast (by more than two standard errors of the paired
difference) on the periodic series in every seed, and on the random walk in none. Seconds are
CPU seconds of updates (one torch thread); wall times, measured on a shared 2-core machine, are
recorded next to the load average at the start of each run. ``--checkpoints`` saves the seed-0
run of every series and cell as the shipped model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rnnviz import forecast  # noqa: E402

RESULTS = ROOT / "results" / "forecast.json"


def run(series: str, cell: str, seed: int, save: bool) -> dict:
    """One training run with the defaults; its summary, wall time and the load at the start."""
    load, wall = os.getloadavg()[0], time.perf_counter()
    trainer = forecast.train(forecast.Config(series=series, cell=cell, seed=seed))
    result = trainer.summary() | {
        "total_wall_seconds": round(time.perf_counter() - wall, 1),
        "load_avg_1min": round(load, 2),
    }
    if save:
        result["checkpoint"] = str(forecast.save(trainer, forecast.path_for(series, cell)).relative_to(ROOT))
    print(json.dumps(result), flush=True)
    return result


def report(runs: list[dict]) -> dict:
    """Per series and cell over seeds: MSE, naive MSE, their ratio, how many seeds beat naive, wall times."""
    out = {}
    for series in forecast.SERIES:
        for cell in forecast.KINDS:
            rs = [r for r in runs if (r["series"], r["cell"]) == (series, cell)]
            if rs:
                ratio = np.array([r["ratio"] for r in rs])
                out[f"{series}/{cell}"] = {
                    "seeds": len(rs),
                    "beats_naive": sum(r["beats_naive"] for r in rs),
                    "mse_mean": round(float(np.mean([r["mse"] for r in rs])), 6),
                    "naive_mse_mean": round(float(np.mean([r["naive_mse"] for r in rs])), 6),
                    "ratio_mean": round(float(ratio.mean()), 4),
                    "ratio_min": round(float(ratio.min()), 4),
                    "ratio_max": round(float(ratio.max()), 4),
                    "seconds": [r["seconds"] for r in rs],
                    "wall_seconds": [r["total_wall_seconds"] for r in rs],
                }
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=5, help="seeds 0..n-1")
    p.add_argument("--series", nargs="*", default=list(forecast.SERIES))
    p.add_argument("--cells", nargs="*", default=list(forecast.KINDS))
    p.add_argument("--checkpoints", action="store_true", help="save each seed-0 run as the shipped model")
    args = p.parse_args()
    torch.set_num_threads(1)
    runs, meta = (
        [],
        {
            "torch": torch.__version__,
            "threads": 1,
            "cpus": os.cpu_count(),
            "note": "seconds are CPU seconds of updates; wall times on a shared 2-core machine",
        },
    )
    for series in args.series:
        for seed in range(args.seeds):
            for cell in args.cells:
                runs.append(run(series, cell, seed, args.checkpoints and seed == 0))
                meta["written"] = time.strftime("%Y-%m-%d %H:%M:%S")
                RESULTS.parent.mkdir(parents=True, exist_ok=True)
                RESULTS.write_text(json.dumps({"meta": meta, "summary": report(runs), "runs": runs}, indent=1) + "\n")
    for key, s in report(runs).items():
        print(
            f"{key:18s} MSE/naive {s['ratio_mean']:.3f} ({s['ratio_min']:.3f}-{s['ratio_max']:.3f}), "
            f"beats naive in {s['beats_naive']}/{s['seeds']} seeds; wall {min(s['wall_seconds']):.0f}-"
            f"{max(s['wall_seconds']):.0f} s"
        )


if __name__ == "__main__":
    main()
