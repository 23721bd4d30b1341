"""Training lab: RNN, LSTM and GRU learn a long-range memory task side by side, live; the classic result."""
import streamlit as st

from pages import training_ui as ui
from pages import shared
from rnnviz import figures, tasks
from rnnviz.figures import training as figs
from rnnviz.i18n import t

shared.run_through_app()
lang = shared.language()
st.title(t("training.title", lang))
st.write(t("training.intro", lang))
ui.controls(lang)
s = shared.current()  # after the page's widgets: on a fresh link they read their value from the URL here
task = tasks.get(s.task)
ui.task_notes(s, lang)
if not s.cells:
    st.info(t("msg.no_cells", lang))
    st.stop()

tokens, answer = ui.example(s, lang)
shared.plot(figures.token_strip(tokens[:60], title=t("training.example", lang)), key="training_example")
st.caption(t("training.answer", lang, answer=answer))

# ---- the live run ----
lab = ui.current_lab(s)
running = bool(lab and lab.running)
buttons = st.columns([1, 1, 5])
buttons[0].button(t("training.start", lang), type="primary", icon=":material/play_arrow:", key="train_start",
                  on_click=ui.start, disabled=running)
buttons[1].button(t("training.stop", lang), icon=":material/stop:", key="train_stop", on_click=ui.stop,
                  disabled=not running)
progress = st.empty()
top_left, top_right = st.columns(2)
score_slot, loss_slot = top_left.empty(), top_right.empty()
bottom_left, bottom_right = st.columns(2)
grad_slot, first_slot = bottom_left.empty(), bottom_right.empty()
look, try_this = st.columns(2)
with look:
    shared.look_for(t("training.look.curves", lang), lang)
try_this.success(f"**{t('try_this', lang)}** — {t('training.try.curves', lang)}", icon=":material/science:")
table_slot = st.empty()


def draw(lab: ui.Lab) -> None:
    """Progress and the three curves of the run so far (keys change each round: one element per draw)."""
    if lab.running:
        progress.progress(min(1.0, lab.step / max(1, lab.total)),
                          text=t("training.progress", lang, step=lab.step, total=lab.total))
    elif lab.done:
        progress.success(t("training.finished", lang), icon=":material/check_circle:")
    else:
        progress.warning(t("training.stopped", lang, step=lab.step, total=lab.total), icon=":material/stop_circle:")
    found = ui.charts(lab, lang)
    for name, slot in (("score", score_slot), ("loss", loss_slot), ("grad", grad_slot), ("first", first_slot)):
        shared.plot(found[name], key=f"training_{name}_{lab.step}", where=slot.container())


if lab is None:
    progress.info(t("training.changed" if "_lab" in st.session_state else "training.press", lang),
                  icon=":material/model_training:")
else:
    if not lab.running and not lab.results:
        with st.spinner(t("training.testing", lang)):
            ui.finish(lab)
    draw(lab)
    if lab.results:
        with table_slot.container():
            st.caption(t("training.summary", lang))
            st.dataframe(ui.summary_table(lab, lang), hide_index=True)

# ---- the classic figure: score against sequence length, from the results file ----
st.header(t("training.classic", lang))
data = ui.results()
runs = [r for r in (data or {"runs": []})["runs"] if r["task"] == s.task]
if not runs:
    st.info(t("training.classic.missing", lang))
else:
    live = list(lab.results.values()) if lab and lab.results else None
    left, right = st.columns([3, 2])
    shared.plot(figs.by_length(runs, s.task, task.metric, task.baseline, live, lang), key="training_classic", where=left)
    left.caption(t("training.classic.source", lang, file="results/training_vs_length.json",
                   date=data["meta"]["written"]))
    with right:
        shared.look_for(t("training.look.classic", lang), lang)
        st.success(f"**{t('try_this', lang)}** — {t('training.try.classic', lang)}", icon=":material/science:")
        lengths = sorted({r["length"] for r in runs})
        pick = st.selectbox(t("training.rerun.length", lang), lengths, key="_rerun_length",
                            index=lengths.index(s.train_length) if s.train_length in lengths else 0)
        st.button(t("training.rerun", lang), icon=":material/replay:", key="train_rerun", on_click=ui.start,
                  args=(pick,), disabled=running)
st.info(t("training.see", lang), icon=":material/school:")

if running:  # last, so the whole page is drawn while the cells train
    ui.train_live(lab, draw)
    st.rerun()
