"""Training lab: tasks against independent recomputation, training against torch.autograd, checkpoints
round-trip and fail clearly, trained weights on the other pages, the page in AppTest."""

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from helpers import array, chart, charts, torch_modules
from streamlit.testing.v1 import AppTest

from rnnviz import checkpoints, scene, tasks, train
from rnnviz import settings as cfg
from rnnviz.analysis import trace
from rnnviz.cells import CELLS

TORCH_MODULES = torch_modules()

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TINY = dict(length=8, hidden=4, batch=8, steps=6, eval_every=3, eval_size=16)


# ---- tasks ----


@pytest.mark.parametrize("name", list(tasks.TASKS))
def test_tasks_are_seeded_and_shaped(name):
    task = tasks.get(name)
    a, b, c = task.batch(5, 12, 3), task.batch(5, 12, 3), task.batch(5, 12, 4)
    assert a.x.shape == (12, 5, task.input_size) and a.y.shape == (5,)
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y) and not torch.equal(a.x, c.x)


def test_recall_target_is_the_first_symbol_and_only_there():
    task = tasks.get("recall")
    for seed in range(20):
        tokens, x, y = task.example(30, seed)
        assert tokens[0] == tasks.RECALL_SYMBOLS[int(y)]
        assert all(tok in tasks.DISTRACTORS for tok in tokens[1:])
        assert torch.equal(x, torch.eye(len(tasks.RECALL_VOCAB))[[tasks.RECALL_VOCAB.index(k) for k in tokens]])


def test_adding_target_is_the_sum_of_the_two_marked_values():
    b = tasks.get("adding").batch(200, 40, 0)
    values, marks = b.x[..., 0].numpy(), b.x[..., 1].numpy()  # (T, B)
    assert (marks.sum(0) == 2).all() and (marks[:20].sum(0) == 1).all()  # one marker in each half
    assert np.allclose((values * marks).sum(0), b.y.numpy(), atol=1e-6)


def test_adding_baseline_is_the_variance_of_the_sum():
    y = tasks.get("adding").batch(100_000, 10, 1).y.numpy()
    assert tasks.get("adding").baseline == pytest.approx(2 / 12)  # Var(U1 + U2) = 2 * 1/12
    assert np.mean((y - 1.0) ** 2) == pytest.approx(2 / 12, rel=0.02)


def test_order_target_names_the_two_symbols_in_order():
    task = tasks.get("order")
    for seed in range(20):
        tokens, _, y = task.example(40, seed)
        assert "".join(k for k in tokens if k in tasks.ORDER_SYMBOLS) == task.classes[int(y)]


def test_task_names_match_the_settings_choices():
    assert cfg.FIELDS["task"].metadata["choices"] == tuple(tasks.TASKS)
    with pytest.raises(ValueError, match="unknown task"):
        tasks.get("copy")


# ---- training ----


@pytest.mark.parametrize("kind", list(CELLS))
def test_memory_gate_bias_is_raised_and_nothing_else(kind):
    c = train.Config(cell=kind, gate_bias=2.5, **TINY)
    model = train.make_model(c)
    torch.manual_seed(c.seed)
    reference = TORCH_MODULES[kind](tasks.get(c.task).input_size, c.hidden)
    diff = model.rnn.bias_ih_l0 - reference.bias_ih_l0
    expected = torch.zeros_like(diff)
    if kind != "rnn":
        expected[c.hidden : 2 * c.hidden] = 2.5  # forget (LSTM) / update (GRU): the second block
    assert torch.allclose(diff, expected, atol=1e-6)
    assert torch.equal(model.rnn.weight_hh_l0, reference.weight_hh_l0)


def test_recorded_gradient_norm_is_the_norm_before_clipping():
    trainer = train.Trainer(train.Config(cell="lstm", clip=0.01, **TINY))
    twin = train.make_model(trainer.cfg)
    batch = trainer.task.batch(trainer.cfg.batch, trainer.cfg.length, np.random.default_rng(trainer.cfg.seed))
    x = batch.x.requires_grad_()
    loss = torch.nn.functional.cross_entropy(twin(x), batch.y)
    *grads, dx = torch.autograd.grad(loss, [*twin.parameters(), x])
    trainer.run(1)
    assert trainer.history.grad_first[0] == pytest.approx(float(dx[0].norm(dim=-1).mean()), rel=1e-5)
    assert trainer.history.grad_norm[0] == pytest.approx(
        float(torch.cat([g.flatten() for g in grads]).norm()), rel=1e-5
    )
    assert trainer.history.loss[0] == pytest.approx(loss.item(), rel=1e-6)
    assert trainer.history.grad_norm[0] > 0.01  # so this update was clipped


