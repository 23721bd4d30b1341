"""Trainings from a page: at most one at a time on a server, each in a process of its own, shared by every
session that asks for the same key while it trains.

A class pressing Train at once starts one run per key, not one per student: a press while that key trains
joins the run under way, and runs of other keys wait their turn in the queue (every page stays responsive, as
the training's many small torch calls hold another interpreter's lock, not the server's). A press once a run is
done starts a new run with the next seed. Nothing here caches or draws: cache_apps holds each page's one
instance for the server, the page reads it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


class Trainings:
    """Every key's runs on this server, the latest last; one run trains at a time. A subclass says how a run
    starts (``start``: the run, and the function its process runs with its arguments, a connection appended)
    and what each message of that process changes on the run (``receive``). A run has ``seed``, ``state``,
    ``error`` and ``finished``."""

    kept = 8  # finished runs kept per key (older ones are forgotten; a session using one falls back)
    keys = 32  # keys kept: past that, the oldest key with no run under way is forgotten with its runs

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"rnnviz-{type(self).__name__}")
        self._runs: dict[Hashable, list] = {}
        self._pending: list = []  # queued or training, in order

    def start(self, key: Hashable, seed: int) -> tuple[Any, Callable, tuple]:
        raise NotImplementedError

    def receive(self, run, message: tuple) -> None:
        raise NotImplementedError

    def ask(self, key: Hashable):
        """The run of this key under way (joined), or a new one with the next seed (1, 2, ...; the shipped
        models are seed 0), queued."""
        with self._lock:
            runs = self._runs.setdefault(key, [])
            if runs and not runs[-1].finished:
                return runs[-1]
            run, target, args = self.start(key, runs[-1].seed + 1 if runs else 1)
            runs.append(run)
            del runs[: -self.kept]
            idle = [k for k, rs in self._runs.items() if k != key and all(r.finished for r in rs)]
            for old in idle[: max(0, len(self._runs) - self.keys)]:
                del self._runs[old]
            self._pending.append(run)
            self._queue.submit(self._train, run, target, args)
            return run

    def get(self, key: Hashable, seed: int):
        """The run of this key with this seed, if this server still has it."""
        return next((r for r in self._runs.get(key, []) if r.seed == seed), None)

    def ahead(self, run) -> int:
        """How many runs train or wait before this one."""
        with self._lock:
            before = self._pending[: self._pending.index(run)] if run in self._pending else []
        return sum(not r.finished for r in before)  # a finished run's process may still be exiting

    def _train(self, run, target: Callable, args: tuple) -> None:
        """In the queue's thread: the run in a process of its own, its messages handed to ``receive``."""
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe(duplex=False)
        process = ctx.Process(target=target, args=(*args, theirs), daemon=True)
        run.state = "training"
        try:
            process.start()
            theirs.close()
            while not run.finished:
                self.receive(run, ours.recv())  # EOFError if the process died
        except (EOFError, OSError) as e:
            run.state, run.error = "failed", f"the training process ended without a result ({e!r})"
        finally:
            ours.close()
            process.join(timeout=10)
            with self._lock:
                self._pending.remove(run)
