"""The generation page's training section: train the selected cells from random weights on the generated corpus
or on a text the user pastes (checked by rnnviz.pasted, never put in the link), one run at a time per server
and shared (pages/retrain_chars.py), with the loss, the held-out bits per character and a sample every round."""

from __future__ import annotations

import streamlit as st

from pages import cache_apps, charts, retrain_chars, widgets
from rnnviz import chars, corpus, pasted
from rnnviz.figures import generate as figs
from rnnviz.i18n import t

MINE = "_gen_trained"  # session state: {(cells, seconds, text): the seed of the run this session asked for}
SOURCE, TEXT = "gen_source", "gen_pasted"  # the session's choice of text and its pasted text (not in the link)


def ask(key: retrain_chars.Key) -> None:
    """Button callback: train these cells (or join the run of them under way)."""
    st.session_state.setdefault(MINE, {})[key] = cache_apps.char_trainings().ask(key).seed


def curves(run: retrain_chars.Training, unigram: float, lang: str):
    data = {k: vars(c) for k, c in run.cells.items() if c.round_step}
    return figs.training_curves(data, unigram, lang)


def watch(run: retrain_chars.Training, unigram: float, lang: str) -> None:
    """The run's progress, curves and latest samples (a fragment redrawing every second); the page once done."""
    done = [c for c in run.cells.values() if c.round_step]
    text = t("gen.train.queued", lang) if not done else t("gen.train.progress", lang, seed=run.seed)
    st.progress(run.fraction, text=text)
    if done:
        charts.chart(curves(run, unigram, lang), key="gen_train_curves")
        for c in done:
            head = t(
                "gen.train.sample", lang, cell=t(f"cell.{c.kind}", lang), step=c.round_step[-1], bits=c.held_out[-1]
            )
            st.html(figs.sample_html(head, "", c.samples[-1], figs.CELL_COLORS[c.kind]))
    if run.finished:
        st.rerun()


def trained(run: retrain_chars.Training, start: str, s, lang: str) -> None:
    """A finished run: its curves, each cell's held-out score before and after, and its text before and after."""
    unigram = next(iter(run.cells.values())).summary["unigram_bits"]
    charts.chart(curves(run, unigram, lang), key="gen_train_curves")
    widgets.look_for(t("gen.look.train_pasted" if run.key[2] else "gen.look.train", lang), lang)
    for kind, c in run.cells.items():
        cell, sm = t(f"cell.{kind}", lang), c.summary
        st.metric(
            t("gen.train.metric", lang, cell=cell, seconds=sm["seconds"], steps=sm["steps"]),
            f"{sm['bits_per_char']:.3f}",
            t("gen.train.delta", lang, before=sm["untrained_bits"], unigram=sm["unigram_bits"]),
            delta_color="off",
            delta_arrow="off",
        )
        before, after = st.columns(2)
        before.html(figs.sample_box(kind, t("gen.train.before", lang, cell=cell), "", c.samples[0]))
        after.html(figs.sample_box(kind, t("gen.train.after", lang, cell=cell), "", c.samples[-1]))
        continued = chars.sample(c.model, start, s.sample_length, s.temperature, s.sample_seed)[len(start) :]
        st.html(figs.sample_box(kind, t("gen.train.yours", lang, cell=cell), start, continued))


def pasted_text(lang: str) -> pasted.Pasted | None:
    """The text box, what is kept of it, and the checked text; None (with the reason said) when it cannot be
    trained on."""
    cfg = chars.Config()
    limits = dict(lo=f"{corpus.MIN_CHARS:,}", hi=f"{corpus.MAX_CHARS:,}", vocab=corpus.MAX_VOCAB - 1)
    limits |= dict(max=f"{pasted.MAX_UNKNOWN:.0%}", streams=cfg.batch, chunk=cfg.seq + 1)
    st.text_area(t("gen.paste.label", lang, **limits), key=TEXT, height=160, placeholder=t("gen.paste.hint", lang))
    st.caption(t("gen.paste.kept", lang, keys=cache_apps.char_trainings().keys))
    text = st.session_state[TEXT]
    if not text.strip():
        st.info(t("gen.paste.empty", lang, **limits), icon=":material/content_paste:")
        return None
    p = cache_apps.pasted_check(text)
    odd = " ".join(f"U+{ord(c):04X}" if p.problem == "control" else f"“{figs.markdown_char(c)}”" for c in p.odd)
    if not p.ok:
        share = f"{p.unknown_share:.0%}"
        st.error(
            t(f"gen.paste.{p.problem}", lang, n=f"{len(p.text):,}", odd=odd, share=share, **limits),
            icon=":material/error:",
        )
        return None
    st.success(
        t(
            "gen.paste.ok",
            lang,
            n=f"{len(p.text):,}",
            train=f"{p.train_chars:,}",
            held=f"{p.held_chars:,}",
            distinct=p.distinct,
            unigram=p.unigram_bits,
        ),
        icon=":material/check_circle:",
    )
    if p.odd:
        st.caption(t("gen.paste.unknown_some", lang, odd=odd, count=f"{p.unknown:,}", **limits))
    return p


def training(start: str, s, lang: str) -> None:
    """Train the selected cells from random weights, with progress; then what the training changed."""
    st.subheader(t("gen.train.header", lang))
    st.session_state[TEXT] = st.session_state.get(TEXT, "")  # kept while its box is hidden or on another page
    source = st.segmented_control(
        t("gen.paste.source", lang),
        ["corpus", "pasted"],
        default="corpus",
        required=True,
        format_func=lambda k: t(f"gen.paste.source.{k}", lang),
        key=SOURCE,
    )
    checked = pasted_text(lang) if source == "pasted" else None
    if source == "pasted" and checked is None:
        return
    text = checked.text if checked else ""
    explain = st.empty()  # above the widget, written once its value is known
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    seconds = widgets.widget("train_seconds", lang, left)  # drawn after widgets.current(): its own value
    key = (s.cells, seconds, text)
    on = t("gen.train.on_pasted" if text else "gen.train.on_corpus", lang)
    explain.write(t("gen.train.explain", lang, n=len(s.cells), total=len(s.cells) * seconds, on=on))
    seed = st.session_state.get(MINE, {}).get(key)
    run = cache_apps.char_trainings().get(key, seed) if seed else None
    right.button(
        t("gen.train.button", lang, n=len(s.cells), seconds=seconds),
        key="gen_train",
        type="primary",
        icon=":material/model_training:",
        on_click=ask,
        args=(key,),
        disabled=run is not None and not run.finished,
    )
    if run is None:
        return
    if run.state == "failed":
        st.error(t("gen.train.failed", lang, error=run.error), icon=":material/error:")
    elif run.finished:
        trained(run, start, s, lang)
    else:
        unigram = checked.unigram_bits if checked else cache_apps.char_model(s.cells[0]).meta["result"]["unigram_bits"]
        st.fragment(run_every=1.0)(watch)(run, unigram, lang)
