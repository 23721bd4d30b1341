"""The house style as the linter and the formatter check it (configuration in pyproject.toml)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_the_tree_is_clean_for_ruff(command):
    ruff = shutil.which("ruff")
    assert ruff, "ruff is missing: pip install -r requirements-dev.txt"
    done = subprocess.run([ruff, *command, "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
