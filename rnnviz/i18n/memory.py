"""Texts of the Step through page."""

TEXTS = {
    "memory.nav": {"en": "Step through", "zh": "逐步观察"},
    "memory.title": {"en": "Step through: watch memory fade", "zh": "逐步观察：看记忆如何褪去"},
    "memory.intro": {
        "en": "Feed the sequence to the networks one token at a time. After each token, a cell passes on what it "
        "remembers in its hidden state h_t, one vector (the LSTM also in its cell state c_t). Below, each "
        "column is one cell (RNN, LSTM or GRU) reading the same tokens with the same steps. The charts measure how "
        "much "
        "h_t still depends on each earlier token k, by its sensitivity ||dh_t/dx_k||: how strongly h_t "
        "changes when the input vector x_k of token k is changed a little.",
        "zh": "把序列一个词元一个词元地送进网络。每读完一个词元，网络把它记得的内容放在隐藏状态 h_t 这一个向量里"
        "传下去（LSTM 还放在细胞状态 c_t 里）。下面每一列是一种网络，读同样的词元、同步前进。图表用敏感度 "
        "||dh_t/dx_k|| 测量 h_t 还在多大程度上依赖之前的每个词元 k：把词元 k 的输入向量 x_k 稍微改动一点，"
        "h_t 会变化多少。",
    },
    "presets.examples": {"en": "Example sequences", "zh": "示例序列"},
    "presets.placeholder": {"en": "Choose an example to load it…", "zh": "选择一个示例来载入…"},
    "preset.short-question": {"en": "Short question (5 tokens)", "zh": "英文短问句（5 个词元）"},
    "preset.far-apart": {
        "en": "Long sentence: the subject is far from its verb",
        "zh": "英文长句：主语和它的动词相隔很远",
    },
    "preset.chinese-sentence": {"en": "Chinese sentence, one token per character", "zh": "中文句子，每个字一个词元"},
    "preset.generated-100": {"en": "Generated sequence, 100 words", "zh": "随机生成的序列，100 个词"},
    "preset.generated-500": {"en": "Generated sequence, 500 words", "zh": "随机生成的序列，500 个词"},
    "memory.computing": {"en": "Measuring what each cell remembers…", "zh": "正在测量每种网络记住了什么…"},
    "memory.computing.stacked": {
        "en": "Measuring what the {cell} remembers: with layers read both ways, every h_t depends on every token "
        "through the whole stack, and the map of {T} tokens takes seconds per cell (about 1 s at 200 tokens, "
        "20 s at 1,000; the time grows as T²)…",
        "zh": "正在测量 {cell} 记住了什么：多层且双向读取时，每个 h_t 都经过整个堆叠依赖于每个词元，"
        "{T} 个词元的贡献图每种网络要花几秒（200 个词元约 1 秒，1000 个约 20 秒；时间随 T² 增长）…",
    },
    "memory.diagram.title": {
        "en": "The network unrolled over the tokens read so far (step {t})",
        "zh": "按已读词元展开的网络（第 {t} 步）",
    },
    "memory.diagram.cell": {"en": "cell", "zh": "循环单元"},
    "memory.diagram.shared": {
        "en": "Every box is the same cell with the same weights, used again at every step. What many textbooks call "
        "U is PyTorch's weight_ih (input → hidden state) and W is weight_hh (hidden state → hidden state); the "
        "output layer V (logits = V h_t + b) is on the application pages, such as Intent.",
        "zh": "每个方框都是同一个循环单元，每一步重复使用同一组权重。很多教材里的 U 就是 PyTorch 的 weight_ih"
        "（输入 → 隐藏状态），W 就是 weight_hh（隐藏状态 → 隐藏状态）；输出层 V（logits = V h_t + b）在应用页面上，"
        "例如意图识别。",
    },
    "memory.diagram.h0": {"en": "h<sub>0</sub> = 0", "zh": "h<sub>0</sub> = 0"},
    "memory.hidden.title": {
        "en": "Hidden state h_t of each cell (units x time); covered: not read yet",
        "zh": "每种网络的隐藏状态 h_t（隐藏单元 × 时间）；被遮住的部分：尚未读到",
    },
    "memory.composition.title": {
        "en": "What h_{t} is made of: each token's share of its sensitivity ||dh_{t}/dx_k||",
        "zh": "h_{t} 由什么组成：每个词元在敏感度 ||dh_{t}/dx_k|| 中所占的份额",
    },
    "memory.earlier": {"en": "tokens 1–{n} together", "zh": "第 1–{n} 个词元合计"},
    "memory.share": {"en": "share of the sensitivity of h_t:", "zh": "在 h_t 敏感度中的占比："},
    "memory.map.title": {
        "en": "Contribution of token k to h_t, ||dh_t/dx_k|| (log colour scale)",
        "zh": "词元 k 对 h_t 的贡献 ||dh_t/dx_k||（对数色标）",
    },
    "memory.map.every": {"en": "(one in every {n} rows and columns shown)", "zh": "（每 {n} 行、{n} 列显示一行一列）"},
    "memory.map.k": {"en": "token k (read at step k)", "zh": "词元 k（在第 k 步读入）"},
    "memory.map.t": {"en": "step t (reading time)", "zh": "时间步 t（读到第几个）"},
    "memory.map.downsampled": {
        "en": "The contribution maps of this {n}-token sequence show {shown} evenly spaced rows and columns, so the "
        "browser stays fast; every value drawn is exact, and the other charts use all tokens.",
        "zh": "这个序列有 {n} 个词元，贡献图只画出均匀间隔的 {shown} 行和 {shown} 列，以保持浏览器流畅；"
        "画出的每个值都是精确值，其他图表使用全部词元。",
    },
    "memory.look.cells": {
        "en": "The circle is h_t drawn as a mixture of the tokens read so far: each slice is one token's share "
        "of ||dh_t/dx_k|| (the row t of the map below, divided by its sum), and a token keeps its colour at "
        "every step. Step forward and watch the first token's slice: in the RNN it shrinks to nothing within "
        "a few steps. The map below holds every step at once, with the current step boxed: the bright band "
        "along the diagonal is the recent past, and the colour fading to the left is forgetting.",
        "zh": "圆环就是 h_t，被画成已读词元的混合：每一块是一个词元在敏感度 ||dh_t/dx_k|| 中的占比"
        "（下方贡献图的第 t 行除以该行之和）；每个词元在每一步都保持同一种颜色。往前走几步，盯住第一个词元的那一块："
        "在 RNN 里，它几步之内就缩得几乎看不见。下方的贡献图一次画出所有步，方框标出当前这一步：对角线附近的亮带是"
        "刚读过的内容，往左颜色变暗就是遗忘。",
    },
    "memory.influence.header": {"en": "How long one token is remembered", "zh": "一个词元能被记住多久"},
    "setting.focus": {"en": "Follow token number", "zh": "跟踪第几个词元"},
    "setting.focus.help": {
        "en": "The token whose influence on later hidden states is plotted below (and dashed in the maps above).",
        "zh": "下图画出这个词元对之后各个隐藏状态的影响（上方贡献图中的虚线也标出它）。",
    },
    "memory.influence.title": {
        "en": "Influence of token {k} “{token}” on h_t, relative to the step it was read",
        "zh": "第 {k} 个词元“{token}”对 h_t 的影响（相对于读入它的那一步）",
    },
    "memory.influence.y": {
        "en": "||dh_t/dx_k|| ÷ its value at t = k (log)",
        "zh": "||dh_t/dx_k|| ÷ 它在 t = k 时的值（对数）",
    },
    "memory.influence.level": {"en": "1%: forgotten", "zh": "1%：已遗忘"},
    "memory.look.influence": {
        "en": "On a log axis, forgetting at a fixed rate per step is a straight line going down; a steeper "
        "line forgets faster. Where a line crosses the dashed 1% level, that token is as good as gone "
        "from this cell's memory.",
        "zh": "在对数坐标上，每一步按固定比例遗忘就是一条向下的直线；线越陡，忘得越快。"
        "曲线穿过 1% 虚线的地方，这个词元在这种网络的记忆里就基本消失了。",
    },
    "memory.span.header": {"en": "Memory span", "zh": "记忆跨度"},
    "memory.span.label": {"en": "{cell} memory span", "zh": "{cell} 记忆跨度"},
    "memory.span.steps": {"en": "{n} steps", "zh": "{n} 步"},
    "memory.span.longer": {"en": "> {n} steps", "zh": "> {n} 步"},
    "memory.span.help": {
        "en": "{faded} of the first {tokens} tokens fell below 1% within {horizon} steps.",
        "zh": "前 {tokens} 个词元中，有 {faded} 个在 {horizon} 步之内降到 1% 以下。",
    },
    "memory.span.definition": {
        "en": "A token is forgotten d steps after it was read when its contribution ||dh_t/dx_k|| first falls "
        "below 1% of its value at the step it was read: C[k+d, k] < 0.01 · C[k, k]. The memory span is the "
        "smallest d after which at least half of the first {tokens} tokens are forgotten. Only those tokens "
        "count, because each of them is followed by at least {horizon} more, enough room to see whether it "
        "fades within {horizon} steps. “> {horizon} steps” means fewer than half of them faded within the "
        "sequence: the span is longer than this sequence can measure; use a longer one.",
        "zh": "若一个词元的贡献 ||dh_t/dx_k|| 在读入 d 步之后首次降到它被读入那一步数值的 1% 以下，"
        "即 C[k+d, k] < 0.01 · C[k, k]，就说它在 d 步后被遗忘。记忆跨度是使前 {tokens} 个词元中至少一半被遗忘的"
        "最小 d。只统计这些词元，因为它们后面都至少还有 {horizon} 个词元，足以看出它们是否在 {horizon} 步内褪去。"
        "“> {horizon} 步”表示其中不到一半在序列内褪去：跨度超出了这个序列能测量的长度，请换一个更长的序列。",
    },
    "memory.look.span": {
        "en": "With PyTorch's default random weights, all three cells forget within about ten steps: an untrained "
        "LSTM's forget gate is open only about halfway, so its cell state halves at every step, much like "
        "a vanilla RNN. Gates can remember, but only when their weights make them.",
        "zh": "用 PyTorch 默认的随机权重时，三种网络都在大约十步之内就忘掉了：未训练的 LSTM 遗忘门大约只开一半，"
        "细胞状态每一步都减半，和普通 RNN 差不多。门控网络能记住，但前提是它的权重让门这样工作。",
    },
    "memory.try": {
        "en": "Use a generated sequence of 50 words and raise the LSTM forget-gate bias to 3 (sidebar, "
        "“More model settings”), or press the button. The forget gate then stays near 1 (keep), so the cell "
        "state is carried forward nearly unchanged: watch the LSTM's span and its line in the influence "
        "chart, while the RNN's stay where they were. Then try the GRU's update-gate bias.",
        "zh": "改用 50 个词的随机序列，并把 LSTM 遗忘门偏置增量调到 3（侧边栏“更多模型设置”），或者直接按下面的按钮。"
        "这样遗忘门的值一直接近 1（保留），细胞状态几乎原样向后传递：看 LSTM 的记忆跨度和它在影响力图中的曲线，"
        "而 RNN 的保持不变。然后再试试 GRU 的更新门偏置。",
    },
    "memory.try.button": {"en": "Set it up: 50 words, forget-gate bias 3", "zh": "一键设置：50 个词，遗忘门偏置 3"},
    "memory.shape.bidirectional": {
        "en": "Bidirectional cells: each h_t is two states side by side. Units 1–{H} are the forward direction, "
        "which has read tokens 1..t; units {H1}–{H2} are the backward direction, which read the sequence from "
        "its end and has read tokens t..T. So h_t depends on later tokens too: the contribution map is full, not "
        "a lower triangle, and the circle shares h_t among all {T} tokens.",
        "zh": "双向网络：每个 h_t 是并排的两个状态。第 1–{H} 个隐藏单元属于正向，它读过了词元 1..t；"
        "第 {H1}–{H2} 个隐藏单元属于反向，它从序列末尾往回读，读过了词元 t..T。所以 h_t 也依赖后面的词元："
        "贡献图是满的，而不是下三角，"
        "圆环把 h_t 分给全部 {T} 个词元。",
    },
    "memory.shape.stacked": {
        "en": "{layers} stacked layers: every chart shows the top layer's h_t, which reads the layer below it "
        "(the bottom layer reads the tokens).",
        "zh": "{layers} 层堆叠：每张图显示的是最上层的 h_t，它读取下面一层的输出（最底层读取词元）。",
    },
    "memory.span.bidirectional": {
        "en": "For a bidirectional cell the span counts the same way, forward in time: how many steps after "
        "token k the later states h_(k+d) still hold it (its contribution to the earlier states, through the "
        "backward direction, is not counted).",
        "zh": "对双向网络，记忆跨度按同样的方式、沿时间向前计算：词元 k 之后多少步的状态 h_(k+d) 仍然保留它"
        "（它通过反向方向对更早状态的贡献不计入）。",
    },
    "memory.hidden.title.both": {
        "en": "Hidden state h_t of each cell (units x time): forward units above, backward below",
        "zh": "每种网络的隐藏状态 h_t（隐藏单元 × 时间）：上面是正向的隐藏单元，下面是反向的",
    },
    "memory.unrolled.both": {
        "en": "The diagram shows the forward direction. The backward direction is a second cell of the same kind "
        "that runs the same way from the last token to the first; h_t holds both directions' states.",
        "zh": "图中画的是正向。反向是另一个同类的循环单元，以同样的方式从最后一个词元读到第一个；"
        "h_t 同时包含两个方向的状态。",
    },
    "memory.look.cells.both": {
        "en": "The circle is h_t drawn as a mixture of every token of the sentence: each slice is one token's "
        "share of ||dh_t/dx_k|| (the row t of the map below, divided by its sum). For a bidirectional cell the "
        "tokens after t have slices too, because the backward half of h_t has read them. On the map, look "
        "for the bright band along the diagonal (the nearby tokens on both sides) and for how fast the colour "
        "fades away from it in each direction.",
        "zh": "圆环把 h_t 画成句子中所有词元的混合：每一块是一个词元在 ||dh_t/dx_k|| 中所占的份额"
        "（下图第 t 行除以它的和）。对双向网络，t 之后的词元也有自己的一块，因为 h_t 的反向部分已经读过它们。"
        "在贡献图上，找一找对角线附近的亮带（两侧邻近的词元），看看颜色向两个方向各自变暗得多快。",
    },
}
