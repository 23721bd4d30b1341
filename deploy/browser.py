"""Headless Chromium against a served rnnviz, as the browser tests and the browser benchmarks drive it.

Debian's Chromium (playwright cannot download its own browser here), started without the background
networking that a closed network refuses at every start.
"""

from __future__ import annotations

import shutil

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The script run has finished, the page has content, no element is still loading, every chart is drawn,
# and it has stayed so for 0.3 s.
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


def launch(playwright, *extra: str):
    """Debian's Chromium, headless, through playwright."""
    executable = shutil.which("chromium")
    if not executable:
        raise RuntimeError("Chromium is missing: apt-get install -y chromium (see .ci/run)")
    return playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_ARGS, *extra])


def wait_until_idle(page, timeout: float = 60_000) -> None:
    """Wait until the script run has finished, every chart is drawn, and it stayed so for 0.3 s."""
    page.wait_for_function(IDLE_JS, timeout=timeout, polling=50)
