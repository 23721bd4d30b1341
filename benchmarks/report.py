"""The README's performance tables, printed as markdown from the results in results/bench/.

python -m benchmarks.report
"""

from __future__ import annotations

from benchmarks.bench_core import markdown as core_table
from benchmarks.plot import rows


def latency_table() -> str:
    lines = [
        "| page | control | T | settled, median (min–max) | x trivial page | server CPU | browser CPU |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in ("pages.jsonl", "memory.jsonl", "gates.jsonl"):
        for r in rows(name):
            if r["page"] == "trivial":
                continue
            control = r["control"] + (", charts in view" if r.get("view") == "charts" else "")
            lines.append(
                f"| {r['page']} | {control} | {r['T']} | {r['settled_median_ms']} ms "
                f"({r['settled_min_ms']}–{r['settled_max_ms']}) | {r['ratio_median']:.1f}x | "
                f"{r.get('server_cpu_median_ms', '')} ms | {r['browser_cpu_median_ms']} ms |"
            )
    floors = [
        r["settled_median_ms"]
        for n in ("pages.jsonl", "memory.jsonl", "gates.jsonl")
        for r in rows(n)
        if r["page"] == "trivial"
    ]
    return "\n".join(lines) + f"\n\nTrivial page (the floor), median per run: {', '.join(f'{f} ms' for f in floors)}."


def plotly_table() -> str:
    lines = ["| figure | T | sent | new plot | in place |", "| --- | ---: | ---: | ---: | ---: |"]
    for r in rows("plotly.jsonl"):
        lines.append(
            f"| {r['figure']} | {r['T']} | {r['spec_kb']} KB | {r['new_plot_median_ms']} ms | "
            f"{r['in_place_median_ms']} ms |"
        )
    return (
        "\n".join(lines)
        + f"\n\nplotly.js {rows('plotly.jsonl')[0]['plotly_js']}, median over 3 rounds of 6 lengths each."
    )


def load_table() -> str:
    lines = [
        "| students | reruns | p50 | p95 | max | p95 per page | errors | peak server memory |",
        "| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for r in rows("load.jsonl"):
        pages = ", ".join(f"{p} {v:.2f} s" for p, v in sorted(r["p95_by_page_s"].items()))
        lines.append(
            f"| {r['students']} | {r['runs']} | {r['p50_s']:.3f} s | {r['p95_s']:.3f} s | {r['max_s']:.2f} s | "
            f"{pages} | {r['errors']} | {r['peak_rss_mb']} MB |"
        )
    return "\n".join(lines)


def main() -> None:
    print("### Core cost\n\n" + core_table(rows("core.json")))
    print("\n### Browser latency\n\n" + latency_table())
    print("\n### The step-through page's figures in plotly.js alone\n\n" + plotly_table())
    print("\n### Load\n\n" + load_table())
    soak = rows("soak.jsonl")[0]
    print(
        f"\n### Soak\n\n{soak['reruns']} reruns, {soak['errors']} errors; memory after warm-up "
        f"{soak['rss_after_warmup_mb']} MB, at the end {soak['rss_end_mb']} MB: growth {soak['growth_mb']} MB."
    )


if __name__ == "__main__":
    main()
