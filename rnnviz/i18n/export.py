"""Texts of an exported view (rnnviz.export) and of the pages' download button."""

TEXTS = {
    "export.play": {"en": "Play", "zh": "播放"},
    "export.pause": {"en": "Pause", "zh": "暂停"},
    "export.step": {"en": "Step t =", "zh": "时间步 t ="},
    "export.share": {"en": "share of h_t", "zh": "在 h_t 中的占比"},
    "export.hidden.title": {
        "en": "Hidden state h_t of each cell (units x time); pale: not read yet",
        "zh": "每种网络的隐藏状态 h_t（隐藏单元 × 时间）；浅色：尚未读到",
    },
    "export.bars.title": {
        "en": "Every gate at the current step, one bar per unit (unit {unit} outlined)",
        "zh": "当前时间步的每个门，每个隐藏单元一根柱子（第 {unit} 个隐藏单元加了边框）",
    },
    "export.heat.look": {
        "en": "Move the slider under the bars: the boxed column on each heatmap is the current step.",
        "zh": "拖动柱状图下方的滑块：每张热力图上加框的一列就是当前时间步。",
    },
    "export.steps.look": {
        "en": "Drag the slider or press play: every chart of this file moves to the same step, without a network.",
        "zh": "拖动滑块或点击播放：本文件的所有图表都会移到同一时间步，无需联网。",
    },
    "export.composition.look": {
        "en": "The bars are h_t as a mixture of the tokens read so far: each bar is one token's share of "
        "||dh_t/dx_k|| (the row t of the map, divided by its sum), and a token keeps its colour at every step. Press "
        "play and watch the first token's bar: in the RNN it shrinks to nothing within a few steps. The map holds "
        "every step at once, the current row boxed: the bright band along the diagonal is the recent past, and "
        "the colour fading to the left is forgetting.",
        "zh": "柱子把 h_t 画成已读词元的混合：每根柱子是一个词元在 ||dh_t/dx_k|| 中的份额"
        "（贡献图第 t 行除以该行之和），"
        "每个词元在每一步都保持同一种颜色。点击播放，看第一个词元的柱子：在 RNN 里，它几步之内就缩到几乎为零。"
        "贡献图一次画出所有时间步，当前行加了框：对角线附近的亮带是最近的过去，向左逐渐变暗的颜色就是遗忘。",
    },
    "export.yes": {"en": "yes", "zh": "是"},
    "export.no": {"en": "no", "zh": "否"},
    "export.settings": {"en": "Settings of this view", "zh": "本视图的设置"},
    "export.setting": {"en": "Setting", "zh": "设置"},
    "export.value": {"en": "Value", "zh": "取值"},
    "export.live": {"en": "Open this view live in rnnviz", "zh": "在 rnnviz 中打开这个视图的实时版本"},
    "export.made": {
        "en": "Made with rnnviz {version} on {date}. Every number is the model's own; the file needs no network.",
        "zh": "由 rnnviz {version} 于 {date} 生成。每个数字都来自模型本身；本文件无需联网即可使用。",
    },
    "export.text": {"en": "The sequence read", "zh": "读入的序列"},
    "export.button": {"en": "Download this view (HTML)", "zh": "下载此视图（网页文件）"},
    "export.button.help": {
        "en": "One file with every chart of this view, its steps and its texts: it opens in any browser, offline.",
        "zh": "一个文件，包含本视图的所有图表、时间步和说明：可在任何浏览器中离线打开。",
    },
    "export.intent.models": {
        "en": "These are the shipped intent checkpoints (H = {hidden}, embedding size {embed}, trained with seed "
        "{seed}), not the sidebar's model: the hidden size, seed, weights and gate biases of the app do not apply "
        "to this view.",
        "zh": "这里用的是随应用提供的训练好的意图模型（H = {hidden}，词向量维度 {embed}，训练种子 {seed}），"
        "不是侧边栏的模型：应用里的隐藏单元数、种子、权重和门偏置都不适用于本视图。",
    },
    "export.gen.shipped": {
        "en": "These are the shipped character models (seed 0); a model trained from the page stays on its server "
        "and is not in this file.",
        "zh": "这里用的是随应用提供的字符模型（种子 0）；在页面上训练的模型留在其服务器上，不在本文件中。",
    },
    "export.gen.units": {
        "en": "The unit search (each cell reads 8,000 characters, a few seconds) is not in this file: open the view "
        "live to colour a text by one unit.",
        "zh": "本文件不含隐藏单元搜索（每种网络要读 8,000 个字符，需要几秒）："
        "请打开实时视图，用一个隐藏单元的取值给文本上色。",
    },
    "export.translate.shipped": {
        "en": "These are the shipped translators (seed 0); a model trained again on the page stays on its server "
        "and is not in this file.",
        "zh": "这里用的是随应用提供的翻译模型（种子 0）；在页面上重新训练的模型留在其服务器上，不在本文件中。",
    },
    "export.training.recorded": {
        "en": "A file does not train. On the page, **Train** runs the selected cells side by side and draws their "
        "score, loss and gradient curves as they learn; this file shows instead the runs recorded in `{file}`, "
        "which the page draws beside them.",
        "zh": "文件不会训练。在页面上，“开始训练”会并排训练所选的网络，并在学习过程中画出得分、损失和梯度曲线；"
        "本文件改为展示 `{file}` 中记录的训练，页面也在旁边画出它们。",
    },
    "export.training.runs": {
        "en": "The recorded runs at T = {T} (from `{file}`, {date}), each trained with the settings in its row, "
        "tested on 2000 fresh sequences:",
        "zh": "T = {T} 时记录的训练（来自 `{file}`，{date}），每次训练的设置见其所在行，在 2000 条全新测试序列上测试：",
    },
    "export.training.no_runs": {
        "en": "No run is recorded at T = {T}; the recorded lengths are {lengths}. The chart below holds them all.",
        "zh": "T = {T} 时没有记录的训练；记录过的长度为 {lengths}。下图包含全部记录。",
    },
    "export.lesson.intro": {
        "en": "{n} stops, in order. At each stop, read the question and let the class predict the answer, then open "
        "the view before the reveal and the view after it. Every file works offline; a stop whose page has no "
        "offline file yet links to the app.",
        "zh": "共 {n} 站，按顺序排列。每一站先读问题，让全班预测答案，然后打开揭晓前和揭晓后的视图。"
        "每个文件都可离线使用；页面还没有离线文件的站点链接到在线应用。",
    },
    "export.lesson.question": {"en": "Question", "zh": "问题"},
    "export.lesson.answer": {"en": "Answer", "zh": "答案"},
    "export.lesson.before": {"en": "Before the reveal", "zh": "揭晓前"},
    "export.lesson.after": {"en": "After the reveal", "zh": "揭晓后"},
    "export.lesson.live": {"en": "live", "zh": "在线版"},
    "export.lesson.no_file": {
        "en": "The {page} page has no offline file yet: open the stop in the app, with the network.",
        "zh": "“{page}”页面还没有离线文件：请联网在应用中打开这一站。",
    },
    "export.lesson.index": {"en": "All stops", "zh": "全部环节"},
    "export.lesson.whole": {"en": "Whole view (live)", "zh": "完整视图（在线版）"},
    "export.lesson.previous": {"en": "Previous", "zh": "上一个"},
    "export.lesson.next": {"en": "Next", "zh": "下一个"},
}
