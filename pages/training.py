"""Training lab: RNN, LSTM and GRU learn a long-range memory task side by side, live; the classic result.

A run lives in ``st.session_state["_lab"]`` and trains in rounds of ``ROUND`` updates per cell, drawing
the curves after each round. Any click interrupts a script run at its next element, so Stop (and every
other widget) stays responsive; a rerun picks the run up where it was.
"""

import time

import numpy as np
import streamlit as st
import torch

from pages import cache, charts, export_view, run_through_app, widgets
from pages.links import language
from rnnviz import figures, settings, tasks, train
from rnnviz.figures import training as figs
from rnnviz.i18n import t

ROUND = 50  # updates per cell between two redraws (= the held-out evaluation interval)
THREADS = 1  # torch threads while training: the second core stays free for other students' sessions


def configs(s: settings.Settings) -> tuple[train.Config, ...]:
    return tuple(
        train.Config(
            task=s.task,
            cell=kind,
            length=s.train_length,
            seed=s.seed,
            hidden=s.hidden,
            steps=s.train_steps or None,
            clip=s.clip,
            gate_bias=s.gate_init,
        )
        for kind in s.cells
    )


def start(length: int | None = None) -> None:
    """Button callback: a fresh run of the selected cells (at ``length``, if given: the re-run button)."""
    if length is not None:
        st.session_state["train_length"] = length
    st.session_state["_lab_start"] = True


def stop() -> None:
    if lab := st.session_state.get("_lab"):
        lab.running = False


def current_lab(s: settings.Settings) -> train.Lab | None:
    """This session's run for these settings: a new one if Train was pressed, None if settings changed."""
    if st.session_state.pop("_lab_start", False):
        st.session_state["_lab"] = train.Lab(configs(s))
    lab = st.session_state.get("_lab")
    return lab if lab and lab.configs == configs(s) else None


def curves(lab: train.Lab, lang: str) -> dict:
    """The four live figures of a run."""
    task, clip = next(iter(lab.trainers.values())).task, lab.configs[0].clip
    h = {kind: tr.history for kind, tr in lab.trainers.items()}
    arrays = lambda name: {k: np.array(getattr(v, name)) for k, v in h.items()}  # noqa: E731
    return {
        "score": figs.score_curves(arrays("eval_step"), arrays("eval_score"), task.metric, task.baseline, lang),
        "loss": figs.loss_curves(arrays("loss"), task.metric, lang),
        "grad": figs.grad_norms(arrays("grad_norm"), clip, lang),
        "first": figs.first_step_grads(arrays("grad_first"), lang),
    }


def summary_table(lab: train.Lab, lang: str) -> list[dict]:
    rows = []
    for kind, r in lab.results.items():
        metric = "accuracy" if "accuracy" in r else "mse"
        rows.append(
            {
                t("training.col.cell", lang): t(f"cell.{kind}", lang),
                t(f"training.metric.{metric}", lang): r[metric],
                t("training.col.steps", lang): r["steps"],
                t("training.col.seconds", lang): r["seconds"],
                t("training.col.solved", lang): "✓" if r["solved"] else "–",
            }
        )
    return rows


run_through_app()
lang = language()
st.title(t("training.title", lang))
st.write(t("training.intro", lang))
left, right = st.columns(2)
widgets.widget("task", lang, left)
widgets.widget("train_length", lang, left)
widgets.widget("gate_init", lang, right)
clip_col, steps_col = right.columns(2)
widgets.widget("clip", lang, clip_col)
widgets.widget("train_steps", lang, steps_col)
s = widgets.current()  # after the page's widgets: on a fresh link they read their value from the URL here
task = tasks.get(s.task)
st.caption(t(f"training.task.{s.task}", lang))
if s.train_length > 200:
    st.caption(t("training.slow", lang))
if not s.cells:
    st.info(t("msg.no_cells", lang))
    st.stop()

