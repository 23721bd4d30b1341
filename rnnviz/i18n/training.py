"""Texts of the Training lab page (and of the trained-weights choice in the shared sidebar)."""

TEXTS = {
    "training.nav": {"en": "Training lab", "zh": "训练实验室"},
    "training.title": {"en": "Training lab: which cell learns to remember?", "zh": "训练实验室：哪种网络学会了记忆？"},
    "training.intro": {
        "en": "So far the weights were random. Here the cells learn. Each task hides the answer far back in "
        "the sequence, so a cell can only succeed if it carries that information across every step "
        "in between. All cells see the same batches, the same number of updates and the same "
        "optimizer (Adam); only the cell differs.",
        "zh": "前面的页面用的都是随机权重，这里让网络真正去学习。每个任务都把答案藏在序列很靠前的位置，"
        "网络只有把这条信息穿过中间的每一步带到最后，才能答对。所有网络看到相同的数据批次、"
        "相同的更新次数和相同的优化器（Adam），唯一的区别是网络类型。",
    },
    # tasks
    "setting.task": {"en": "Task", "zh": "任务"},
    "training.task.recall": {
        "en": "recall: the first token is one of A, B, C, D; then come filler words. Answer: the first token. "
        "Chance (guessing at random) is 25 %. The loss is the cross-entropy: minus the log of the "
        "probability the cell gave to the right answer, 0 when it is sure and right.",
        "zh": "recall（回忆）：第一个词元是 A、B、C、D 之一，后面全是干扰词。答案就是第一个词元。"
        "随机猜测的正确率是 25%。损失是交叉熵：网络给正确答案的概率取对数再取负，完全确定且答对时为 0。",
    },
    "training.task.adding": {
        "en": "adding: each step is a number in [0, 1]; two of them are marked, one in each half. Answer: "
        "their sum. The score is the mean squared error, the average of (answer − true sum)²; always "
        "outputting 1 gives 1/6 ≈ 0.167.",
        "zh": "adding（加法）：每一步是 [0, 1] 中的一个数，其中两个被标记（前后两半各一个）。答案是这两个数之和。"
        "评分用均方误差，即（回答 − 真实的和）² 的平均值；始终输出 1 的均方误差是 1/6 ≈ 0.167。",
    },
    "training.task.order": {
        "en": "order: X or Y appears twice, once early and once in the middle, among filler words. Answer: "
        "which symbols came, in order (XX, XY, YX, YY). Chance (guessing at random) is 25 %; remembering "
        "only the later symbol gives 50 %. The loss is the cross-entropy, as for recall.",
        "zh": "order（顺序）：X 或 Y 在干扰词中出现两次，一次很早，一次在中间。答案是按顺序出现的两个符号"
        "（XX、XY、YX、YY）。随机猜测的正确率是 25%；只记得后一个符号可以得到 50%。损失和 recall 一样是交叉熵。",
    },
    "setting.train_length": {
        "en": "Sequence length T (steps between the answer and the question)",
        "zh": "序列长度 T（答案与提问之间隔着的步数）",
    },
    "setting.gate_init": {
        "en": "Starting bias of the gate that keeps the old state (LSTM forget gate, GRU update gate)",
        "zh": "保留旧状态的门的初始偏置（LSTM 遗忘门、GRU 更新门）",
    },
    "setting.gate_init.help": {
        "en": "Added to PyTorch's initial bias of the gate that decides how much of the old state is kept. "
        "At 3 the gate starts at about 95 % open; at 0 it starts at about 50 %.",
        "zh": "加到 PyTorch 初始化的门偏置上，这个门决定保留多少旧状态。取 3 时门一开始约 95% 打开；取 0 时约 50%。",
    },
    "setting.train_steps": {
        "en": "Updates per cell (0 = the task's default)",
        "zh": "每种网络的更新次数（0 = 任务默认值）",
    },
    "setting.train_steps.help": {
        "en": "Default budget: recall 1500, adding 4000, order 2000 updates of 64 sequences each. A cell "
        "stops early once a held-out batch (sequences it never trains on) shows the task solved.",
        "zh": "默认预算：recall 1500 次、adding 4000 次、order 2000 次更新，每次 64 条序列。"
        "当留出批次（从不用于训练的序列）显示任务已解决时，该网络提前停止。",
    },
    "training.example": {
        "en": "One training sequence of this task (first 60 tokens)",
        "zh": "该任务的一条训练序列（前 60 个词元）",
    },
    "training.answer": {"en": "Answer to this sequence: {answer}", "zh": "这条序列的答案：{answer}"},
    # running
    "training.start": {"en": "Train", "zh": "开始训练"},
    "training.stop": {"en": "Stop", "zh": "停止"},
    "training.press": {
        "en": "Press **Train** to train the selected cells side by side.",
        "zh": "点击“开始训练”，并排训练所选的网络。",
    },
    "training.changed": {
        "en": "The settings changed since the last run; press **Train** to start again.",
        "zh": "设置已改变，请点击“开始训练”重新开始。",
    },
    "training.progress": {"en": "Training: update {step} of {total}", "zh": "训练中：第 {step} / {total} 次更新"},
    "training.stopped": {
        "en": "Stopped after {step} of {total} updates.",
        "zh": "已在第 {step} / {total} 次更新后停止。",
    },
    "training.finished": {"en": "Finished.", "zh": "训练完成。"},
    "training.slow": {
        "en": "Long sequences train slowly here (one shared CPU core per class); expect minutes above T = 200.",
        "zh": "长序列在这里训练较慢（全班共用一个 CPU 核）；T 超过 200 时可能需要几分钟。",
    },
    # charts
    "training.loss.title": {"en": "Training loss per update (lower is better)", "zh": "每次更新的训练损失（越低越好）"},
    "training.loss.axis.ce": {"en": "cross-entropy loss", "zh": "交叉熵损失"},
    "training.loss.axis.mse": {"en": "mean squared error", "zh": "均方误差"},
    "training.axis.step": {"en": "update (batches of 64 sequences)", "zh": "更新次数（每批 64 条序列）"},
    "training.score.title.accuracy": {"en": "Accuracy on held-out sequences", "zh": "留出序列上的准确率"},
    "training.score.title.mse": {"en": "Mean squared error on held-out sequences", "zh": "留出序列上的均方误差"},
    "training.metric.accuracy": {"en": "accuracy", "zh": "准确率"},
    "training.metric.mse": {"en": "mean squared error", "zh": "均方误差"},
    "training.baseline.accuracy": {"en": "chance ({value:.2f})", "zh": "随机猜测（{value:.2f}）"},
    "training.baseline.mse": {"en": "always outputting the mean ({value:.3f})", "zh": "始终输出均值（{value:.3f}）"},
    "training.grad.title": {"en": "Gradient norm per update, before clipping", "zh": "每次更新的梯度范数（裁剪前）"},
    "training.grad.axis": {"en": "global gradient norm (log scale)", "zh": "全局梯度范数（对数坐标）"},
    "training.grad.clip": {"en": "clipping threshold {value:g}", "zh": "裁剪阈值 {value:g}"},
    "training.first.title": {
        "en": "Gradient that reaches the first token, per update",
        "zh": "每次更新中传回到第一个词元的梯度",
    },
    "training.first.axis": {"en": "mean ‖∂L/∂x₁‖ (log scale)", "zh": "‖∂L/∂x₁‖ 的平均值（对数坐标）"},
    "training.testing": {
        "en": "Testing every cell on 2000 fresh sequences…",
        "zh": "正在用 2000 条全新序列测试每种网络……",
    },
    "training.summary": {"en": "Result on 2000 fresh test sequences", "zh": "在 2000 条全新测试序列上的结果"},
    "training.col.cell": {"en": "cell", "zh": "网络"},
    "training.col.steps": {"en": "updates", "zh": "更新次数"},
    "training.col.seconds": {"en": "seconds", "zh": "秒"},
    "training.col.solved": {"en": "solved early", "zh": "提前解决"},
    "training.look.curves": {
        "en": "On recall at T = 50, the LSTM and GRU curves leave the chance line within a few hundred updates "
        "and climb to 100 %; the vanilla RNN's stays at chance for the whole budget. The RNN still gets "
        "gradient (its norm per update is not small), but almost none of it reaches the first token: "
        "many powers of ten less than for the gated cells, so it never learns what to keep.",
        "zh": "在 T = 50 的 recall 任务上，LSTM 和 GRU 的曲线几百次更新内就离开随机猜测线，升到 100%；"
        "普通 RNN 在整个预算里一直停在随机猜测线上。RNN 其实也有梯度（每次更新的梯度范数并不小），"
        "但几乎没有一点能传回第一个词元：比门控网络低好几个数量级，所以它永远学不会该记住什么。",
    },
    "training.try.curves": {
        "en": "Set the starting bias of the gate that keeps the old state to 0 (PyTorch's default) and train "
        "again: now the LSTM and GRU usually "
        "fail at T = 50 too. Then set T = 10 and try a few seeds: now the vanilla RNN sometimes learns too.",
        "zh": "把保留旧状态的门的初始偏置设为 0（PyTorch 默认值）再训练一次："
        "这时 LSTM 和 GRU 在 T = 50 通常也会失败。"
        "再把 T 设为 10，多试几个随机种子：这时普通 RNN 有时也能学会。",
    },
    # the classic figure
    "training.classic": {
        "en": "The classic result: score against sequence length",
        "zh": "经典结果：得分与序列长度的关系",
    },
    "training.classic.title.accuracy": {
        "en": "{task}: test accuracy after training, by sequence length",
        "zh": "{task}：训练后的测试准确率随序列长度的变化",
    },
    "training.classic.title.mse": {
        "en": "{task}: test error after training, by sequence length",
        "zh": "{task}：训练后的测试误差随序列长度的变化",
    },
    "training.classic.axis": {"en": "sequence length T (log scale)", "zh": "序列长度 T（对数坐标）"},
    "training.classic.mean": {"en": "{cell} (mean of {n} seeds)", "zh": "{cell}（{n} 个种子的平均）"},
    "training.classic.live": {"en": "this session's run", "zh": "本次会话的训练"},
    "training.classic.source": {
        "en": "From `{file}`, written by `python benchmarks/bench_training.py sweep` ({date}); each dot is one seed.",
        "zh": "来自 `{file}`，由 `python benchmarks/bench_training.py sweep` 生成（{date}）；每个点是一个随机种子。",
    },
    "training.classic.missing": {
        "en": "No results for this task yet: run `python benchmarks/bench_training.py sweep` to create them.",
        "zh": "该任务还没有结果：运行 `python benchmarks/bench_training.py sweep` 生成。",
    },
    "training.rerun.length": {"en": "Re-run one point live: T =", "zh": "现场重跑一个点：T ="},
    "training.rerun": {"en": "Train at this length", "zh": "按此长度训练"},
    "training.look.classic": {
        "en": "At the shortest lengths even the vanilla RNN can learn (not with every seed). As T grows it falls "
        "to the baseline first, while the gated cells keep their score to much longer sequences: the gate "
        "that keeps the old state (the LSTM's forget gate, the GRU's update gate) lets the state, and the "
        "gradient, pass many steps almost unchanged. With this fixed "
        "budget they too fail at some length; more updates or a larger gate bias push that point further.",
        "zh": "序列最短时，普通 RNN 也能学会（并非每个种子都行）。随着 T 变长，它最先跌到基线，"
        "而门控网络能在长得多的序列上保持高分：保留旧状态的那个门（LSTM 的遗忘门、GRU 的更新门）让状态和梯度"
        "几乎不变地穿过很多步。"
        "在固定的训练预算下，它们到某个长度也会失败；更多的更新次数或更大的门偏置能把这个长度往后推。",
    },
    "training.try.classic": {
        "en": "Pick the length where the RNN first fails and re-run it live with another seed in the sidebar.",
        "zh": "选出 RNN 第一次失败的长度，在侧边栏换一个随机种子，现场重跑这个点。",
    },
    "training.see": {
        "en": "Trained weights are a choice on the other pages too: pick **recall-T50** under *Weights* in the "
        "sidebar and watch the trained LSTM's forget gate stay open after the first token.",
        "zh": "训练好的权重在其他页面也可以选：在侧边栏“权重”中选择 **recall-T50**，"
        "看训练后的 LSTM 遗忘门在第一个词元之后一直保持打开。",
    },
    # the shared sidebar's weights choice
    "setting.weights": {"en": "Weights", "zh": "权重"},
    "setting.weights.random": {"en": "random (PyTorch init)", "zh": "随机（PyTorch 初始化）"},
    "setting.weights.help": {
        "en": "Random weights, or cells trained in the Training lab: recall-T50 = trained on recall with "
        "T = 50. Trained cells read an example of their own task instead of the text, with their "
        "own hidden size.",
        "zh": "随机权重，或在训练实验室里训练好的网络：recall-T50 表示在 T = 50 的 recall 任务上训练。"
        "训练好的网络读入它自己任务的一条示例序列（而不是上面的文本），隐藏单元数也用它自己的。",
    },
    "setting.weights.note": {
        "en": "Trained cells read an example of their own task: the text above is not used.",
        "zh": "训练好的网络读入它自己任务的示例序列，上面的文本不会被使用。",
    },
    "setting.weights.broken": {
        "en": "The trained weights cannot be loaded: {error}. Choose random weights in the sidebar.",
        "zh": "无法加载训练好的权重：{error}。请在侧边栏改选随机权重。",
    },
}
