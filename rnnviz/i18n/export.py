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
    "export.lesson.previous": {"en": "Previous", "zh": "上一个"},
    "export.lesson.next": {"en": "Next", "zh": "下一个"},
}
