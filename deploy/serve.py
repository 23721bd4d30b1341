"""Serve rnnviz on this machine: N replicas (one `streamlit run app.py` process each, with the class settings
of deploy/class.toml) and HAProxy in front of them with sticky sessions (deploy/haproxy.cfg).

One Streamlit process runs Python under one interpreter lock, so it uses about one core: run one replica
per core. Ctrl-C stops everything.

    python -m deploy.serve --replicas 2 --port 8080

``Replica`` and ``Balancer`` are also what the tests and the benchmarks start a server with.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASS_CONFIG = ROOT / "deploy" / "class.toml"
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
MAX_REPLICAS = 8  # the server slots deploy/haproxy.cfg has for one machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def class_flags() -> list[str]:
    """deploy/class.toml as command-line flags, so that a test or a benchmark runs the server a class gets.
    Where it listens is the caller's choice, and host lists say who may connect (they would refuse 127.0.0.1)."""
    config = tomllib.loads(CLASS_CONFIG.read_text())
    skip = {"server.address", "server.port", "server.headless"}
    return [
        arg
        for section, options in config.items()
        for key, value in options.items()
        if f"{section}.{key}" not in skip and not isinstance(value, list)
        for arg in (f"--{section}.{key}", str(value).lower() if isinstance(value, bool) else str(value))
    ]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    """Return once ``url`` answers its health check; raise if the process ends or time runs out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with code {proc.returncode}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not become healthy within {seconds:.0f} s")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0.0


class Replica:
    """One `streamlit run app.py` on 127.0.0.1 (a free port unless given), as a context manager."""

    def __init__(
        self, *flags: str, port: int | None = None, script: str = "app.py", env: dict | None = None, quiet: bool = True
    ):
        self.flags, self.port, self.script, self.env, self.quiet = flags, port or free_port(), script, env, quiet
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Replica:
        out = subprocess.DEVNULL if self.quiet else None
        self.proc = subprocess.Popen(  # python -m streamlit: the process itself is the server, its pid is ours
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(self.script),
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                *self.flags,
            ],
            cwd=ROOT,
            stdout=out,
            stderr=out,
            env={**os.environ, **(self.env or {})},
        )
        try:
            wait_healthy(self.url, self.proc)
        except RuntimeError:
            self.stop()
            raise
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_mb(self) -> float:
        """Resident memory of the server process and its children (the worker), in MB (0 once it has stopped)."""
        return sum(_rss_mb(pid) for pid in [self.proc.pid, *_children(self.proc.pid)])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


class Balancer:
    """HAProxy with deploy/haproxy.cfg on 127.0.0.1:port in front of these replicas' addresses."""

    def __init__(self, replicas: list[str], port: int | None = None, host: str = "127.0.0.1"):
        if not 1 <= len(replicas) <= MAX_REPLICAS:
            raise ValueError(f"between 1 and {MAX_REPLICAS} replicas, got {len(replicas)}")
        self.replicas, self.port, self.host = replicas, port or free_port(), host
        self.url = f"http://{host}:{self.port}"

    def __enter__(self) -> Balancer:
        haproxy = shutil.which("haproxy")
        if not haproxy:
            raise RuntimeError("HAProxy is missing: apt-get install -y haproxy")
        env = {**os.environ, "RNNVIZ_BIND": f"{self.host}:{self.port}"}
        env.update({f"RNNVIZ_REPLICA{i}": address for i, address in enumerate(self.replicas, start=1)})
        self.proc = subprocess.Popen(
            [haproxy, "-db", "-f", str(HAPROXY_CONFIG)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_healthy(self.url, self.proc, 30)
        except RuntimeError as e:
            self.proc.kill()
            raise RuntimeError(f"{e}: {self.proc.stderr.read().decode(errors='replace')[-2000:]}") from e
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="default: one per core")
    parser.add_argument("--port", type=int, default=8080, help="where students connect")
    parser.add_argument("--host", default="0.0.0.0", help="the balancer's address (0.0.0.0: every interface)")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        replicas = [stack.enter_context(Replica(*class_flags(), quiet=False)) for _ in range(args.replicas)]
        stack.enter_context(Balancer([f"127.0.0.1:{r.port}" for r in replicas], args.port, args.host))
        print(f"rnnviz: {args.replicas} replicas behind http://{args.host}:{args.port} (Ctrl-C stops)", flush=True)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})


if __name__ == "__main__":
    main()
