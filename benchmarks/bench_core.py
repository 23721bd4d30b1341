"""Core cost: trace, contributions and gradient_norms against the floor of one torch.nn forward + backward.

For each cell kind, T and H, times each core call (best of a few repeats, to damp noise on a
shared machine) and divides by the best time of one forward + backward pass of the matching
torch.nn module over the same sequence, measured in the same run.

    python -m benchmarks.bench_core            # the README table (a few minutes)
    python -m benchmarks.bench_core --quick    # T in (50, 100), H = 32
"""

from __future__ import annotations

import argparse
import json
import time

import torch

from rnnviz import contributions, gradient_norms, make_cell, trace
from rnnviz.cells import CELLS

D = 8  # the app's default embedding size


def best_time(fn, repeats: int) -> float:
    fn()  # warm-up: first-call costs (torch.func tracing, allocator) are not what we compare
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(kind: str, H: int, x: torch.Tensor) -> float:
    """One forward + backward pass of torch.nn's fused module over x, float64 like the core."""
    module = CELLS[kind].torch_module(D, H).double()
    xd = x.double().requires_grad_(True)

    def step():
        out, _ = module(xd)
        out[-1].sum().backward()

    return best_time(step, repeats=5)


def run(Ts, Hs, repeats: int) -> list[dict]:
    rows = []
    for H in Hs:
        for T in Ts:
            x = torch.randn(T, D, generator=torch.Generator().manual_seed(T))
            for kind in ("rnn", "lstm", "gru"):
                cell = make_cell(kind, D, H, seed=0)
                base = floor(kind, H, x)
                row = {"kind": kind, "T": T, "H": H, "floor_ms": round(base * 1e3, 3)}
                for name, fn in (
                    ("trace", trace),
                    ("contributions", contributions),
                    ("gradient_norms", gradient_norms),
                ):
                    seconds = best_time(lambda fn=fn, cell=cell, x=x: fn(cell, x), repeats)
                    row[f"{name}_ms"] = round(seconds * 1e3, 2)
                    row[f"{name}_x"] = round(seconds / base, 2)
                rows.append(row)
                print(json.dumps(row), flush=True)
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "| cell | T | H | floor (ms) | trace | contributions | gradient_norms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['kind']} | {r['T']} | {r['H']} | {r['floor_ms']:.2f} | "
            + " | ".join(
                f"{r[f'{n}_ms']:.1f} ms ({r[f'{n}_x']:.1f}x)" for n in ("trace", "contributions", "gradient_norms")
            )
            + " |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", help="write the rows as JSON here")
    args = parser.parse_args()
    torch.set_num_threads(1)  # what one Streamlit session gets on a shared 2-core server
    Ts, Hs = ((50, 100), (32,)) if args.quick else ((50, 100, 200, 500, 1000), (32, 64))
    rows = run(Ts, Hs, repeats=1 if args.quick else 3)
    print(markdown(rows))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(rows, f, indent=1)
