"""Translation: a date in words (English or Chinese) to its ISO form, decoded step by step with attention."""

import datetime as dt

import streamlit as st

from pages import cache, cache_apps, charts, export_view, marks, retrain, run_through_app, stepper, widgets
from pages.links import language
from rnnviz import dates_data
from rnnviz import dates_words as words
from rnnviz import settings as cfg
from rnnviz.checkpoints import CheckpointError
from rnnviz.figures import intent as intent_figs
from rnnviz.figures import translate as figs
from rnnviz.i18n import t

HEATMAP = "translate_attention"  # the chart key the step is marked on
ROW_MARK = "#D55E00"
# (format, date): two training dates and two held-out ones, in English and Chinese
EXAMPLES = [
    ("en-dmy", dt.date(2021, 3, 3)),
    ("zh-digits", dt.date(2021, 3, 3)),
    ("en-weekday-words", dt.date(1999, 12, 31)),
    ("zh-era-weekday", dt.date(1999, 12, 31)),
]
ENCODERS = list(cfg.FIELDS["encoder"].metadata["choices"])
MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$")


def md_char(ch: str) -> str:
    """A character as markdown shows it literally."""
    return "\\" + ch if ch in MD_SPECIAL else ch


@cache.figure
def heatmap_figure(kind: str, both: bool, seed: int, text: str, lang: str):
    """The attention of every output step over the input, the same figure at every step."""
    d = cache_apps.translation(kind, both, True, seed, text)
    return figs.attention_heatmap(d.attention, d.text, d.tokens, kind, lang)


@cache.figure
def accuracy_figure(cells: tuple[str, ...], both: bool, lang: str):
    return figs.accuracy_chart(cache.results("dates")["summary"], cells, lang, both)


def plain_line(d: cache_apps.Decoded, step: int, lang: str) -> str:
    """What the model without attention writes at ``step`` (or how it ended, past its last step)."""
    if step > len(d.tokens):
        key = "translate.out.done" if d.finished else "translate.out.unfinished"
        return t(key, lang, n=len(d.tokens))
    tok, p = d.tokens[step - 1], float(d.probs[step - 1].max())
    ch = words.char(tok, lang)
    return t("translate.out.step.plain", lang, t=step, ch=ch, p=f"{p:.3f}")


@st.fragment
def stepping(d: cache_apps.Decoded, plain: cache_apps.Decoded | None, lang: str) -> None:
    """Everything that changes with the step (a fragment: a step reruns only this). HTML and a style sheet;
    the heatmap after it stays the same at every step."""
    n = len(d.tokens)
    step = stepper.step_controls(n, lang, what="output.")
    probs = d.probs.max(axis=1).tolist()
    st.html(
        figs.output_strip(t("translate.out.with", lang), d.tokens, probs, step, words.step_line(d, step, lang), lang)
    )
    if plain is not None:
        line = plain_line(plain, step, lang)
        plain_probs = plain.probs.max(axis=1).tolist()
        st.html(figs.output_strip(t("translate.out.without", lang), plain.tokens, plain_probs, step, line, lang))
    at = figs.step_marks(n, step)
    area = figs.attention_area(n)
    st.html("<style>\n" + marks.marks_css(HEATMAP, area, at["hatched"], at["row"], ROW_MARK) + "\n</style>")
    stepper.keep_playing()


def example_buttons(lang: str) -> None:
    """One button per example date; pressing one puts it in the text box."""
    st.caption(t("translate.examples", lang))
    for col, (fmt, date) in zip(st.columns(len(EXAMPLES)), EXAMPLES):
        text = dates_data.write(date, fmt).text
        shown = text if lang == "en" or fmt.startswith("zh") else t(f"translate.example.{fmt}", lang)
        col.button(
            shown,
            key=f"translate_example_{fmt}",
            help=f"{t(f'translate.example.{fmt}', lang)}: {text}",
            on_click=widgets.apply,
            args=({"date_text": text},),
            width="stretch",
        )


