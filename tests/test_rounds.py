"""The shared training loop of the applications (rnnviz.rounds), on a model small enough to check by hand."""

import pytest
import torch
from torch import nn

from rnnviz import rounds


class Line(rounds.Rounds):
    """Fit y = 3x with one weight, every batch the same; evaluate records the weight."""

    def __init__(self, **options):
        torch.manual_seed(0)
        self.net = nn.Linear(1, 1, bias=False)
        self.x = torch.linspace(-1, 1, 8)[:, None]
        self.weights = []
        super().__init__(self.net.parameters(), rounds.History(), lr=0.1, clip=0.5, round_steps=3, **options)

    def loss(self):
        return nn.functional.mse_loss(self.net(self.x), 3 * self.x)

    def evaluate(self):
        self.weights.append(float(self.net.weight))


def test_an_update_records_the_loss_and_the_norm_before_clipping():
    tr = Line(steps=7, seconds=None)
    w = float(tr.net.weight)
    loss = ((w - 3) ** 2 * tr.x**2).mean()
    grad = 2 * (w - 3) * float((tr.x**2).mean())  # dL/dw
    tr.update()
    assert tr.history.loss == [pytest.approx(float(loss))] and tr.history.grad_norm == [pytest.approx(abs(grad))]
    assert abs(grad) > 0.5  # so it was clipped; Adam's first step moves the weight by lr whatever the norm
    assert float(tr.net.weight) == pytest.approx(w + 0.1, abs=1e-6)


def test_rounds_end_at_the_step_budget_and_report_after_each():
    seen = []
    tr = rounds.train(Line(steps=7, seconds=None), report=lambda t: seen.append(t.step))
    assert seen == [3, 6, 7] and tr.history.round_step == [3, 6, 7] and len(tr.weights) == 3
    assert tr.done and len(tr.history.loss) == 7 and tr.seconds > 0 and tr.wall > 0


def test_a_seconds_budget_counts_cpu_time_in_updates_and_a_budget_is_required():
    tr = rounds.train(Line(steps=None, seconds=0.05))
    assert tr.seconds >= 0.05 and tr.step >= 1
    with pytest.raises(ValueError, match="give a budget"):
        Line(steps=None, seconds=None)


def test_a_schedule_scales_the_learning_rate_per_update():
    tr = Line(steps=4, seconds=None, schedule=lambda k: 0.5**k)
    rates = []
    for _ in range(3):
        tr.update()
        rates.append(tr.optimizer.param_groups[0]["lr"])
    assert rates == pytest.approx([0.05, 0.025, 0.0125])


def test_loss_unit_scales_only_what_is_recorded():
    class Bits(Line):
        loss_unit = 0.5

    a, b = Line(steps=2, seconds=None), Bits(steps=2, seconds=None)
    a.update(), b.update()
    assert b.history.loss[0] == pytest.approx(a.history.loss[0] / 2) and float(a.net.weight) == float(b.net.weight)