tokens, _, y = task.example(s.train_length, s.seed)
charts.chart(figures.token_strip(tokens[:60], title=t("training.example", lang)), key="training_example")
st.caption(t("training.answer", lang, answer=task.classes[int(y)] if task.classes else f"{float(y):.2f}"))

# ---- the live run ----
lab = current_lab(s)
running = bool(lab and lab.running)
buttons = st.columns([1, 1, 5])
buttons[0].button(
    t("training.start", lang),
    type="primary",
    icon=":material/play_arrow:",
    key="train_start",
    on_click=start,
    disabled=running,
)
buttons[1].button(
    t("training.stop", lang), icon=":material/stop:", key="train_stop", on_click=stop, disabled=not running
)
progress = st.container(key="training_progress").empty()
top_left, top_right = st.columns(2)
bottom_left, bottom_right = st.columns(2)
slots = {
    "score": top_left.empty(),
    "loss": top_right.empty(),
    "grad": bottom_left.empty(),
    "first": bottom_right.empty(),
}
look, try_this = st.columns(2)
widgets.look_for(t("training.look.curves", lang), lang, look)
try_this.success(f"**{t('try_this', lang)}** — {t('training.try.curves', lang)}", icon=":material/science:")
table_slot = st.empty()


def draw(lab: train.Lab) -> None:
    """Progress and the curves of the run so far (keys change each round: one element per draw)."""
    if lab.running:
        progress.progress(
            min(1.0, lab.step / max(1, lab.total)), text=t("training.progress", lang, step=lab.step, total=lab.total)
        )
    elif lab.done:
        progress.success(t("training.finished", lang), icon=":material/check_circle:")
    else:
        progress.warning(t("training.stopped", lang, step=lab.step, total=lab.total), icon=":material/stop_circle:")
    for name, fig in curves(lab, lang).items():
        charts.chart(fig, key=f"training_{name}_{lab.step}", where=slots[name].container())


if lab is None:
    progress.info(
        t("training.changed" if "_lab" in st.session_state else "training.press", lang),
        icon=":material/model_training:",
    )
else:
    if not lab.running and not lab.results:
        with st.spinner(t("training.testing", lang)):
            lab.finish()
    draw(lab)
    if lab.results:
        with table_slot.container():
            st.caption(t("training.summary", lang))
            st.dataframe(summary_table(lab, lang), hide_index=True)

# ---- the classic figure: score against sequence length, from the results file ----
st.header(t("training.classic", lang))
data = cache.results("training_vs_length")
runs = [r for r in (data or {"runs": []})["runs"] if r["task"] == s.task]
if not runs:
    st.info(t("training.classic.missing", lang))
else:
    live = list(lab.results.values()) if lab and lab.results else None
    left, right = st.columns([3, 2])
    charts.chart(
        figs.by_length(runs, s.task, task.metric, task.baseline, live, lang), key="training_classic", where=left
    )
    left.caption(
        t("training.classic.source", lang, file="results/training_vs_length.json", date=data["meta"]["written"])
    )
    with right:
        widgets.look_for(t("training.look.classic", lang), lang)
        st.success(f"**{t('try_this', lang)}** — {t('training.try.classic', lang)}", icon=":material/science:")
        lengths = sorted({r["length"] for r in runs})
        pick = st.selectbox(
            t("training.rerun.length", lang),
            lengths,
            key="_rerun_length",
            index=lengths.index(s.train_length) if s.train_length in lengths else 0,
        )
        st.button(
            t("training.rerun", lang),
            icon=":material/replay:",
            key="train_rerun",
            on_click=start,
            args=(pick,),
            disabled=running,
        )
st.info(t("training.see", lang), icon=":material/school:")

export_view.download(s, "training", lang)

if running:  # last, so the whole page is drawn while the cells train
    torch.set_num_threads(THREADS)
    while lab.round(ROUND):
        draw(lab)
        time.sleep(0.01)  # let other sessions' threads take the interpreter between rounds
    lab.running = False  # the page reruns and tests the cells (finish) under a spinner
    st.rerun()