def accuracy(cells: tuple[str, ...], both: bool, lang: str) -> None:
    """Held-out exact match against input length, with and without attention, from results/dates.json."""
    st.subheader(t("translate.acc.header", lang))
    results = cache.results("dates")
    if results is None:
        st.info(t("translate.acc.missing", lang, file="results/dates.json"))
        return
    if not cells:
        st.info(t("translate.acc.no_cells", lang))
        return
    first = next((r for r in results["summary"] if r["bidirectional"] == both), None)
    if first is None:
        st.info(t("translate.acc.missing", lang, file="results/dates.json"))
        return
    charts.chart(accuracy_figure(cells, both, lang), key="translate_accuracy")
    n = sum(g["n"] for g in first["by_length"].values())
    seeds = ", ".join(map(str, first["seeds"]))
    st.caption(
        t("translate.acc.source", lang, seeds=seeds, n=n, file="results/dates.json", date=results["meta"]["written"])
    )
    widgets.look_for(words.accuracy_look(results["summary"], cells, both, lang), lang)


# ---- training again from the page (pages/retrain.py: one run at a time per server, shared) ----

MINE = "_translate_trained"  # session state: {model key: the seed of the run this session asked for}


def seed_in_use(key: retrain.Key) -> int:
    """The seed of the model this session uses: its own finished run's, else 0 (the shipped checkpoint)."""
    seed = st.session_state.get(MINE, {}).get(key, 0)
    run = cache_apps.trainings().get(key, seed) if seed else None
    return seed if run is not None and run.state == "done" else 0


def ask(keys: list[retrain.Key]) -> None:
    """Button callback: train these models again (or join the runs of them under way)."""
    mine = st.session_state.setdefault(MINE, {})
    for key in keys:
        mine[key] = cache_apps.trainings().ask(key).seed


def use_shipped(keys: list[retrain.Key]) -> None:
    for key in keys:
        st.session_state.get(MINE, {}).pop(key, None)


def model_line(key: retrain.Key, seed: int, lang: str) -> str:
    """Which model of ``key`` the page uses, how it was trained and its held-out exact match."""
    shipped = cache_apps.shipped_translator(*key).meta["result"]
    summary = shipped if seed == 0 else cache_apps.trainings().get(key, seed).summary
    held = summary["held_out"]
    return t(
        "translate.train.shipped" if seed == 0 else "translate.train.yours",
        lang,
        who=words.model_name(*key, lang),
        seed=seed,
        em=f"{held['exact_match']:.3f}",
        n=f"{held['n']:,}",
        steps=summary["steps"],
        seconds=f"{summary['seconds']:.1f}",
        shipped=f"{shipped['held_out']['exact_match']:.3f}",
    )


def progress_text(run: retrain.Training, lang: str) -> str:
    who = words.model_name(*run.key, lang)
    if run.state == "queued":
        return t("translate.train.queued", lang, who=who, n=cache_apps.trainings().ahead(run))
    if run.state == "testing":
        return t("translate.train.testing", lang, who=who)
    if run.step == 0:
        return t("translate.train.starting", lang, who=who)
    valid = "—" if run.valid is None else f"{run.valid:.3f}"
    return t(
        "translate.train.progress",
        lang,
        who=who,
        seed=run.seed,
        step=run.step,
        steps=run.steps,
        seconds=f"{run.seconds:.1f}",
        valid=valid,
    )


def watch(runs: list[retrain.Training], lang: str) -> None:
    """The runs' progress (a fragment that redraws every second while they train); the page again once done."""
    for run in runs:
        st.progress(run.fraction, text=progress_text(run, lang))
    if all(run.finished for run in runs):
        st.rerun()


