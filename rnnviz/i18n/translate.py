"""Texts of the Translation page (dates in words to ISO dates, an encoder-decoder with attention)."""

TEXTS = {
    "translate.nav": {"en": "Translation", "zh": "翻译"},
    "translate.title": {
        "en": "Translation with attention: dates in words to ISO dates",
        "zh": "带注意力的翻译：把文字写的日期译成 ISO 日期",
    },
    "translate.shapes.encoder_decoder": {
        "en": "a date in words to its ISO form: this page",
        "zh": "把文字写的日期译成 ISO 格式：本页",
    },
    "translate.shapes.many_to_one": {"en": "intent", "zh": "意图识别"},
    "translate.shapes.legend": {
        "en": "x: an input character · h: the hidden state · y: an output character",
        "zh": "x：输入字符 · h：隐藏状态 · y：输出字符",
    },
    "translate.intro": {
        "en": "An encoder reads the date one character at a time, both ways or left to right only (your choice); a "
        "decoder then writes "
        "the ISO date (YYYY-MM-DD) one character per step. At each step the attention weights say how much "
        "of each input character the decoder looks at: every row of the heatmap is one output character's "
        "weights over the input, and each row sums to 1. The models are the shipped checkpoints, trained in "
        "under 30 s on one core on dates in 13 English and Chinese formats.",
        "zh": "编码器逐个字符读入日期，正反两个方向或仅从左到右（由你选择）；"
        "解码器再每步写出 ISO 日期（YYYY-MM-DD）的一个字符。"
        "每一步的注意力权重表示解码器看输入的每个字符有多少：热力图的每一行是一个输出字符在输入上的权重，"
        "每行之和为 1。模型是随应用附带的检查点，在单核上训练不到 30 秒，训练数据是 13 种中英文日期格式。",
    },
    "translate.examples": {"en": "Examples:", "zh": "示例："},
    "translate.example.en-dmy": {"en": "Day month year", "zh": "英文：日 月 年"},
    "translate.example.en-weekday-words": {
        "en": "Weekday, all in words",
        "zh": "英文：星期与日期全用单词",
    },
    "translate.example.zh-digits": {"en": "Chinese, digits", "zh": "中文：阿拉伯数字"},
    "translate.example.zh-era-weekday": {"en": "Chinese, numerals", "zh": "中文：汉字数字、公元与星期"},
    "setting.date_text": {"en": "Date to translate", "zh": "要翻译的日期"},
    "setting.date_text.help": {
        "en": "A date written in English or Chinese, e.g. 3 March 2021, the first of May 1999, 2021年3月3日. "
        "Whitespace is collapsed; at most 120 characters.",
        "zh": "用英文或中文写的日期，例如 2021年3月3日、公元一九九九年五月一日。多个空白合并为一个；最多 120 个字符。",
    },
    "setting.encoder": {"en": "Cell of the encoder and decoder", "zh": "编码器与解码器的网络类型"},
    "setting.encoder.help": {
        "en": "Each shipped model uses one cell kind for its encoder and its decoder.",
        "zh": "每个附带的模型的编码器和解码器都用同一种网络。",
    },
    "setting.encoder_bidirectional": {"en": "Encoder reads both ways", "zh": "编码器正反两个方向读"},
    "translate.reads.both": {"en": "both ways", "zh": "正反两个方向"},
    "translate.reads.forward": {"en": "left to right", "zh": "仅从左到右"},
    "setting.encoder_bidirectional.help": {
        "en": "On (bidirectional): h_j joins a forward state that has read the characters up to j and a "
        "backward state that has read those from j to the end. Off (one-way, left to right): h_j has read only the "
        "characters up to j.",
        "zh": "打开（双向）：h_j 由读到第 j 个字符为止的正向状态和从第 j 个字符读到末尾的反向状态拼成。"
        "关闭（单向，仅从左到右）：h_j 只读过到第 j 个字符为止的内容。",
    },
    "translate.one_way": {
        "en": "This encoder reads left to right only: h_j knows the characters up to j and nothing after them. "
        "Trained the same way, in at most 30 s, its held-out exact match with attention is {mean} over 5 "
        "seeds (worst seed {worst}), against {bi} for the encoder that reads both ways (results/dates.json).",
        "zh": "这个编码器只从左到右读：h_j 只知道到第 j 个字符为止的内容，不知道后面的。"
        "以同样方式训练（最多 30 秒），它带注意力时在留出日期上的完全匹配率为 {mean}（5 个种子的平均，"
        "最差的种子 {worst}），而双向读取的编码器为 {bi}（results/dates.json）。",
    },
    "setting.without_attention": {"en": "Also without attention", "zh": "同时显示不带注意力的结果"},
    "setting.without_attention.help": {
        "en": "A second shipped model of the same cell, trained the same way, whose decoder sees the input only "
        "through the encoder's last state.",
        "zh": "同一种网络、同样训练的另一个附带模型，它的解码器只能通过编码器的最后状态看到输入。",
    },
    "translate.msg.empty": {
        "en": "Type a date to translate, or press one of the examples.",
        "zh": "请输入要翻译的日期，或点一个示例。",
    },
    "translate.msg.too_long": {
        "en": "The date has {n} characters; the model reads at most {most}. Shorten it.",
        "zh": "这个日期有 {n} 个字符；模型最多读 {most} 个。请缩短。",
    },
    "translate.msg.unknown": {
        "en": "The model never saw these characters in training, so it cannot read them: {chars}. "
        "It reads the letters, digits, punctuation and Chinese characters that its 13 date formats use.",
        "zh": "模型在训练中从未见过这些字符，所以无法读入：{chars}。"
        "它只认识 13 种日期格式用到的字母、数字、标点和汉字。",
    },
    "translate.msg.missing": {
        "en": "The shipped model cannot be loaded: {error}",
        "zh": "无法载入附带的模型：{error}",
    },
    # the step controls count output characters written, not tokens read
    "step.output.label": {
        "en": "Output step t (characters written so far)",
        "zh": "输出步 t（已写出的字符数）",
    },
    "step.output.first": {"en": "Go to the first output character", "zh": "回到第一个输出字符"},
    "step.output.prev": {"en": "Previous output character", "zh": "上一个输出字符"},
    "step.output.play": {"en": "Play: write the output one character at a time", "zh": "播放：逐个写出输出字符"},
    "step.output.pause": {"en": "Pause", "zh": "暂停"},
    "step.output.next": {"en": "Next output character", "zh": "下一个输出字符"},
    "step.output.last": {"en": "Jump to the last output character", "zh": "跳到最后一个输出字符"},
    "translate.decoding": {"en": "Decoding, one output character per step", "zh": "逐步解码，每步一个输出字符"},
    "translate.eos": {"en": "end", "zh": "结束"},
    "translate.out.with": {"en": "With attention", "zh": "带注意力"},
    "translate.out.without": {"en": "Without attention", "zh": "不带注意力"},
    "translate.out.step": {
        "en": "Step {t} of {n}: the decoder writes “{ch}” with probability {p}, looking most at input "
        "character {j} (“{src}”, weight {a}).",
        "zh": "第 {t} 步（共 {n} 步）：解码器以概率 {p} 写出“{ch}”，"
        "看得最多的是第 {j} 个输入字符（“{src}”，权重 {a}）。",
    },
    "translate.out.step.plain": {
        "en": "Step {t}: without attention the decoder writes “{ch}” with probability {p}.",
        "zh": "第 {t} 步：不带注意力的解码器以概率 {p} 写出“{ch}”。",
    },
    "translate.out.done": {
        "en": "Finished after {n} steps.",
        "zh": "共 {n} 步后结束。",
    },
    "translate.out.unfinished": {
        "en": "It did not write the end mark within {n} steps.",
        "zh": "它在 {n} 步内没有写出结束标记。",
    },
    "translate.verdict.right": {
        "en": "Right: the input is {iso} written in one of the 13 training formats, and each such text names "
        "one date only.",
        "zh": "正确：输入正是 {iso} 按 13 种训练格式之一写成的，而每个这样的文本只对应一个日期。",
    },
    "translate.verdict.wrong_date": {
        "en": "Not checked: {iso} written in the 13 training formats never gives this input. Either the input "
        "is written differently from the training data, or the model got it wrong.",
        "zh": "无法验证：把 {iso} 按 13 种训练格式写出，都得不到这个输入。"
        "要么输入的写法与训练数据不同，要么模型译错了。",
    },
    "translate.verdict.plain_right": {
        "en": "Right too: without attention the model also writes {iso}.",
        "zh": "同样正确：不带注意力的模型也写出了 {iso}。",
    },
    "translate.verdict.plain_wrong": {
        "en": "Wrong: the input is {iso} (checked above), but without attention the model writes {out}.",
        "zh": "错误：输入是 {iso}（上面已验证），但不带注意力的模型写出了 {out}。",
    },
    "translate.verdict.invalid": {
        "en": "The output “{out}” is not a calendar date: the model always writes digits and dashes, whatever "
        "it reads.",
        "zh": "输出“{out}”不是一个日历日期：无论读到什么，模型都会写出数字和短横线。",
    },
    "translate.held_out": {
        "en": "This date is one of the held-out test dates: the model never saw it in training, in any format.",
        "zh": "这个日期属于留出的测试日期：模型在训练中从未见过它，任何格式都没有。",
    },
    "translate.trained_on": {
        "en": "This date is one of the training dates (in some format).",
        "zh": "这个日期属于训练日期（以某种格式出现过）。",
    },
    "translate.fig.attention": {
        "en": "Attention of each output character (row) over the input characters ({cell} encoder)",
        "zh": "每个输出字符（行）对输入字符的注意力（{cell} 编码器）",
    },
    "translate.fig.input": {"en": "input character j", "zh": "输入字符 j"},
    "translate.fig.output": {"en": "output step t", "zh": "输出步 t"},
    "translate.fig.weight": {"en": "weight", "zh": "权重"},
    "translate.attention.caption": {
        "en": "The current step's row is boxed; the rows not written yet are covered. The weights are "
        "a_tj = softmax_j(s_tᵀ W_a h_j), computed by the model at each step of greedy decoding.",
        "zh": "当前步的行加了边框；尚未写出的行被遮住。权重为 a_tj = softmax_j(s_tᵀ W_a h_j)，"
        "由模型在贪心解码的每一步算出。",
    },
    "translate.look.attention": {
        "en": "each row's bright cell is where the decoder reads from at that step. The year's four digits look "
        "at (or next to) the year; the month's second digit at the month's name or number; the day's second "
        "digit at the day. In “3 March 2021” the bright cells jump from the year at the end back to the month, "
        "then to the day at the start; in 2021年3月3日, written in the order of the output, they run down the "
        "diagonal. Nobody told the model which characters belong together: it learned where to look.",
        "zh": "每一行最亮的格子就是解码器这一步读取的位置。年份的四个数字看着年份（或紧挨着它）；"
        "月份的第二个数字看着月名或月份数字；日子的第二个数字看着日子。在按“日 月 年”顺序书写的英文日期里，"
        "亮格从末尾的年份跳回月份，再跳到开头的日子；在 2021年3月3日 里，书写顺序与输出相同，亮格沿对角线向下。"
        "没有人告诉模型哪些字符属于一起：看哪里是它自己学会的。",
    },
    "translate.noattn.header": {"en": "The same input without attention", "zh": "同一输入，不带注意力"},
    "translate.noattn.explain": {
        "en": "Without attention the decoder gets the same context at every step, the encoder's last state "
        "s_0: the whole date must fit in one vector of {size} numbers.",
        "zh": "不带注意力时，解码器每一步得到的上下文都一样，即编码器的最后状态 s_0："
        "整个日期必须装进一个 {size} 维的向量。",
    },
    "translate.train.header": {"en": "Train it again", "zh": "重新训练"},
    "translate.train.explain": {
        "en": "The shipped models were trained with seed 0. Train again trains the model(s) above from a new "
        "seed, on one core, for at most {seconds} s of CPU time, and tests it on the held-out dates; this page "
        "then uses it for you (the link still opens the shipped one). A server trains one model at a time: "
        "whoever presses while that model trains joins the same run, and other models wait their turn.",
        "zh": "附带的模型用种子 0 训练。“重新训练”用一个新种子在单核上训练上面的模型，CPU 时间最多 {seconds} 秒，"
        "再在留出日期上测试；之后本页为你改用它（链接打开的仍是附带的模型）。服务器一次只训练一个模型："
        "在它训练时按下按钮的人都加入同一次训练，其他模型排队等候。",
    },
    "translate.train.model": {"en": "{cell} ({reads})", "zh": "{cell}（{reads}）"},
    "translate.train.no_attention": {"en": " without attention", "zh": "，不带注意力"},
    "translate.train.shipped": {
        "en": "In use: the shipped {who}, seed 0, {steps} updates in {seconds} s CPU; held-out exact match "
        "**{em}** on {n} dates never trained on.",
        "zh": "正在使用：附带的 {who}，种子 0，{steps} 次更新，CPU {seconds} 秒；"
        "在 {n} 个从未训练过的日期上，完全匹配率 **{em}**。",
    },
    "translate.train.yours": {
        "en": "In use: the {who} trained again on this server, seed {seed}, {steps} updates in {seconds} s CPU; "
        "held-out exact match **{em}** on {n} dates never trained on (the shipped one: {shipped}).",
        "zh": "正在使用：在本服务器上重新训练的 {who}，种子 {seed}，{steps} 次更新，CPU {seconds} 秒；"
        "在 {n} 个从未训练过的日期上，完全匹配率 **{em}**（附带的模型：{shipped}）。",
    },
    "translate.train.run": {"en": "Train again", "zh": "重新训练"},
    "translate.train.run.help": {
        "en": "At most 30 s per model on one core; shared with everyone on this server who asks for it.",
        "zh": "每个模型在单核上最多 30 秒；与本服务器上同时要求训练它的人共享。",
    },
    "translate.train.back": {"en": "Use the shipped model", "zh": "改用附带的模型"},
    "translate.train.queued": {
        "en": "{who}: waiting for {n} training run(s) before it on this server",
        "zh": "{who}：在本服务器上排队，前面还有 {n} 次训练",
    },
    "translate.train.progress": {
        "en": "{who}, seed {seed}: update {step} of {steps}, {seconds} s CPU, validation exact match {valid}",
        "zh": "{who}，种子 {seed}：第 {step} 次更新（共 {steps} 次），CPU {seconds} 秒，验证集完全匹配率 {valid}",
    },
    "translate.train.starting": {
        "en": "{who}: starting a training process",
        "zh": "{who}：正在启动训练进程",
    },
    "translate.train.testing": {
        "en": "{who}: testing on the held-out dates",
        "zh": "{who}：正在留出日期上测试",
    },
    "translate.train.failed": {
        "en": "Training the {who} failed: {error}. The page keeps the shipped model.",
        "zh": "训练 {who} 失败：{error}。本页继续使用附带的模型。",
    },
    "translate.acc.header": {
        "en": "Accuracy with and without attention, against input length",
        "zh": "带与不带注意力的准确率随输入长度的变化",
    },
    "translate.fig.accuracy": {
        "en": "Held-out exact match against input length (bidirectional encoders, {seeds} seeds each)",
        "zh": "留出日期的完全匹配率随输入长度的变化（双向编码器，每种 {seeds} 个种子）",
    },
    "translate.fig.accuracy.forward": {
        "en": "Held-out exact match against input length (one-way encoders, {seeds} seeds each)",
        "zh": "留出日期的完全匹配率随输入长度的变化（单向编码器，每种 {seeds} 个种子）",
    },
    "translate.fig.length": {"en": "input length (characters)", "zh": "输入长度（字符数）"},
    "translate.fig.exact": {"en": "exact match (whole date right)", "zh": "完全匹配率（整个日期正确）"},
    "translate.fig.with": {"en": "{cell}, attention", "zh": "{cell}，带注意力"},
    "translate.fig.without": {"en": "{cell}, no attention", "zh": "{cell}，不带注意力"},
    "translate.acc.source": {
        "en": "Mean over seeds {seeds}, bars from the worst to the best seed, on {n} held-out examples "
        "(13 formats), read from {file} (written {date} by benchmarks/bench_dates.py).",
        "zh": "种子 {seeds} 的平均值，误差线从最差到最好的种子，基于 {n} 个留出样例（13 种格式），"
        "读自 {file}（由 benchmarks/bench_dates.py 于 {date} 写出）。",
    },
    "translate.acc.missing": {
        "en": "The results file {file} is missing: run python benchmarks/bench_dates.py to measure the models.",
        "zh": "缺少结果文件 {file}：运行 python benchmarks/bench_dates.py 来测量模型。",
    },
    "translate.acc.no_cells": {
        "en": "Choose at least one cell type in the sidebar to see its accuracy.",
        "zh": "请在侧边栏至少选择一种网络类型，以查看其准确率。",
    },
    "translate.look.accuracy.forward": {
        "en": "read one way, the cells with attention get {with_} of the held-out dates right (mean over seeds), "
        "{long_with} of the longest inputs ({longest} characters); without attention {without}, and {long_without} "
        "of the longest. Attention still makes the difference; reading both ways adds the rest (switch it on).",
        "zh": "单向读取时，带注意力的网络译对 {with_} 的留出日期（各种子的平均），最长的输入（{longest} 个字符）"
        "译对 {long_with}；不带注意力时为 {without}，最长的输入为 {long_without}。差别仍主要来自注意力；"
        "双向读取补上其余部分（打开它看看）。",
    },
    "translate.look.accuracy": {
        "en": "with attention every cell stays near 1 at every length; without it the same encoders get few "
        "dates right, and fewest on the longest inputs, where the last state must carry the most.",
        "zh": "带注意力时每种网络在各种长度上都接近 1；不带注意力时，同样的编码器只译对很少的日期，"
        "输入越长越少，因为最后状态要装下的东西最多。",
    },
}
