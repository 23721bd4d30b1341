"""Forecasting: rnnviz's cells and readout against torch.nn, the naive baseline against a direct
computation, the series against their definitions, free running, training rounds, checkpoints, and
the shipped models against the naive forecast on fresh series."""

import json

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

from rnnviz import forecast
from rnnviz.checkpoints import CheckpointError

TINY = dict(hidden=6, window=12, batch=8, steps=20, round_steps=10)
FRESH = 424242  # a seed no training or held-out series used


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One torch thread, as the page and the CLI train (the machine is shared)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def net(kind: str, hidden: int = 10, seed: int = 0) -> forecast.Net:
    torch.manual_seed(seed)
    return forecast.Net(kind, hidden)


def zero_readout(model: forecast.Model) -> forecast.Model:
    """The same cell with V = 0, b = 0: it always predicts no change."""
    torch.nn.init.zeros_(model.head.weight)
    torch.nn.init.zeros_(model.head.bias)
    return model


@pytest.fixture(scope="module")
def tiny() -> forecast.Trainer:
    return forecast.train(forecast.Config(cell="gru", **TINY))


# ---- rnnviz against torch.nn ----


@pytest.mark.parametrize("kind", list(forecast.KINDS))
def test_cells_and_readout_equal_torch_nn(kind):
    n = net(kind)
    model = forecast.to_model(n)
    d = np.random.default_rng(1).normal(0, 0.3, (30, 5))
    with torch.no_grad():
        ref = n(torch.as_tensor(d, dtype=torch.float32)).numpy()
        h = n.rnn(torch.as_tensor(d[..., None], dtype=torch.float32))[0]
    assert np.allclose(forecast.next_changes(model, d), ref, atol=1e-6)
    linear = torch.nn.Linear(10, 1)
    linear.load_state_dict(n.head.state_dict())
    assert torch.allclose(model.head(h), linear(h), atol=1e-6)


# ---- series and baseline ----


