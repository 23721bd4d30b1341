"""Soak: 1,000 reruns with varied settings against one local server; how much does its memory grow?

A few protocol clients (deploy/client.py) take turns over the pages, changing the hidden
size, the seed and the text on the way, so caches fill and evict. Memory is read after a
warm-up (the first 10% of reruns) and at the end; growth past warm-up is the leak signal.

    python -m benchmarks.soak --reruns 1000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random

from deploy.client import Session
from deploy.serve import Replica, class_flags

PAGES = ("home", "memory", "gradients", "gates")
TEXTS = (
    "what time is it?",
    "the cat sat on the mat",
    "现在几点了？",
    "a b c d e f g h i j k l m n o p",
    "I grew up in France and I speak fluent French",
)


async def soak(url: str, server: Replica, reruns: int, clients: int) -> dict:
    rng = random.Random(0)
    samples, errors, done = [], 0, 0
    warmup = max(1, reruns // 10)

    async def one(client: int):
        nonlocal errors, done
        async with Session(url, PAGES[client % len(PAGES)]) as s:
            await s.run()
            while done < reruns:
                s.page = rng.choice(PAGES)
                if "hidden" in s.widgets:
                    s.set_slider("hidden", rng.choice([4, 8, 16, 32]))
                if "seed" in s.widgets:
                    s.set_number("seed", rng.randrange(50))
                if "text" in s.widgets:
                    s.set_text("text", rng.choice(TEXTS))
                run = await s.run()
                errors += int(run.status != "ok" or bool(run.exceptions))
                done += 1
                if done == warmup or done % 100 == 0:
                    samples.append((done, round(server.rss_mb(), 1)))

    await asyncio.gather(*(one(c) for c in range(clients)))
    after_warmup = next(mb for n, mb in samples if n >= warmup)
    return {
        "reruns": done,
        "errors": errors,
        "rss_after_warmup_mb": after_warmup,
        "rss_end_mb": samples[-1][1],
        "growth_mb": round(samples[-1][1] - after_warmup, 1),
        "samples": samples,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reruns", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with Replica(*class_flags()) as server:
        print(json.dumps(asyncio.run(soak(server.url, server, args.reruns, args.clients))))
