"""Training benchmarks: the bars of the classic result, the score-vs-length sweep, the shipped checkpoints.

    flock /tmp/rnnviz-bench.lock python benchmarks/bench_training.py bars         # results/training_bars.json
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_training.py sweep        # results/training_vs_length.json
    python benchmarks/bench_training.py checkpoints                                # checkpoints/*.safetensors

Every run uses the defaults of the page and of ``python -m rnnviz.train`` (one torch thread).
Wall times are measured on a shared 2-core machine and are noisy; the load average at the
start of each run is recorded next to it. ``sweep`` resumes: runs already in the file are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rnnviz import checkpoints, train  # noqa: E402
from rnnviz.cells import CELLS  # noqa: E402

RESULTS = ROOT / "results"
BARS = {"recall": 50, "adding": 100}  # task -> length of its bar
SWEEP = {"recall": (10, 20, 50, 100, 200), "adding": (10, 25, 50, 100, 200), "order": (10, 20, 50, 100, 200)}
SHIPPED = {"recall": 50, "adding": 100, "order": 50}  # checkpoint sets on the other pages


def run(task: str, cell: str, length: int, seed: int) -> dict:
    """One training run with the default settings; its summary plus the load average at the start."""
    load = os.getloadavg()[0]
    result = train.train(train.Config(task=task, cell=cell, length=length, seed=seed)).summary()
    result["load_avg_1min"] = round(load, 2)
    print(json.dumps(result), flush=True)
    return result


def _write(path: Path, runs: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "cpus": os.cpu_count(),
        "written": time.strftime("%Y-%m-%d %H:%M:%S"),
        "schedules": train.SCHEDULES,
    }
    path.write_text(json.dumps({"meta": meta, "runs": runs}, indent=1) + "\n")


def bars(seeds: range) -> None:
    """Recall at T=50 and adding at T=100, every cell, every seed; then the bar checks."""
    runs = [run(task, cell, length, seed) for task, length in BARS.items() for seed in seeds for cell in CELLS]
    _write(RESULTS / "training_bars.json", runs)
    for r in runs:
        metric = "accuracy" if "accuracy" in r else "mse"
        print(
            f"{r['task']:7s} T={r['length']:<4d} {r['cell']:5s} seed {r['seed']}  {metric} {r[metric]:.4f}  "
            f"steps {r['steps']:5d}  {r['seconds']:6.1f} s  (load {r['load_avg_1min']})"
        )


def sweep(seeds: range, tasks: list[str]) -> None:
    """Score against sequence length for every cell: the data of the classic figure."""
    path = RESULTS / "training_vs_length.json"
    runs = json.loads(path.read_text())["runs"] if path.is_file() else []
    done = {(r["task"], r["cell"], r["length"], r["seed"]) for r in runs}
    for task in tasks:
        for length in SWEEP[task]:
            for seed in seeds:
                for cell in CELLS:
                    if (task, cell, length, seed) not in done:
                        runs.append(run(task, cell, length, seed))
                        _write(path, runs)  # after every run, so an interrupted sweep resumes


def make_checkpoints() -> None:
    """Train seed 0 of every shipped set with the defaults and save it next to the code."""
    for task, length in SHIPPED.items():
        for cell in CELLS:
            trainer = train.train(train.Config(task=task, cell=cell, length=length, seed=0))
            result = trainer.summary()
            path = checkpoints.path_for(checkpoints.set_name(task, length), cell)
            checkpoints.save(trainer.model, trainer.cfg, result, path)
            print(path.relative_to(ROOT), json.dumps(result), flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=("bars", "sweep", "checkpoints"))
    p.add_argument("--seeds", type=int, default=5, help="seeds 0..n-1 (bars: 5, sweep: try 2)")
    p.add_argument("--tasks", nargs="*", default=list(SWEEP), help="sweep only these tasks")
    args = p.parse_args()
    torch.set_num_threads(1)  # as the page and the CLI train: one core, the other left to everyone else
    if args.what == "bars":
        bars(range(args.seeds))
    elif args.what == "sweep":
        sweep(range(args.seeds), args.tasks)
    else:
        make_checkpoints()


if __name__ == "__main__":
    main()
