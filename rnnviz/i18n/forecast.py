"""Texts of the Forecast page: shipped RNN, LSTM and GRU forecasters against repeating the last value."""

TEXTS = {
    "forecast.nav": {"en": "Forecast", "zh": "序列预测"},
    "forecast.title": {
        "en": "Forecasting a series: can a cell beat repeating the last value?",
        "zh": "预测时间序列：网络能比“重复上一个值”预测得更准吗？",
    },
    "forecast.shapes.many_to_many": {
        "en": "one-step forecasts: after every value, the next one (this page)",
        "zh": "单步预测：每读一个值，预测下一个（本页）",
    },
    "forecast.shapes.many_to_one": {
        "en": "the score: the forecast after a window of {window} changes (this page, measured)",
        "zh": "得分：读完 {window} 个变化组成的窗口后的那一个预测（本页的测量结果）",
    },
    "forecast.shapes.one_to_many": {
        "en": "free run: from the state the reading left, each forecast fed back in (this page)",
        "zh": "自由运行：从读完后的状态出发，每个预测作为下一步的输入（本页）",
    },
    "forecast.shapes.legend": {
        "en": "x: an input, the change of the series · h: the hidden state · y: an output, the next change",
        "zh": "x：输入，序列的变化量 · h：隐藏状态 · y：输出，下一个变化量",
    },
    "forecast.intro": {
        "en": "Each cell reads a series one value at a time (as the change from the value before) and, after "
        "each one, predicts the next value. The yardstick is the naive forecast, or baseline: tomorrow equals "
        "today, repeat the last value. The models here were trained on this machine (hidden size 32, one per "
        "series and cell) and are shipped with the app.",
        "zh": "每个网络逐个读入序列的值（读入的是相对前一个值的变化），每读一个就预测下一个值。"
        "比较的标准是朴素预测（基线）：明天等于今天，即重复上一个值。这里的模型是在本机上训练的"
        "（隐藏单元数 32，每种序列和网络各一个），随应用一起提供。",
    },
    "forecast.sidebar_unused": {
        "en": "This page uses only the sidebar's choice of cells: the text, hidden size, seed and weights do not "
        "apply to the shipped forecasters.",
        "zh": "本页只使用侧边栏中选择的网络类型：文本、隐藏单元数、随机种子和权重对这些预训练的预测模型不起作用。",
    },
    # settings
    "setting.series": {"en": "Series", "zh": "序列"},
    # the choices are shown by their registry names, as the link writes them (a bound widget puts its label there)
    "setting.series.help": {
        "en": "periodic: two waves plus noise; random-walk: a running sum of independent random steps.",
        "zh": "periodic 是周期信号（两个正弦波加噪声）；random-walk 是随机游走（独立随机步长的累加）。"
        "选项名称与链接中的写法相同。",
    },
    "forecast.name.periodic": {"en": "periodic", "zh": "周期信号"},
    "forecast.name.random-walk": {"en": "random walk", "zh": "随机游走"},
    "setting.series_seed": {"en": "Seed of the series", "zh": "序列的随机种子"},
    "setting.series_seed.help": {
        "en": "Draws the series: the phases of its waves and its noise, or the steps of the walk. Seed 0 draws the "
        "series the shipped models were trained on; every other seed gives a series they never saw.",
        "zh": "决定生成哪条序列：周期信号的相位和噪声，或随机游走的每一步。种子 0 生成的正是模型训练时用的序列；"
        "其他种子生成的都是模型从未见过的序列。",
    },
    "setting.horizon": {"en": "Free-run horizon (steps)", "zh": "自由运行的步数"},
    "setting.horizon.help": {
        "en": "How many steps each cell runs on after the series ends, feeding each forecast back in as its next "
        "input.",
        "zh": "序列结束后，每个网络继续向前预测的步数；每一步的预测都被当作下一步的输入。",
    },
    "forecast.series.periodic": {
        "en": "Periodic: two waves (periods 24 and 9 steps) plus Gaussian noise (standard deviation 0.1). The next "
        "value depends on where the series is in its waves, which the recent values show.",
        "zh": "周期信号：两个正弦波（周期 24 步和 9 步）加上高斯噪声（标准差 0.1）。下一个值取决于序列在波形中的位置，"
        "而最近的几个值能显示这个位置。",
    },
    "forecast.series.random-walk": {
        "en": "Random walk: each value is the previous one plus an independent Gaussian step (standard deviation "
        "0.3), the textbook model of a share price.",
        "zh": "随机游走：每个值等于前一个值加上一个独立的高斯步长（标准差 0.3），这是股价的教科书模型。",
    },
    "forecast.seed0": {
        "en": "Seed 0 is the series the shipped models were trained on: these are its first values.",
        "zh": "种子 0 正是模型训练时用的序列：这里显示的是它的前几个值。",
    },
    "forecast.no_checkpoint": {
        "en": "The shipped forecaster cannot be loaded: {error}",
        "zh": "无法加载预训练的预测模型：{error}",
    },
    # one step ahead
    "forecast.one_step.header": {"en": "One step ahead", "zh": "向前预测一步"},
    "forecast.one_step.explain": {
        "en": "Each forecast of x_t is made from x_0 … x_(t−1) only. The errors (MSE: mean squared error) are "
        "counted from step {start} on, once a cell has read {window} changes (as in its training), over {n} "
        "forecasts. The charts open on the last {shown} of the {read} steps; double-click one to see them all.",
        "zh": "对 x_t 的每个预测只用到 x_0 … x_(t−1)。误差（均方误差）从第 {start} 步开始统计（此时网络已读入 "
        "{window} 个变化，与训练时相同），共 {n} 个预测。图表先显示 {read} 步中的最后 {shown} 步；双击图表可查看全部。",
    },
    "forecast.one_step.title": {"en": "{cell}: forecast one step ahead", "zh": "{cell}：向前一步的预测"},
    "forecast.axis.t": {"en": "time step t", "zh": "时间步 t"},
    "forecast.axis.x": {"en": "value x_t", "zh": "数值 x_t"},
    "forecast.trace.series": {"en": "series", "zh": "序列"},
    "forecast.trace.naive": {"en": "baseline: repeat the last value", "zh": "基线：重复上一个值"},
    "forecast.trace.model": {"en": "{cell} forecast", "zh": "{cell} 的预测"},
    "forecast.hover.naive": {"en": "baseline %{y:.3f}", "zh": "基线 %{y:.3f}"},
    "forecast.hover.model": {"en": "{cell} %{{y:.3f}}", "zh": "{cell} %{{y:.3f}}"},
    "forecast.unscored": {"en": "not scored", "zh": "不计分"},
    "forecast.metric.model": {"en": "{cell}: MSE", "zh": "{cell} 均方误差"},
    "forecast.metric.naive": {"en": "Baseline: MSE", "zh": "基线均方误差"},
    "forecast.metric.ratio": {"en": "{ratio:.3f} × the baseline's", "zh": "为基线的 {ratio:.3f} 倍"},
    "forecast.verdict": {
        "en": "Difference from the baseline {diff:+.4f}; two standard errors of the paired difference {band:.4f}. "
        "Better than the baseline beyond noise: **{answer}**.",
        "zh": "与基线之差 {diff:+.4f}；配对差的两倍标准误 {band:.4f}。超出噪声范围地优于基线：**{answer}**。",
    },
    "forecast.yes": {"en": "yes", "zh": "是"},
    "forecast.no": {"en": "no", "zh": "否"},
    "forecast.look.one_step.periodic": {
        "en": "the grey dashed baseline trails the series by one step and misses every turn; each cell's forecast "
        "turns with the series, because the recent values tell it where the waves are heading. Its error is far "
        "below the baseline's, but not zero: the noise cannot be forecast.",
        "zh": "灰色虚线的基线总是比序列落后一步，每个转折都错过；而网络的预测会跟着序列一起转折，"
        "因为最近的几个值告诉它波形正往哪里走。它的误差远低于基线，但不为零：噪声无法预测。",
    },
    "forecast.look.one_step.random-walk": {
        "en": "each cell's forecast lies almost on the grey dashed baseline: the cells learned to predict a change "
        "of about zero, that is, to repeat the last value. Their error is the baseline's, give or take noise.",
        "zh": "每个网络的预测几乎与灰色虚线的基线重合：网络学到的是预测一个接近零的变化，也就是重复上一个值。"
        "它们的误差与基线相同，差别在噪声范围之内。",
    },
    "forecast.walk.title": {
        "en": "A random walk cannot be predicted better than the baseline.",
        "zh": "随机游走无法比基线预测得更准。",
    },
    "forecast.walk.why": {
        "en": "Its next step is drawn independently of everything before it, so the best forecast the past allows "
        "is the last value itself, which is the baseline. No model, however large or well trained, beats it on "
        "average. On a stretch as short as this one a cell can come out a little ahead or behind by chance; the "
        "measured results below, on 2,000 held-out windows per seed, show where it really stands.",
        "zh": "它的下一步与之前的一切都无关，所以根据过去能做出的最好预测就是上一个值本身，也就是基线。"
        "无论模型多大、训练得多好，平均而言都无法胜过它。在这样短的一段序列上，网络可能因为偶然而略好或略差；"
        "下面的实测结果（每个种子 2,000 个留出窗口）显示了它的真实水平。",
    },
    "forecast.periodic.why": {
        "en": "The periodic series has a pattern that the recent values reveal, so a cell can forecast it far better "
        "than the baseline. Switch to the random walk to see the opposite.",
        "zh": "周期信号有规律，而最近的几个值就能揭示这个规律，所以网络能比基线预测得准得多。"
        "切换到随机游走，看看相反的情形。",
    },
    # free run
    "forecast.run.header": {"en": "Running on its own forecasts", "zh": "用自己的预测继续运行"},
    "forecast.run.explain": {
        "en": "After reading the {read} values x_0 … x_{last}, each cell feeds every forecast back in as its next "
        "input for {steps} steps, without seeing the series again (one to many). The dotted line is the series "
        "it does not see.",
        "zh": "读完 {read} 个值 x_0 … x_{last} 之后，每个网络把每一步的预测当作下一步的输入，继续运行 {steps} 步，"
        "不再看到序列本身（一对多）。点线是它看不到的真实序列。",
    },
    "forecast.run.title": {"en": "{cell}: running on for {steps} steps", "zh": "{cell}：继续运行 {steps} 步"},
    "forecast.run.start": {"en": "own forecasts from here", "zh": "从这里起用自己的预测"},
    "forecast.trace.read": {"en": "series read", "zh": "已读入的序列"},
    "forecast.trace.unseen": {"en": "series, not seen", "zh": "未读入的序列"},
    "forecast.trace.run": {"en": "{cell} free run", "zh": "{cell} 自由运行"},
    "forecast.run.mse": {
        "en": "Over these {steps} steps: mean squared error {run:.4f} for the {cell} run, {naive:.4f} for the "
        "last value held.",
        "zh": "在这 {steps} 步上：{cell} 自由运行的均方误差为 {run:.4f}，保持上一个值的均方误差为 {naive:.4f}。",
    },
    "forecast.look.run.periodic": {
        "en": "fed only their own forecasts, the cells carry the waves on past the last value they read; errors "
        "pile up step by step, so the longer the horizon, the further a run can drift from the dotted series.",
        "zh": "只靠自己的预测，网络也能把波形延续到读入的最后一个值之后；误差会一步步累积，"
        "所以步数越多，自由运行的曲线就可能离点线表示的真实序列越远。",
    },
    "forecast.look.run.random-walk": {
        "en": "on its own, each cell's run stays near the last value it read or drifts slowly off it, while the "
        "dotted series wanders much further: with nothing to continue, holding the last value is the best guess on "
        "average, and a run that drifts from it is luckier or unluckier, not wiser.",
        "zh": "单独运行时，每个网络的曲线都停留在读到的最后一个值附近，或者慢慢偏离它，"
        "而点线表示的真实序列游走得远得多："
        "没有规律可以延续时，平均而言保持上一个值就是最好的猜测；偏离它的曲线只是运气更好或更差，并不是更聪明。",
    },
    # measured results
    "forecast.results.header": {"en": "Measured over 5 seeds", "zh": "5 个种子的实测结果"},
    "forecast.results.title": {
        "en": "Held-out MSE ÷ the baseline's, 5 seeds",
        "zh": "留出数据上的均方误差 ÷ 基线的，5 个种子",
    },
    "forecast.results.axis.series": {"en": "series", "zh": "序列"},
    "forecast.results.axis.ratio": {"en": "error ÷ baseline error", "zh": "误差 ÷ 基线误差"},
    "forecast.results.baseline": {"en": "baseline = 1", "zh": "基线 = 1"},
    "forecast.results.hover": {
        "en": "{cell}: %{{y:.4f}} (seeds from %{{customdata[0]:.4f}} to %{{customdata[1]:.4f}}); better beyond "
        "noise in %{{text}} seeds",
        "zh": "{cell}：%{{y:.4f}}（各种子从 %{{customdata[0]:.4f}} 到 %{{customdata[1]:.4f}}）；"
        "超出噪声地优于基线的种子数：%{{text}}",
    },
    "forecast.results.source": {
        "en": "Bars: the mean over seeds; whiskers: the lowest and the highest seed. Read from {file} (written "
        "{date}): each cell trained with seeds 0 to {last}, each scored on {windows} held-out windows of {window} "
        "changes that share no values.",
        "zh": "柱：各种子的平均；须线：最低与最高的种子。读自 {file}（写于 {date}）：每个网络用种子 0 到 {last} "
        "各训练一次，每次在 {windows} 个互不重叠的留出窗口（每个 {window} 个变化）上评分。",
    },
    "forecast.results.missing": {
        "en": "No measured results yet: run python benchmarks/bench_forecast.py to write results/forecast.json.",
        "zh": "还没有实测结果：运行 python benchmarks/bench_forecast.py 生成 results/forecast.json。",
    },
    "forecast.col.series": {"en": "Series", "zh": "序列"},
    "forecast.col.cell": {"en": "Cell", "zh": "网络"},
    "forecast.col.mse": {"en": "Mean squared error", "zh": "均方误差"},
    "forecast.col.naive": {"en": "Baseline's", "zh": "基线的"},
    "forecast.col.ratio": {"en": "Ratio (lowest–highest)", "zh": "比值（最低–最高）"},
    "forecast.col.beats": {"en": "Seeds better beyond noise", "zh": "超出噪声地优于基线的种子数"},
    "forecast.look.results": {
        "en": "a bar below the line at 1 beats the baseline. The same cells, trained the same way, beat it by far "
        "on the periodic series and sit on the line for the random walk, in every seed.",
        "zh": "柱子低于 1 那条线就说明胜过了基线。同样的网络、同样的训练方式，在周期信号上远远胜过基线，"
        "在随机游走上却恰好落在线上，每个种子都是如此。",
    },
}