def test_trainer_respects_its_budget_and_evaluates_on_schedule():
    trainer = train.Trainer(train.Config(cell="gru", **TINY))
    trainer.run(4)
    assert trainer.step == 4 and trainer.history.eval_step == [3]
    trainer.run(100)
    assert trainer.step == 6 and trainer.done and trainer.history.eval_step == [3, 6]
    accuracy = trainer.history.eval_score[-1]
    with torch.no_grad():
        expected = float((trainer.model(trainer.held_out.x).argmax(-1) == trainer.held_out.y).float().mean())
    assert accuracy == expected


def test_cli_prints_progress_then_one_json_object_last(capsys):
    train.main(["--task", "adding", "--cell", "rnn", "--length", "6", "--steps", "4", "--hidden", "3"])
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert {"task", "cell", "length", "seed", "steps", "seconds", "mse"} <= set(result)
    assert (result["task"], result["cell"], result["length"], result["steps"]) == ("adding", "rnn", 6, 4)
    assert lines[0].startswith("step")


@pytest.mark.parametrize("task", ["forecast", "intent"])
def test_cli_hands_an_application_task_to_its_own_trainer(task, capsys):
    train.main(["--task", task, "--cell", "gru", "--steps", "5"])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["cell"] == "gru" and result["steps"] == 5
    assert result.get("task", task) == task


def test_cli_rejects_bad_input_with_a_message(capsys):
    with pytest.raises(SystemExit):
        train.main(["--length", "1"])
    assert "length must be >= 2" in capsys.readouterr().err


# ---- checkpoints ----


@pytest.mark.parametrize("kind", list(CELLS))
def test_checkpoint_round_trip_gives_the_trained_function(tmp_path, kind):
    trainer = train.Trainer(train.Config(task="order", cell=kind, **TINY))
    trainer.run(3)
    path = checkpoints.save(trainer.model, trainer.cfg, trainer.summary(), tmp_path / "m.safetensors")
    ckpt = checkpoints.load(path)
    x = trainer.task.batch(1, 8, 9).x[:, 0]  # (T, D)
    with torch.no_grad():
        h_torch = trainer.model.rnn(x.unsqueeze(1))[0][:, 0]  # torch.nn module: the reference
        assert np.allclose(trace(ckpt.cell, x).hidden, h_torch.numpy(), atol=1e-5)
        assert torch.allclose(ckpt.head(h_torch[-1]), trainer.model.head(h_torch[-1]))
    assert ckpt.meta["task"] == "order" and ckpt.meta["result"]["steps"] == 3


def test_missing_and_corrupt_checkpoints_fail_with_a_clear_message(tmp_path):
    with pytest.raises(checkpoints.CheckpointError, match="missing"):
        checkpoints.load(tmp_path / "nothing.safetensors")
    (tmp_path / "junk.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00not json at all")
    with pytest.raises(checkpoints.CheckpointError, match="corrupt"):
        checkpoints.load(tmp_path / "junk.safetensors")
    good = checkpoints.path_for("recall-T50", "lstm")
    (tmp_path / "cut.safetensors").write_bytes(good.read_bytes()[:-100])
    with pytest.raises(checkpoints.CheckpointError, match="corrupt"):
        checkpoints.load(tmp_path / "cut.safetensors")
    with pytest.raises(checkpoints.CheckpointError, match="not a checkpoint name"):
        checkpoints.load_set("recall", "lstm")


def test_shipped_checkpoints_show_the_classic_result():
    """Recomputed with torch.nn modules from the shipped weights, on sequences never trained on."""
    assert {"recall-T50", "adding-T100", "order-T50"} <= set(checkpoints.available())
    batch = tasks.get("recall").batch(500, 50, 12345)
    accuracy = {}
    for kind in CELLS:
        ckpt = checkpoints.load_set("recall-T50", kind)
        module = TORCH_MODULES[kind](ckpt.meta["input_size"], ckpt.meta["hidden"])
        module.load_state_dict(ckpt.cell.state_dict())
        with torch.no_grad():
            accuracy[kind] = float((ckpt.head(module(batch.x)[0][-1]).argmax(-1) == batch.y).float().mean())
    assert accuracy["lstm"] >= 0.95 and accuracy["gru"] >= 0.95 and accuracy["rnn"] <= 0.40


