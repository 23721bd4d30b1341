"""Date translation benchmark: held-out exact match with and without attention, overall and by input length.

    flock /tmp/rnnviz-bench.lock python benchmarks/bench_dates.py                  # results/dates.json
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_dates.py --checkpoints    # also the shipped checkpoints
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_dates.py --one-way        # one-way encoders instead
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_dates.py --one-way --checkpoints

Every run uses the defaults of ``python -m rnnviz.dates`` (one torch thread). Per run it records the CPU
seconds of training (what the 30 s budget counts) and the wall seconds, with the load average at the start:
the machine is a shared 2-core one, so wall times are noisy. Runs already in the file are kept (an
interrupted benchmark resumes), except those retrained to write a checkpoint.
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

from rnnviz import dates  # noqa: E402
from rnnviz import dates_data as data  # noqa: E402
from rnnviz.seq2seq import LAYERS  # noqa: E402

RESULTS = ROOT / "results" / "dates.json"
BAR_ATTENTION = 0.95  # held-out exact match with attention, every seed


def key(r: dict) -> tuple:
    return r["cell"], r["bidirectional"], r["attention"], r["seed"]


def current(r: dict) -> bool:
    """Whether a recorded run used today's size and step budget for its model (else it is measured again)."""
    cfg = dates.Config(cell=r["cell"], bidirectional=r["bidirectional"]).resolved()
    return (r["hidden"], r["max_steps"]) == (cfg.hidden, cfg.steps)


def run(cfg: dates.Config, checkpoint: bool) -> dict:
    """One training run; its summary plus the load average at the start (and the checkpoint it wrote)."""
    load = os.getloadavg()[0]
    trainer = dates.train(cfg)
    result = trainer.summary()
    result["load_avg_1min"] = round(load, 2)
    if checkpoint:
        path = dates.path_for(cfg.cell, cfg.bidirectional, cfg.attention)
        dates.save(trainer, result, path)
        result["checkpoint"] = f"{path.relative_to(ROOT)} ({path.stat().st_size} bytes)"
    print(
        json.dumps(
            {k: v for k, v in result.items() if k != "held_out"}
            | {
                "exact_match": result["held_out"]["exact_match"],
                "by_length": {b: g["exact_match"] for b, g in result["held_out"]["by_length"].items()},
            }
        ),
        flush=True,
    )
    return result


def aggregate(runs: list[dict]) -> list[dict]:
    """Per model (cell, direction, attention): exact match over seeds (mean, min, max), overall and by length."""
    groups: dict[tuple, list[dict]] = {}
    for r in runs:
        groups.setdefault(key(r)[:3], []).append(r)
    rows = []
    for (cell, bi, attention), rs in sorted(groups.items()):

        def stats(values: list[float]) -> dict:
            return {
                "mean": round(float(np.mean(values)), 4),
                "min": round(float(np.min(values)), 4),
                "max": round(float(np.max(values)), 4),
            }

        bins = rs[0]["held_out"]["by_length"]
        rows.append(
            {
                "cell": cell,
                "bidirectional": bi,
                "attention": attention,
                "seeds": sorted(r["seed"] for r in rs),
                "exact_match": stats([r["held_out"]["exact_match"] for r in rs]),
                "char_accuracy": stats([r["held_out"]["char_accuracy"] for r in rs]),
                "by_length": {
                    b: stats([r["held_out"]["by_length"][b]["exact_match"] for r in rs]) | {"n": bins[b]["n"]}
                    for b in bins
                },
                "cpu_seconds": stats([r["seconds"] for r in rs]),
                "wall_seconds": stats([r["wall_seconds"] for r in rs]),
                "steps": stats([r["steps"] for r in rs]),
            }
        )
    return rows


def bars(rows: list[dict]) -> list[str]:
    """The bars, checked: >= 0.95 with attention on every seed; without it, worse on the longest inputs."""
    lines, longest = [], f"{data.LENGTH_BINS[-1]}+"
    by_model = {(r["cell"], r["bidirectional"], r["attention"]): r for r in rows}
    for (cell, bi, attention), r in sorted(by_model.items()):
        if not attention:
            continue
        ok = r["exact_match"]["min"] >= BAR_ATTENTION and r["cpu_seconds"]["max"] <= dates.Config().max_seconds
        line = (
            f"{cell}{'-bi' if bi else ''}: attention exact match min {r['exact_match']['min']:.3f} "
            f"(bar {BAR_ATTENTION}), CPU s max {r['cpu_seconds']['max']:.1f}: {'MET' if ok else 'NOT MET'}"
        )
        other = by_model.get((cell, bi, False))
        if other:
            a, b = r["by_length"][longest]["mean"], other["by_length"][longest]["mean"]
            verdict = "MET" if a > b else "NOT MET"
            line += f"; inputs of {longest} characters: {a:.3f} with vs {b:.3f} without attention ({verdict})"
        lines.append(line)
    return lines


def write(runs: list[dict]) -> None:
    rows = aggregate(runs)
    meta = {
        "torch": torch.__version__,
        "threads": 1,
        "cpus": os.cpu_count(),
        "written": time.strftime("%Y-%m-%d %H:%M:%S"),
        "config": dates.Config().__dict__,
        "steps": {f"{cell}-{'bi' if bi else 'one-way'}": n for (cell, bi), n in dates.STEPS.items()},
        "hidden": {f"{cell}-{'bi' if bi else 'one-way'}": n for (cell, bi), n in dates.HIDDEN.items()},
        "length_bins": data.LENGTH_BINS,
        "held_out_per_format": 150,
        "note": "seconds: CPU seconds of training (updates and validation); the machine is shared, wall times vary",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"meta": meta, "summary": rows, "bars": bars(rows), "runs": runs}, indent=1, ensure_ascii=False)
        + "\n"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=5, help="seeds 0..n-1")
    p.add_argument("--cells", nargs="*", default=list(LAYERS), choices=list(LAYERS))
    p.add_argument("--one-way", action="store_true", help="one-way encoders instead of bidirectional ones")
    p.add_argument("--checkpoints", action="store_true", help="retrain seed 0, write checkpoints/dates-*.safetensors")
    p.add_argument("--attention-only", action="store_true", help="only the models with attention")
    args = p.parse_args()
    torch.set_num_threads(1)  # as the page and the CLI train: one core, the other left to everyone else
    runs = json.loads(RESULTS.read_text())["runs"] if RESULTS.is_file() else []
    runs = [r for r in runs if current(r)]
    for seed in range(args.seeds):
        for cell in args.cells:
            for attention in (True,) if args.attention_only else (True, False):
                cfg = dates.Config(cell=cell, bidirectional=not args.one_way, attention=attention, seed=seed)
                keep = args.checkpoints and seed == 0
                if keep or (cell, cfg.bidirectional, attention, seed) not in {key(r) for r in runs}:
                    runs = [r for r in runs if key(r) != key(cfg.__dict__)] + [run(cfg, keep)]
                    write(runs)  # after every run, so an interrupted benchmark resumes
    write(runs)
    print("\n".join(bars(aggregate(runs))))


if __name__ == "__main__":
    main()
