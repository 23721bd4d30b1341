"""The start of a lesson: a freshly started server (class settings) that a whole class opens at once.

Every first run imports and warms up in its own script thread at the same moment, which is where a race
between threads shows (one found this way: a first import of pandas in one session's thread, seen half
done by plotly in another's, broke the other session's page).
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from deploy.client import Session
from deploy.serve import Replica, class_flags

# 12 students, spread over the pages with charts, all connecting within the same second
PAGES = ["", "memory", "gradients", "gates"] * 3


async def _first_runs(url: str) -> list:
    async def student(page: str):
        async with Session(url, page=page) as session:
            return page, await session.run(timeout=180)

    return await asyncio.gather(*(student(page) for page in PAGES))


def test_a_class_opening_a_fresh_server_at_once_gets_every_page():
    with Replica(*class_flags()) as server, ThreadPoolExecutor(1) as thread:
        # in a thread of its own: the browser tests' playwright keeps an event loop running in this one
        runs = thread.submit(asyncio.run, _first_runs(server.url)).result()
    for page, run in runs:
        assert run.status == "ok", (page, run)
        assert run.exceptions == [], (page, run.exceptions)
        assert run.charts >= 2, (page, run)  # each of these pages draws two charts or more