def test_series_are_seeded_and_what_they_say():
    for name in forecast.SERIES:
        a = forecast.series(name, 500, 3)
        assert a.shape == (500,) and np.array_equal(a, forecast.series(name, 500, 3))
        assert not np.array_equal(a, forecast.series(name, 500, 4))
    steps = np.diff(forecast.random_walk(200_000, 0))
    assert steps.std() == pytest.approx(0.3, rel=0.01) and abs(np.corrcoef(steps[1:], steps[:-1])[0, 1]) < 0.01
    x = forecast.periodic(24 * 9 * 50, 0)
    power = np.abs(np.fft.rfft(x)) ** 2
    assert set(np.argsort(power)[-2:]) == {len(x) // 24, len(x) // 9}  # the two periods
    with pytest.raises(ValueError, match="unknown series"):
        forecast.series("stock", 10, 0)


def test_naive_mse_is_the_direct_computation():
    x = forecast.series("periodic", 1000, 5)
    direct = sum((x[t] - x[t - 1]) ** 2 for t in range(1, len(x))) / (len(x) - 1)
    assert forecast.naive_mse(x) == pytest.approx(direct, rel=1e-12)
    assert forecast.naive_mse(forecast.random_walk(100_000, 1)) == pytest.approx(0.09, rel=0.02)  # sigma^2


def test_windows_are_disjoint_and_the_target_is_the_next_change():
    x = np.arange(30, dtype=float) ** 2
    d, target = forecast.windows(x, 4)
    assert d.shape == (5, 4) and target.shape == (5,)
    assert np.array_equal(d[1], np.diff(x)[5:9]) and target[1] == x[10] - x[9]


def test_a_zero_readout_is_the_naive_forecast():
    model = zero_readout(forecast.to_model(net("lstm")))
    x = forecast.series("periodic", 49 * 100 + 1, 2)
    scores = forecast.evaluate(model, x)
    target = forecast.windows(x)[1]
    assert scores["mse"] == scores["naive_mse"] == pytest.approx(np.mean(target**2)) and not scores["beats_naive"]
    assert np.array_equal(forecast.one_step(model, x[:10])[2:], x[1:9])
    assert np.array_equal(forecast.free_run(model, x[:10], 5), np.full(5, x[9]))


def test_one_step_and_free_run_agree_with_the_model_fed_its_own_forecasts():
    model = forecast.to_model(net("gru", seed=4))
    x = forecast.series("periodic", 40, 0)
    pred = forecast.one_step(model, x)
    assert np.isnan(pred[:2]).all()
    assert pred[7] == pytest.approx(x[6] + forecast.next_changes(model, np.diff(x[:7]))[-1], abs=1e-12)
    run = forecast.free_run(model, x, 6)
    extended = np.concatenate([x, run])  # reading the forecasts back must predict the next forecast
    assert np.allclose(forecast.one_step(model, extended)[len(x) + 1 :], run[1:], atol=1e-5)
    with pytest.raises(ValueError, match="two values"):
        forecast.free_run(model, x[:1], 3)


def test_compare_is_paired_and_needs_two_standard_errors():
    target = np.random.default_rng(0).normal(0, 1, 400)
    assert forecast.compare(target * 0.5, target)["beats_naive"]  # half the error of the naive forecast
    guess = 0.05 * np.random.default_rng(1).normal(0, 1, 400)  # unrelated to the target: noise only
    s = forecast.compare(guess, target)
    assert s["mse"] == pytest.approx(np.mean((guess - target) ** 2))
    assert s["naive_mse"] == pytest.approx(np.mean(target**2))
    assert s["se"] == pytest.approx(np.std((guess - target) ** 2 - target**2, ddof=1) / 20)
    assert not s["beats_naive"]


# ---- training, checkpoints, CLI ----


def test_training_runs_in_rounds_and_is_seeded(tiny):
    assert tiny.history.round_step == [0, 10, 20] and len(tiny.history.loss) == 20
    again = forecast.train(forecast.Config(cell="gru", **TINY))
    assert again.history.loss == tiny.history.loss
    s = tiny.summary()
    assert s["steps"] == 20 and s["held_out_windows"] == forecast.HELD_OUT_WINDOWS
    assert s["mse"] == pytest.approx(tiny.history.held_out[-1], rel=1e-5)
    held = forecast.series("periodic", forecast.HELD_OUT_WINDOWS * 13 + 1, 10**6)
    assert forecast.evaluate(tiny.model(), held, 12)["mse"] == pytest.approx(s["mse"], rel=1e-4)  # rnnviz = torch
    with pytest.raises(ValueError, match="unknown cell"):
        forecast.Config(cell="arima")


def test_checkpoint_round_trip_and_clear_errors(tiny, tmp_path):
    path = forecast.save(tiny, tmp_path / "forecast-periodic-gru.safetensors")
    loaded = forecast.load(path)
    assert loaded.meta["format"] == forecast.FORMAT and loaded.meta["window"] == 12
    assert loaded.meta["result"]["mse"] == tiny.summary()["mse"]
    d = np.random.default_rng(0).normal(0, 0.3, (12, 3))
    assert np.array_equal(forecast.next_changes(loaded, d), forecast.next_changes(tiny.model(), d))
    with pytest.raises(CheckpointError, match="missing"):
        forecast.load(tmp_path / "nothing.safetensors")
    (tmp_path / "bad.safetensors").write_bytes(path.read_bytes()[:64])
    with pytest.raises(CheckpointError, match="corrupt"):
        forecast.load(tmp_path / "bad.safetensors")
    save_file({"x": torch.zeros(1)}, str(tmp_path / "other.safetensors"), metadata={"format": "rnnviz-chars-1"})
    with pytest.raises(CheckpointError, match="format"):
        forecast.load(tmp_path / "other.safetensors")


def test_cli_prints_one_json_line(capsys):
    result = forecast.main(["--series", "random-walk", "--cell", "rnn", "--steps", "5", "--hidden", "4"])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and json.loads(out[0]) == result
    assert result["series"] == "random-walk" and {"mse", "naive_mse", "ratio", "beats_naive"} <= set(result)


# ---- the shipped models ----


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_shipped_models_beat_naive_on_periodic_and_not_on_a_random_walk(kind):
    n = (forecast.WINDOW + 1) * 1000 + 1  # 1000 disjoint windows
    periodic = forecast.evaluate(forecast.shipped("periodic", kind), forecast.series("periodic", n, FRESH))
    assert periodic["beats_naive"] and periodic["ratio"] < 0.5
    walk = forecast.evaluate(forecast.shipped("random-walk", kind), forecast.series("random-walk", n, FRESH))
    assert not walk["beats_naive"] and walk["ratio"] > 0.98  # equal within noise at best: E[x_t+1 | past] = x_t
