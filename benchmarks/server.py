"""Start and stop `streamlit run app.py` on a free 127.0.0.1 port, for benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASS_CONFIG = ROOT / "deploy" / "class.toml"


def class_flags() -> list[str]:
    """deploy/class.toml as command-line flags, so a benchmark measures the server a class gets. Where it
    listens is the benchmark's choice (127.0.0.1 on a free port), and host lists say who may connect,
    which costs nothing and would refuse the benchmark's own 127.0.0.1."""
    config = tomllib.loads(CLASS_CONFIG.read_text())
    skip = {"server.address", "server.port", "server.headless"}
    return [
        arg
        for section, options in config.items()
        for key, value in options.items()
        if f"{section}.{key}" not in skip and not isinstance(value, list)
        for arg in (f"--{section}.{key}", str(value).lower() if isinstance(value, bool) else str(value))
    ]


class Server:
    """A context manager: a local Streamlit server for this repo's app, with its memory readable."""

    def __init__(self, *flags: str, env: dict | None = None):
        self.flags, self.env = flags, env or {}

    def __enter__(self) -> Server:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                *self.flags,
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **self.env},
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1).read() == b"ok":
                    return self
            except OSError:
                time.sleep(0.3)
        self.proc.kill()
        raise RuntimeError("streamlit did not become healthy within 60 s")

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
