"""Intent benchmark: RNN, LSTM and GRU over 5 seeds; held-out-template and long-sentence accuracy, wall time.

    flock /tmp/rnnviz-bench.lock python benchmarks/bench_intent.py                  # results/intent.json
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_intent.py --checkpoints    # also checkpoints/intent-*

Every run uses the defaults of ``python -m rnnviz.intent`` (one torch thread). The held-out
templates are the same for every seed (split 0); ``--vary-split`` also holds out a different
quarter of the templates for each seed, to show the result does not hang on one split. With
``--checkpoints`` the seed-0 run of each cell (split 0) is saved as the shipped checkpoint.
Wall times are measured on a shared 2-core machine and are noisy; the load average at the
start of each run is recorded next to it.

The bars: held-out-template accuracy >= 0.95 for LSTM and GRU on every seed, and on the long
sentences (the deciding word, then 40 neutral tokens) the worst LSTM and GRU seeds above the
best RNN seed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rnnviz import intent  # noqa: E402
from rnnviz import intent_data as data  # noqa: E402

RESULTS = ROOT / "results" / "intent.json"
HELD_OUT_BAR = 0.95
GATED = ("lstm", "gru")
LENGTHS = (10, 20, 40, 80, 160)  # neutral tokens after the deciding word; training saw 30..50


def run(cell: str, seed: int, split_seed: int = 0) -> tuple[intent.Trainer, dict]:
    """One training run with the default settings, and its summary plus the load average at the start."""
    load = os.getloadavg()[0]
    trainer = intent.train(intent.Config(cell=cell, seed=seed, split_seed=split_seed))
    by_length = {n: round(float(trainer.correct(data.long_sentences(20, n, seed=10**6)).mean()), 5) for n in LENGTHS}
    result = {**trainer.summary(), "long_accuracy_by_neutral_tokens": by_length, "load_avg_1min": round(load, 2)}
    print(json.dumps(result), flush=True)
    return trainer, result


def bars(runs: list[dict]) -> dict:
    """Per cell: worst, mean and best held-out and long-sentence accuracy, slowest run; then the two bars."""
    out = {}
    for cell in intent.TORCH_MODULES:
        mine = [r for r in runs if r["cell"] == cell]
        held, long = [r["held_out_accuracy"] for r in mine], [r["long_accuracy"] for r in mine]
        out[cell] = {
            "held_out_min": min(held),
            "held_out_mean": round(sum(held) / len(held), 5),
            "held_out_max": max(held),
            "long_min": min(long),
            "long_mean": round(sum(long) / len(long), 5),
            "long_max": max(long),
            "seconds_max": max(r["seconds"] for r in mine),
            "seeds": len(mine),
            "long_mean_by_neutral_tokens": {
                n: round(sum(r["long_accuracy_by_neutral_tokens"][n] for r in mine) / len(mine), 5) for n in LENGTHS
            },
        }
    out["held_out_bar_met"] = all(out[c]["held_out_min"] >= HELD_OUT_BAR for c in GATED)
    out["long_separates"] = min(out[c]["long_min"] for c in GATED) > out["rnn"]["long_max"]
    out["all_within_30_s"] = all(r["seconds"] <= 30 for r in runs)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=5, help="seeds 0..n-1")
    p.add_argument("--checkpoints", action="store_true", help="save each cell's seed-0 run as the shipped checkpoint")
    p.add_argument("--vary-split", action="store_true", help="also run every seed on its own template split")
    args = p.parse_args()
    torch.set_num_threads(1)  # as the page and the CLI train: one core, the other left to everyone else
    runs, varied = [], []
    for seed in range(args.seeds):
        for cell in intent.TORCH_MODULES:
            trainer, result = run(cell, seed)
            runs.append(result)
            if args.checkpoints and seed == 0:
                path = intent.save(trainer, intent.path_for(cell))
                print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes", flush=True)
    if args.vary_split:
        varied = [run(cell, seed, split_seed=seed)[1] for seed in range(1, args.seeds) for cell in intent.TORCH_MODULES]
    meta = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "cpus": os.cpu_count(),
        "written": time.strftime("%Y-%m-%d %H:%M:%S"),
        "config": asdict(intent.Config()),
        "steps": intent.STEPS,
    }
    summary = {"split_0": bars(runs)}
    if varied:
        summary["split_per_seed"] = bars([r for r in runs if r["seed"] == 0] + varied)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"meta": meta, "bars": summary, "runs": runs, "runs_split_per_seed": varied}, indent=1, ensure_ascii=False
        )
        + "\n"
    )
    for r in runs + varied:
        print(
            f"{r['cell']:5s} seed {r['seed']} split {r['split_seed']}  held-out {r['held_out_accuracy']:.3f}  "
            f"long {r['long_accuracy']:.3f}  {r['seconds']:5.1f} s  (load {r['load_avg_1min']})"
        )
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
