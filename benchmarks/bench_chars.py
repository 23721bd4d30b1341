"""Text-generation benchmark: every cell, 5 seeds, 60 s of training each on one core; held-out bits per
character against the unigram baseline, samples before and after, and which unit tracks what.

    flock /tmp/rnnviz-bench.lock python benchmarks/bench_chars.py                # results/chars.json
    flock /tmp/rnnviz-bench.lock python benchmarks/bench_chars.py --checkpoints  # + checkpoints/chars-*.safetensors

The budget is CPU seconds spent in updates (one torch thread), so a busy machine slows a run down
but does not shorten its training; wall times, measured on a shared 2-core machine, are recorded
next to the load average at the start of each run. ``--checkpoints`` saves the seed-0 run of every
cell as the shipped model. The unit search runs on a fresh corpus text, for the trained model and,
as a control, for the same seed's untrained weights.
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

from rnnviz import chars, corpus  # noqa: E402

RESULTS = ROOT / "results" / "chars.json"
UNIT_TEXT = chars.UNIT_TEXT  # the text the unit search reads, as the page


def units(model: chars.Model, text: str) -> list[dict]:
    """find_unit for every feature, on h_t and (LSTM) c_t."""
    states = ("hidden", "cell") if model.cell.kind == "lstm" else ("hidden",)
    return [
        {k: round(v, 3) if isinstance(v, float) else v for k, v in chars.find_unit(model, text, f, s).items()}
        for s in states
        for f in corpus.FEATURES
    ]


def run(cell: str, seed: int, seconds: float, save: bool) -> dict:
    """One training run with the page's defaults; its summary, wall time, load and unit findings."""
    load, wall = os.getloadavg()[0], time.perf_counter()
    trainer = chars.train(chars.Config(cell=cell, seed=seed, seconds=seconds))
    result = trainer.summary() | {
        "total_wall_seconds": round(time.perf_counter() - wall, 1),
        "load_avg_1min": round(load, 2),
    }
    text = corpus.text(*UNIT_TEXT)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)  # the same untrained weights as the run started from
        untrained = chars.to_model(chars.Net(cell, len(trainer.vocab), trainer.cfg.hidden), trainer.vocab)
    result["units"], result["untrained_units"] = units(trainer.model(), text), units(untrained, text)
    if save:
        result["checkpoint"] = str(chars.save(trainer, chars.path_for(cell)).relative_to(ROOT))
    print(json.dumps({k: v for k, v in result.items() if "units" not in k}), flush=True)
    return result


def _abs_r(runs: list[dict], field: str) -> dict[str, list[float]]:
    """|r| on the held-out half per "state/feature", one per run."""
    out: dict[str, list[float]] = {}
    for r in runs:
        for u in r[field]:
            out.setdefault(f"{u['state']}/{u['feature']}", []).append(round(abs(u["r"]), 3))
    return out


def report(runs: list[dict]) -> dict:
    """Per cell over seeds: bits per character, margin over the unigram, wall times, |r| of the best unit."""
    out = {}
    for cell in chars.KINDS:
        rs = [r for r in runs if r["cell"] == cell]
        if not rs:
            continue

        def mean(key: str, rs: list[dict] = rs) -> float:
            return round(float(np.mean([r[key] for r in rs])), 4)

        bits = [r["bits_per_char"] for r in rs]
        out[cell] = {
            "seeds": len(rs),
            "bits_per_char_mean": mean("bits_per_char"),
            "bits_per_char_sd": round(float(np.std(bits)), 4),
            "unigram_bits": rs[0]["unigram_bits"],
            "margin_min": min(r["margin"] for r in rs),
            "margin_mean": mean("margin"),
            "untrained_bits_mean": mean("untrained_bits"),
            "known_words_mean": mean("known_words"),
            "untrained_known_words_mean": mean("untrained_known_words"),
            "steps_mean": mean("steps"),
            "wall_seconds": [r["total_wall_seconds"] for r in rs],
            "unit_abs_r": _abs_r(rs, "units"),
            "untrained_unit_abs_r": _abs_r(rs, "untrained_units"),
        }
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=5, help="seeds 0..n-1")
    p.add_argument("--seconds", type=float, default=chars.Config().seconds)
    p.add_argument("--cells", nargs="*", default=list(chars.KINDS))
    p.add_argument("--checkpoints", action="store_true", help="save each cell's seed-0 run as the shipped model")
    args = p.parse_args()
    torch.set_num_threads(1)
    runs, meta = (
        [],
        {
            "torch": torch.__version__,
            "threads": 1,
            "cpus": os.cpu_count(),
            "seconds": args.seconds,
            "unit_text": {"chars": UNIT_TEXT[0], "corpus_seed": UNIT_TEXT[1]},
            "note": "seconds are CPU seconds of updates; wall times on a shared 2-core machine",
        },
    )
    for seed in range(args.seeds):
        for cell in args.cells:
            runs.append(run(cell, seed, args.seconds, args.checkpoints and seed == 0))
            meta["written"] = time.strftime("%Y-%m-%d %H:%M:%S")
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            RESULTS.write_text(json.dumps({"meta": meta, "summary": report(runs), "runs": runs}, indent=1) + "\n")
    for cell, s in report(runs).items():
        print(
            f"{cell:5s} {s['bits_per_char_mean']:.3f} ± {s['bits_per_char_sd']:.3f} bits/char "
            f"(unigram {s['unigram_bits']:.3f}, smallest margin {s['margin_min']:.3f}) over {s['seeds']} seeds; "
            f"wall {min(s['wall_seconds']):.0f}-{max(s['wall_seconds']):.0f} s"
        )
        for key, rs in s["unit_abs_r"].items():
            print(f"      best unit for {key:22s} |r| {rs}  (untrained {s['untrained_unit_abs_r'][key]})")


if __name__ == "__main__":
    main()