def retraining(keys: list[retrain.Key], seeds: dict, lang: str) -> None:
    """The models in use and their held-out scores; Train again, with progress while it trains."""
    st.subheader(t("translate.train.header", lang))
    st.write(t("translate.train.explain", lang, seconds=f"{retrain.config().max_seconds:g}"))
    for key in keys:
        box = st.success if seeds[key] else st.info
        box(model_line(key, seeds[key], lang), icon=":material/model_training:")
    mine = st.session_state.get(MINE, {})
    asked = [cache_apps.trainings().get(key, mine[key]) for key in keys if key in mine]
    running = [run for run in asked if run is not None and not run.finished]
    for run in asked:
        if run is not None and run.state == "failed":
            st.warning(t("translate.train.failed", lang, who=words.model_name(*run.key, lang), error=run.error))
    left, right, _ = st.columns([2, 2, 4])
    left.button(
        t("translate.train.run", lang),
        key="translate_train",
        type="primary",
        icon=":material/replay:",
        on_click=ask,
        args=(keys,),
        disabled=bool(running),
        help=t("translate.train.run.help", lang),
        width="stretch",
    )
    if any(seeds.values()):
        right.button(
            t("translate.train.back", lang),
            key="translate_shipped",
            on_click=use_shipped,
            args=(keys,),
            width="stretch",
        )
    if running:
        st.fragment(run_every=1.0)(watch)([run for run in asked if run is not None], lang)


run_through_app()
lang = language()
st.title(t("translate.title", lang))
st.write(t("translate.intro", lang))
uses = {f: t(f"translate.shapes.{f}", lang) for f in ("many_to_one", "encoder_decoder")}  # not the intent page
st.html(intent_figs.shapes("encoder_decoder", lang, uses, t("translate.shapes.legend", lang)))
example_buttons(lang)
left, middle, right = st.columns([5, 2, 3], vertical_alignment="bottom")
widgets.widget("date_text", lang, left)
widgets.widget("encoder", lang, middle, index=ENCODERS.index(widgets.DEFAULTS.encoder))
widgets.widget("encoder_bidirectional", lang, right)  # the two toggles one above the other: labels in full
widgets.widget("without_attention", lang, right)
s = widgets.current()  # after the page's widgets: on a fresh link they read their value from the URL here
both = s.encoder_bidirectional
keys = [(s.encoder, both, True)] + ([(s.encoder, both, False)] if s.without_attention else [])

try:
    seeds = {key: seed_in_use(key) for key in keys}
    model = cache_apps.translator(*keys[0], seeds[keys[0]])
    plain_model = cache_apps.translator(*keys[1], seeds[keys[1]]) if len(keys) > 1 else None
except CheckpointError as e:
    st.error(t("translate.msg.missing", lang, error=str(e)), icon=":material/error:")
    model = None
measured = (cache.results("dates") or {"summary": []})["summary"]
if model is not None and not both and (note := words.one_way_note(measured, s.encoder, lang)):
    st.caption(note)
why_not = model and words.problem(s.date_text, model.spec.in_vocab, lang, md_char)
if why_not:
    st.info(why_not, icon=":material/edit:")
elif model is not None:
    d = cache_apps.translation(*keys[0], seeds[keys[0]], s.date_text)
    plain = cache_apps.translation(*keys[1], seeds[keys[1]], s.date_text) if plain_model is not None else None
    st.subheader(t("translate.decoding", lang))
    stepping(d, plain, lang)
    charts.chart(heatmap_figure(s.encoder, both, seeds[keys[0]], d.text, lang), key=HEATMAP)
    st.caption(t("translate.attention.caption", lang))
    box, sentence = words.verdict(d.text, d.output, lang)
    getattr(st, box)(sentence)
    widgets.look_for(t("translate.look.attention", lang), lang)
    if plain is not None:
        st.subheader(t("translate.noattn.header", lang))
        st.write(t("translate.noattn.explain", lang, size=plain_model.spec.state_size))
        box, sentence = words.plain_verdict(d, plain, lang)
        getattr(st, box)(sentence)
if model is not None:
    retraining(keys, seeds, lang)

accuracy(s.cells, both, lang)
export_view.download(s, "translate", lang)
