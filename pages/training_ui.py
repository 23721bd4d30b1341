"""Streamlit glue of the Training lab: its controls, the live run kept in the session, the results file.

A run lives in ``st.session_state["_lab"]`` and trains in rounds of ``ROUND`` updates per cell,
drawing the curves after each round. Any click interrupts a script run at its next element,
so Stop (and every other widget) stays responsive; a rerun picks the run up where it was.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import streamlit as st
import torch

from rnnviz import settings as cfg
from rnnviz import tasks, train
from rnnviz.figures import training as figs
from rnnviz.i18n import t

DEFAULTS = cfg.DEFAULTS
RESULTS = Path(__file__).resolve().parent.parent / "results" / "training_vs_length.json"
ROUND = 50  # updates per cell between two redraws (= the held-out evaluation interval)
THREADS = 1  # torch threads while training: the second core stays free for other students' sessions


@dataclass
class Lab:
    """The selected cells training side by side, and whether they should go on."""

    key: tuple
    trainers: dict[str, train.Trainer]
    running: bool = True
    results: dict[str, dict] = field(default_factory=dict)  # kind -> summary, once finished
    # A click starts the next script run while the previous one may still be inside a round
    # (it only stops at its next element): rounds and the final test take turns through this lock.
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def step(self) -> int:
        return sum(tr.step for tr in self.trainers.values())

    @property
    def total(self) -> int:
        return sum(tr.step if tr.solved else tr.cfg.steps for tr in self.trainers.values())

    @property
    def done(self) -> bool:
        return all(tr.done for tr in self.trainers.values())


def config(s: cfg.Settings, kind: str) -> train.Config:
    return train.Config(task=s.task, cell=kind, length=s.train_length, seed=s.seed, hidden=s.hidden,
                        steps=s.train_steps or None, clip=s.clip, gate_bias=s.gate_init)


def lab_key(s: cfg.Settings) -> tuple:
    return tuple(config(s, kind) for kind in s.cells)


def start(length: int | None = None) -> None:
    """Button callback: a fresh run of the selected cells (at ``length``, if given: the re-run button)."""
    if length is not None:
        st.session_state["train_length"] = length
    st.session_state["_lab_start"] = True


def stop() -> None:
    lab = st.session_state.get("_lab")
    if lab:
        lab.running = False


def current_lab(s: cfg.Settings) -> Lab | None:
    """This session's run for these settings: a new one if Train was pressed, None if settings changed."""
    if st.session_state.pop("_lab_start", False):
        st.session_state["_lab"] = Lab(lab_key(s), {kind: train.Trainer(config(s, kind)) for kind in s.cells})
    lab = st.session_state.get("_lab")
    return lab if lab and lab.key == lab_key(s) else None


def controls(lang: str) -> None:
    """Task, length, memory-gate bias, clipping threshold and budget: bound to the URL. Read the
    settings after this (shared.current()): on a fresh link these widgets take their URL values here."""
    left, right = st.columns(2)
    with left:
        st.selectbox(t("training.task", lang), list(tasks.TASKS), key="task", bind="query-params")
        st.slider(t("training.length", lang), 2, cfg.MAX_STEPS, DEFAULTS.train_length,
                  key="train_length", bind="query-params")
    with right:
        st.slider(t("training.gate_init", lang), 0.0, 5.0, DEFAULTS.gate_init, step=0.5,
                  help=t("training.gate_init.help", lang), key="gate_init", bind="query-params")
        a, b = st.columns(2)
        a.number_input(t("training.clip", lang), 0.01, 100.0, DEFAULTS.clip, step=0.5, format="%.2f",
                       key="clip", bind="query-params")
        b.number_input(t("training.steps", lang), 0, 20000, DEFAULTS.train_steps, step=100,
                       help=t("training.steps.help", lang), key="train_steps", bind="query-params")


def task_notes(s: cfg.Settings, lang: str) -> None:
    """What the chosen task asks, and a warning for long sequences."""
    st.caption(t(f"training.task.{s.task}", lang))
    if s.train_length > 200:
        st.caption(t("training.slow", lang))


def example(s: cfg.Settings, lang: str):
    """One sequence of the task, as the model reads it, and its answer."""
    task = tasks.get(s.task)
    tokens, _, y = task.example(s.train_length, s.seed)
    answer = task.classes[int(y)] if task.classes else f"{float(y):.2f}"
    return tokens, answer


def train_live(lab: Lab, draw) -> None:
    """Train round by round, calling ``draw(lab)`` after each, until done or stopped."""
    torch.set_num_threads(THREADS)
    while True:
        with lab.lock:
            if not lab.running or lab.done:
                break
            for trainer in lab.trainers.values():
                trainer.run(ROUND)
        draw(lab)
        time.sleep(0.01)  # let other sessions' threads take the interpreter between rounds
    lab.running = False  # the page reruns and tests the cells (finish) under a spinner


def finish(lab: Lab) -> None:
    """Test every cell on fresh sequences once the run has ended (finished or stopped)."""
    with lab.lock:
        if not lab.running and not lab.results:
            lab.results = {kind: tr.summary() for kind, tr in lab.trainers.items()}


def charts(lab: Lab, lang: str) -> dict:
    """The three live figures of a run."""
    task = next(iter(lab.trainers.values())).task
    h = {kind: tr.history for kind, tr in lab.trainers.items()}
    clip = next(iter(lab.trainers.values())).cfg.clip
    return {
        "score": figs.score_curves({k: np.array(v.eval_step) for k, v in h.items()},
                                   {k: np.array(v.eval_score) for k, v in h.items()}, task.metric, task.baseline, lang),
        "loss": figs.loss_curves({k: np.array(v.loss) for k, v in h.items()}, task.metric, lang),
        "grad": figs.grad_norms({k: np.array(v.grad_norm) for k, v in h.items()}, clip, lang),
        "first": figs.first_step_grads({k: np.array(v.grad_first) for k, v in h.items()}, lang),
    }


def summary_table(lab: Lab, lang: str) -> list[dict]:
    rows = []
    for kind, r in lab.results.items():
        metric = "accuracy" if "accuracy" in r else "mse"
        rows.append({t("training.col.cell", lang): t(f"cell.{kind}", lang),
                     t(f"training.metric.{metric}", lang): r[metric],
                     t("training.col.steps", lang): r["steps"], t("training.col.seconds", lang): r["seconds"],
                     t("training.col.solved", lang): "✓" if r["solved"] else "–"})
    return rows


@st.cache_data(ttl=60, show_spinner=False)
def results() -> dict | None:
    """The sweep's results file (score against length), or None when it does not exist yet."""
    return json.loads(RESULTS.read_text()) if RESULTS.is_file() else None
