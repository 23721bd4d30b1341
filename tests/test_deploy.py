"""Two replicas behind HAProxy (deploy/serve.py, deploy/haproxy.cfg), as a school runs them: every session
stays on its replica across reruns and reconnects, both replicas serve, and a replica that stops loses only
its own sessions, which reconnect to the other one and open their link's view again."""

import asyncio
import shutil
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest

from deploy.client import Session
from deploy.serve import Balancer, Replica, class_flags

pytestmark = pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy is missing: apt-get install haproxy")
STUDENTS = 6


def _link(i: int) -> str:
    return f"text=student+{i}+reads+this+line&cells=LSTM"


def _first_visit(url: str) -> tuple[str, str]:
    """A browser's first request: (its sticky cookie, the replica that answered)."""
    with urllib.request.urlopen(f"{url}/memory?{_link(0)}", timeout=30) as reply:
        cookie = reply.headers["Set-Cookie"].split(";")[0]
        return cookie, reply.headers["X-Rnnviz-Replica"]


async def _student(url: str, i: int, cookie: str, stop_first: asyncio.Event, stopped: asyncio.Event) -> dict:
    seen = {}
    async with Session(url, "memory", cookie) as s:
        seen["connect"] = s.replica
        runs = [await s.run(_link(i)) for _ in range(2)]  # open the link, then a rerun of the same session
        seen["runs"] = [(r.status, r.exceptions, r.texts.get("text")) for r in runs]
    async with Session(url, "memory", cookie) as s:  # the websocket drops and the browser reconnects
        seen["reconnect"] = s.replica
        seen["after_reconnect"] = (await s.run(_link(i))).status
        stop_first.set()
        await stopped.wait()  # the test stops replica1 now
        try:
            seen["survived"] = (await s.run(_link(i), timeout=30)).status
        except Exception as e:  # the websocket of a stopped replica is gone
            seen["survived"] = type(e).__name__
    async with Session(url, "memory", cookie) as s:  # every student's browser reconnects once more
        run = await s.run(_link(i))
        seen["final"] = (s.replica, run.status, run.exceptions, run.texts.get("text"))
    return seen


def test_sessions_stick_to_their_replica_and_a_stopped_one_loses_only_its_own():
    with ExitStack() as stack:
        first, second = (stack.enter_context(Replica(*class_flags())) for _ in range(2))
        balancer = stack.enter_context(Balancer([f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"]))
        visits = [_first_visit(balancer.url) for _ in range(STUDENTS)]

        async def lesson():
            ready = [asyncio.Event() for _ in visits]
            stopped = asyncio.Event()
            tasks = [
                asyncio.create_task(_student(balancer.url, i, cookie, ready[i], stopped))
                for i, (cookie, _) in enumerate(visits)
            ]
            for event in ready:
                await event.wait()
            await asyncio.to_thread(first.stop)
            stopped.set()
            return await asyncio.gather(*tasks)

        # in a thread of its own: the browser tests' playwright keeps an event loop running in this one
        with ThreadPoolExecutor(1) as thread:
            seen = thread.submit(asyncio.run, lesson()).result(timeout=300)

    assert {replica for _, replica in visits} == {"replica1", "replica2"}  # both replicas serve
    for i, ((_, replica), s) in enumerate(zip(visits, seen)):
        expected_text = f"student {i} reads this line"
        assert s["connect"] == s["reconnect"] == replica, s  # the websocket and its reconnect: the same replica
        assert s["runs"] == [("ok", [], expected_text)] * 2 and s["after_reconnect"] == "ok", s
        if replica == "replica1":  # its replica stopped: the session is gone, the next connection goes to the
            assert s["survived"] != "ok" and s["final"] == ("replica2", "ok", [], expected_text), s  # other one
        else:  # untouched: the open session went on, and it stays where it was
            assert s["survived"] == "ok" and s["final"] == ("replica2", "ok", [], expected_text), s
