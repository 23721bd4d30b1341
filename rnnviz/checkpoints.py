"""Trained models on disk: safetensors files (plain tensors and text metadata, no code runs on load).

A file holds the recurrent weights under ``rnn.`` (torch.nn's names: ``rnn.weight_ih_l0`` ...),
the readout under ``head.``, and what it was trained on as metadata. A *set* is one task
and length trained for every cell kind, named like ``recall-T50``; its files are
``checkpoints/recall-T50-lstm.safetensors`` and so on. Everything that can go wrong on
load (missing file, corrupt bytes, wrong tensors) raises CheckpointError with a clear message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file
from torch import nn

from .cells import CELLS, Cell, make_cell

DIR = Path(__file__).resolve().parent.parent / "checkpoints"
FORMAT = "rnnviz-checkpoint-1"
_SET_NAME = re.compile(r"^(?P<task>[a-z]+)-T(?P<length>\d+)$")
META_INTS = ("length", "hidden", "input_size", "n_outputs", "seed", "steps")


class CheckpointError(ValueError):
    """A checkpoint that cannot be used, with a message a student can act on."""


@dataclass
class Checkpoint:
    """A trained cell (rnnviz's own, for the analysis pages), its readout, and its metadata."""

    cell: Cell
    head: nn.Linear
    meta: dict  # task, cell, length, hidden, input_size, n_outputs, seed, steps, result

    @property
    def task(self) -> str:
        return self.meta["task"]

    @property
    def length(self) -> int:
        return self.meta["length"]


def set_name(task: str, length: int) -> str:
    return f"{task}-T{length}"


def path_for(name: str, kind: str, directory: Path | None = None) -> Path:
    """The file of one cell kind in the set ``name`` (e.g. recall-T50, lstm)."""
    return Path(directory or DIR) / f"{name}-{kind}.safetensors"


def parse_set_name(name: str) -> tuple[str, int]:
    """(task, length) from a set name like "recall-T50"."""
    m = _SET_NAME.match(name)
    if not m:
        raise CheckpointError(f"“{name}” is not a checkpoint name (expected e.g. recall-T50)")
    return m["task"], int(m["length"])


def available(directory: Path | None = None) -> list[str]:
    """Set names that have a file for at least one cell kind, sorted (a kind without one says so when chosen)."""
    names = {p.name.rsplit("-", 1)[0] for p in Path(directory or DIR).glob("*-T*-*.safetensors")}
    return sorted(n for n in names if _SET_NAME.match(n) and any(path_for(n, k, directory).is_file() for k in CELLS))


def file_state(name: str, kind: str, directory: Path | None = None) -> tuple[int, int] | None:
    """(modification time in ns, size) of one file of a set, or None when it is missing: what a cached check
    of the file must be keyed on."""
    try:
        parse_set_name(name)  # a name from a link is checked before it becomes a path
        stat = path_for(name, kind, directory).stat()
    except (OSError, CheckpointError):
        return None
    return stat.st_mtime_ns, stat.st_size


def save(model: nn.Module, cfg, result: dict, path: str | Path) -> Path:
    """Write a trained ``rnnviz.train.Model`` (torch.nn layer + readout) and what it was trained on."""
    tensors = {f"rnn.{k}": v.detach().contiguous() for k, v in model.rnn.state_dict().items()}
    tensors |= {f"head.{k}": v.detach().contiguous() for k, v in model.head.state_dict().items()}
    meta = {
        "format": FORMAT,
        "task": cfg.task,
        "cell": cfg.cell,
        "length": cfg.length,
        "hidden": cfg.hidden,
        "input_size": model.rnn.input_size,
        "n_outputs": model.head.out_features,
        "seed": cfg.seed,
        "steps": result["steps"],
        "result": json.dumps(result),
    }
    return write(tensors, {k: str(v) for k, v in meta.items()}, path)


def read(path: str | Path, remedy: str) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """A safetensors file's tensors and metadata; CheckpointError, with ``remedy`` (how to re-create it), when
    it is missing, corrupt or truncated. safetensors runs no code on load."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"checkpoint file {path.name} is missing; {remedy}")
    try:
        with safe_open(str(path), framework="pt") as f:
            return {k: f.get_tensor(k) for k in f.keys()}, dict(f.metadata() or {})  # noqa: SIM118 (safe_open is not iterable)
    except Exception as e:  # safetensors raises its own error types for bad headers and short files
        raise CheckpointError(f"checkpoint file {path.name} is corrupt or truncated ({e}); {remedy}") from e


def write(tensors: dict[str, torch.Tensor], meta: dict[str, str], path: str | Path) -> Path:
    """Tensors and string metadata as a safetensors file (its folder made if needed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: v.detach().contiguous() for k, v in tensors.items()}, str(path), metadata=meta)
    path.chmod(0o644)  # safetensors writes through a private (0600) temporary file; the app may run as another user
    return path


REMEDY = "re-create it with python benchmarks/bench_training.py checkpoints"


def load(path: str | Path) -> Checkpoint:
    """A checkpoint file as an rnnviz cell with the trained weights, its readout and metadata."""
    path = Path(path)
    tensors, raw = read(path, REMEDY)
    try:
        if raw.get("format") != FORMAT:
            raise ValueError(f"format is {raw.get('format')!r}, expected {FORMAT!r}")
        meta = {**raw, **{k: int(raw[k]) for k in META_INTS}, "result": json.loads(raw["result"])}
        cell = make_cell(meta["cell"], meta["input_size"], meta["hidden"])
        cell.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("rnn.")})
        head = nn.Linear(meta["hidden"], meta["n_outputs"])
        head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
    except (KeyError, ValueError, RuntimeError) as e:  # missing fields or tensors, wrong shapes
        raise CheckpointError(f"checkpoint file {path.name} does not hold an rnnviz model ({e})") from e
    return Checkpoint(cell.requires_grad_(False), head.requires_grad_(False), meta)


def load_set(name: str, kind: str, directory: Path | None = None) -> Checkpoint:
    """The trained cell of ``kind`` in the set ``name``; checks the file is what its name says."""
    task, length = parse_set_name(name)
    ckpt = load(path_for(name, kind, directory))
    if (ckpt.task, ckpt.length, ckpt.meta["cell"]) != (task, length, kind):
        raise CheckpointError(
            f"{path_for(name, kind, directory).name} holds {ckpt.meta['cell']} trained on "
            f"{ckpt.task}, T = {ckpt.length}, not what its name says"
        )
    return ckpt
