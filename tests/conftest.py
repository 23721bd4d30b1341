"""Shared fixtures: a headless Streamlit server on 127.0.0.1 and a headless Chromium driven by playwright."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    """Every test that drives the browser is marked ``browser`` (``-m "not browser"`` leaves them out)."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """Base URL of `streamlit run app.py`, started once for the session and stopped after it."""
    port = _free_port()
    proc = subprocess.Popen(
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
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("streamlit did not become healthy within 60 s:\n" + proc.stdout.read().decode())
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (playwright cannot download its own browser here)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Chromium is missing: apt-get install -y chromium (see .ci/run)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()


IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('.rnnviz-plot')];
    const idle = app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
        && !document.querySelector('[data-testid="stSkeleton"]')  // plotly's code still loading
        && charts.every(c => c.querySelector('.main-svg'));
    window.__idleSince = idle ? (window.__idleSince || performance.now()) : 0;
    return idle && performance.now() - window.__idleSince > 300;
}"""


def wait_until_idle(pg, timeout: float = 60_000) -> None:
    """Wait until the script run has finished, every chart is drawn, and it stayed so for 0.3 s."""
    pg.wait_for_function(IDLE_JS, timeout=timeout, polling=50)


def screenshot(pg, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path