# ---- trained weights on the other pages ----


def test_scene_with_trained_weights_reads_an_example_of_the_checkpoints_task():
    s = cfg.DEFAULTS.replace(weights="recall-T50", hidden=99, dim=3, seed=4)
    seq = scene.sequence(s)
    tokens, x, _ = tasks.get("recall").example(50, 4)
    assert seq.tokens == tokens and torch.equal(seq.x, x) and seq.tokens[0] in tasks.RECALL_SYMBOLS
    cell = scene.cell(s, "lstm")
    ckpt = checkpoints.load_set("recall-T50", "lstm")
    assert cell.hidden_size == ckpt.meta["hidden"] and cell.input_size == x.shape[1]
    assert all(torch.equal(a, b) for a, b in zip(cell.state_dict().values(), ckpt.cell.state_dict().values()))


def test_trained_lstm_keeps_its_forget_gate_open_after_the_first_token():
    s = cfg.DEFAULTS.replace(weights="recall-T50")
    tr = trace(scene.cell(s, "lstm"), scene.sequence(s).x)
    untrained = trace(scene.cell(cfg.DEFAULTS.replace(dim=12), "lstm"), scene.sequence(s).x)
    assert tr.gates["forget"][1:].max(axis=1).mean() > 0.9  # some unit keeps (almost) all of c
    assert tr.gates["forget"][1:].max(axis=1).mean() > untrained.gates["forget"][1:].max(axis=1).mean()


# ---- the page ----


def _app(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.switch_page("pages/training.py")


def test_page_trains_live_and_its_curves_are_an_independent_training_run():
    at = _app({"train_steps": "60", "train_length": "10", "cells": ["lstm", "rnn"]})
    at.run()
    assert not at.exception
    at.button(key="train_start").click().run()
    assert not at.exception
    score = chart(at, "Accuracy on held-out")
    for tr in score["data"][:2]:
        kind = tr["name"].lower()
        reference = train.train(train.Config(cell=kind, length=10, steps=60))
        assert np.allclose(array(tr["y"]), reference.history.eval_score)
    grad = chart(at, "Gradient norm")
    assert any(s.get("y0") == 1.0 for s in grad["layout"]["shapes"])  # the clipping threshold line
    assert "chance" in json.dumps(score["layout"]["annotations"])
    assert at.dataframe and len(at.dataframe[0].value) == 2


def test_page_shows_the_classic_figure_from_the_results_file():
    at = _app({"task": "adding"})
    at.run()
    assert not at.exception
    fig = chart(at, "adding: test error")
    runs = [
        r
        for r in json.loads((Path(APP).parent / "results" / "training_vs_length.json").read_text())["runs"]
        if r["task"] == "adding" and r["cell"] == "gru"
    ]
    line = next(tr for tr in fig["data"] if tr["name"].startswith("GRU"))
    lengths = sorted({r["length"] for r in runs})
    assert list(array(line["x"])) == lengths
    assert np.allclose(array(line["y"]), [np.mean([r["mse"] for r in runs if r["length"] == n]) for n in lengths])


def test_other_pages_offer_the_trained_weights_and_explain_broken_files(tmp_path, monkeypatch):
    for f in checkpoints.DIR.glob("*.safetensors"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    monkeypatch.setattr(checkpoints, "DIR", tmp_path)  # the page reads these copies
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["weights"] = "recall-T50"
    at.run()
    assert not at.exception and at.selectbox(key="weights").value == "recall-T50"
    assert chart(at, "Hidden states")["data"][0]["x"][0].split(": ")[1] in tasks.RECALL_SYMBOLS
    broken = tmp_path / "recall-T50-gru.safetensors"
    broken.write_bytes(broken.read_bytes()[:200])  # truncated, as by an interrupted copy
    at.run()
    assert not at.exception and not charts(at)
    assert any("cannot be loaded" in e.value and "corrupt" in e.value for e in at.error)
    broken.unlink()
    at.run()
    assert not at.exception and any("missing" in e.value for e in at.error)
