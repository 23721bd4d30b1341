"""Texts of the classroom features: sharing, teacher and presentation modes, the guided lesson."""

TEXTS = {
    "share.button": {"en": "Share this view", "zh": "分享当前视图"},
    "share.help": {
        "en": "Anyone who opens this link sees exactly this picture: same text, cells, seed, sliders and step.",
        "zh": "打开此链接的人会看到完全相同的画面：相同的文本、网络类型、种子、滑块和步骤。",
    },
    "classroom.header": {"en": "Classroom", "zh": "课堂"},
    "setting.teacher": {"en": "Teacher mode (hide the controls)", "zh": "教师模式（隐藏控件）"},
    "setting.teacher.help": {
        "en": "For projecting: only the charts and the step buttons stay. The link keeps this setting.",
        "zh": "用于投影：只保留图表和步进按钮。链接会记住这一设置。",
    },
    "classroom.teacher.exit": {"en": "Show the controls", "zh": "显示控件"},
    "setting.present": {"en": "Presentation mode (large type)", "zh": "演示模式（大字体）"},
    "setting.present.help": {
        "en": "Larger text and thicker lines, readable from the back of the room.",
        "zh": "更大的文字和更粗的线条，教室后排也能看清。",
    },
    "lesson.nav": {"en": "Guided lesson", "zh": "引导式课程"},
    "lesson.title": {"en": "A guided lesson: predict, then see", "zh": "引导式课程：先预测，再观察"},
    "lesson.intro": {
        "en": "{n} stops through the app. At each stop, read the question and let the class predict the answer "
        "before anyone clicks. Then press Reveal: the view changes to the setting that answers it, and the answer "
        "quotes the numbers that view computes.",
        "zh": "课程共 {n} 个环节。每个环节先读问题，让全班在点击之前预测答案；然后按“揭晓”，"
        "页面会切换到能回答这个问题的设置，答案里引用的数字就是该视图算出来的。",
    },
    "lesson.keys": {
        "en": "The arrow keys play the lesson: → reveals, then goes to the next stop; ← goes back. With presentation "
        "mode on (in the sidebar), the projector shows only the question and the chart that answers it.",
        "zh": "方向键可以播放课程：→ 先揭晓，再进入下一个环节；← 返回。打开演示模式（在侧边栏）后，"
        "投影只显示问题和回答它的图表。",
    },
    "lesson.open": {"en": "Start here", "zh": "从这里开始"},
    "lesson.stop": {"en": "Stop {k} of {n}", "zh": "第 {k} 个环节，共 {n} 个"},
    "lesson.reveal": {"en": "Reveal", "zh": "揭晓"},
    "lesson.next": {"en": "Next stop", "zh": "下一个环节"},
    "lesson.back": {"en": "All stops", "zh": "全部环节"},
    "lesson.prev": {"en": "Back", "zh": "上一步"},
    "lesson.sep": {"en": ", ", "zh": "、"},
    "lesson.changed": {
        "en": "The view has changed since this stop opened, so its answer would not describe it. Press Reveal to "
        "open the stop's view again.",
        "zh": "这个环节打开之后视图已经改变，答案不再描述当前画面。按“揭晓”重新打开这个环节的视图。",
    },
    "lesson.read.title": {"en": "Reading a sentence", "zh": "读一句话"},
    "lesson.read.question": {
        "en": "The network reads “what time is it?” one token at a time. The circle splits the hidden state's "
        "sensitivity among the tokens read so far. After the first token, how much of it belongs to “what”? "
        "And after the last token?",
        "zh": "网络逐个读入“what time is it?”。圆环把隐藏状态的敏感度分给已读的各个词元。读完第一个词元时，"
        "其中有多少属于“what”？读完最后一个呢？",
    },
    "lesson.read.answer": {
        "en": "At step 1 the whole circle is “{first}”. At the last step “{first}” keeps {firsts}, while the newest "
        "token “{last}” has {lasts}. Step back with the arrows to watch “{first}” shrink.",
        "zh": "第 1 步时整个圆环都是“{first}”。到最后一步，“{first}”只剩 {firsts}，而最新的词元“{last}”占 "
        "{lasts}。用箭头往回走，看“{first}”如何缩小。",
    },
    "lesson.fade.title": {"en": "Short-term memory", "zh": "短期记忆"},
    "lesson.fade.question": {
        "en": "A long sentence: “France” comes early, “French” at the end. When the RNN reaches “French”, how much "
        "does “France” still shape its hidden state?",
        "zh": "一个长句子：“France”在前面，“French”在最后。RNN 读到“French”时，“France”对隐藏状态还有多大影响？",
    },
    "lesson.fade.answer": {
        "en": "Almost none: at “French” the RNN's hidden state is only {rnn} as sensitive to “France” as when "
        "“France” was read (the end of the influence line), and its memory span is {span}. "
        "The untrained gated cells forget it too: {gated}.",
        "zh": "几乎没有：读到“French”时，RNN 隐藏状态对“France”的敏感度只有刚读入时的 {rnn}（影响图的终点），"
        "它的记忆跨度是 {span}。未训练的门控网络同样忘掉了它：{gated}。",
    },
    "lesson.vanish.title": {"en": "Vanishing gradients", "zh": "梯度消失"},
    "lesson.vanish.question": {
        "en": "Training sends the error back through every step: the chart shows the gradient's size ||dL/dh_t|| "
        "at each step t. Here the RNN uses tanh, and its recurrent matrix W_hh has spectral radius ρ = 0.9 (in "
        "the long run, multiplying by W_hh shrinks a vector by 0.9 per step). Over these 20 steps the gradient "
        "shrinks. How large will it be 200 steps back?",
        "zh": "训练时误差要穿过每一步向回传：图中画的是每一步 t 的梯度大小 ||dL/dh_t||。这里 RNN 使用 tanh，"
        "循环矩阵 W_hh 的谱半径 ρ = 0.9（长期来看，每乘一次 W_hh，向量就缩小为原来的 0.9 倍）。"
        "在这 20 步里梯度在变小。往回 200 步时它会有多大？",
    },
    "lesson.vanish.answer": {
        "en": "Tiny: at t = 1 it is {first}, against {end} at t = {T}, {orders} orders of magnitude smaller. It "
        "stays under the dashed line, the bound σ_max^(T−t)·√H = {bound} at t = 1 (here W_hh = 0.9 times an "
        "orthogonal matrix, so σ_max = {sigma}); tanh only shrinks it further. The earliest tokens get almost no "
        "signal to learn from.",
        "zh": "极小：t = 1 时只有 {first}，而 t = {T} 时是 {end}，小了 {orders} 个数量级。它始终在虚线之下，"
        "虚线是上界 σ_max^(T−t)·√H，在 t = 1 处为 {bound}（这里 W_hh 是 0.9 乘一个正交矩阵，所以 σ_max = {sigma}）；"
        "tanh 只会让它更小。最早的词元几乎得不到可以学习的信号。",
    },
    "lesson.explode.title": {"en": "Exploding gradients", "zh": "梯度爆炸"},
    "lesson.explode.question": {
        "en": "Now remove tanh, so each step is only a product with W_hh (a linear RNN), and set the spectral "
        "radius to ρ = 1.1. What happens to the gradient 200 steps back?",
        "zh": "现在去掉 tanh，让每一步只乘以 W_hh（线性 RNN），并把谱半径设为 ρ = 1.1。往回 200 步的梯度会怎样？",
    },
    "lesson.explode.answer": {
        "en": "It grows instead: at t = 1 it is {first}, {ratio} times its value at the last step, because each "
        "step back multiplies it by {rate}, which is ρ = {rho}. With no tanh and W_hh = ρ times an orthogonal "
        "matrix the dashed line is exact, and the measured curve lies on it. Push ρ or T further and the numbers "
        "overflow; the clipping chart shows the usual fix.",
        "zh": "它反而变大：t = 1 时为 {first}，是最后一步的 {ratio} 倍，因为每往回一步都乘以 {rate}，正是 ρ = {rho}。"
        "没有 tanh 且 W_hh 等于 ρ 乘一个正交矩阵时，虚线是精确值，实测曲线正好落在虚线上。再增大 ρ 或 T，"
        "数值会溢出；梯度裁剪图展示了常用的解决办法。",
    },
    "lesson.gates.title": {"en": "Inside the LSTM", "zh": "LSTM 内部"},
    "lesson.gates.question": {
        "en": "The LSTM carries a second state, the cell state c, and three gates between 0 and 1 decide what "
        "enters it, what stays in it and what it shows. Look at them on a long sentence. Which gate would you "
        "change to make the LSTM remember longer, and in which direction?",
        "zh": "LSTM 多带一个状态，即细胞状态 c；三个取值在 0 到 1 之间的门决定什么写入它、什么留在里面、"
        "输出多少。在长句子上观察这些门。要让 LSTM 记得更久，应该改变哪个门？往哪个方向改？",
    },
    "lesson.gates.answer": {
        "en": "The forget gate f, towards 1, where it keeps (open means keep, not forget): with its bias at "
        "{bias} it is above 0.9 in {open} of its values (units × steps) and never below {lowest}. Since "
        "c_t = f_t·c_(t−1) + i_t·g_t, the cell state then keeps most of what it held at every step.",
        "zh": "遗忘门 f，往 1 的方向：f 接近 1 表示保留，而不是遗忘。偏置为 {bias} 时，它在 {open} 的取值"
        "（隐藏单元 × 时间步）中高于 0.9，最低也有 {lowest}。由于 c_t = f_t·c_(t−1) + i_t·g_t，"
        "细胞状态在每一步都保留了原有的大部分内容。",
    },
    "lesson.forget.title": {"en": "The forget gate", "zh": "遗忘门"},
    "lesson.forget.question": {
        "en": "An untrained LSTM forgets “France” within a few steps, like the RNN. What happens to the memory "
        "span if its forget gate is pushed towards 1 (bias +3), so that it keeps more of its cell state at every "
        "step?",
        "zh": "未训练的 LSTM 和 RNN 一样，几步之内就忘掉了“France”。如果把遗忘门推向 1（偏置 +3），"
        "让它每一步保留更多细胞状态，记忆跨度会怎样？",
    },
    "lesson.forget.answer": {
        "en": "The memory span grows to {span} (“>” means longer than this sentence can measure): at “French” "
        "the LSTM's hidden state is still {lstm} as sensitive to “France” as when it read it.",
        "zh": "记忆跨度增长到 {span}（“>”表示超出这句话能测量的长度）；读到“French”时，LSTM 的隐藏状态"
        "对“France”的敏感度仍有刚读入时的 {lstm}。",
    },
    "lesson.gru.title": {"en": "The GRU: one state, and its update gate", "zh": "GRU：一个状态，一个更新门"},
    "lesson.gru.question": {
        "en": "The GRU has no separate cell state: its update gate z decides how much of h_(t−1) it keeps, "
        "h_t = (1 − z_t)·n_t + z_t·h_(t−1). It has {gru} parameters (weights and biases) here against the "
        "LSTM's {lstm}, a quarter fewer. The LSTM keeps “France” with its forget gate pushed up. Will the GRU, "
        "with z's bias pushed up by 3?",
        "zh": "GRU 没有单独的细胞状态：更新门 z 决定保留多少 h_(t−1)，h_t = (1 − z_t)·n_t + z_t·h_(t−1)。"
        "这里它有 {gru} 个参数（权重和偏置），LSTM 有 {lstm} 个，少四分之一。把遗忘门调高后，LSTM 记住了“France”。"
        "把 z 的偏置调高 3，GRU 也能记住吗？",
    },
    "lesson.gru.answer": {
        "en": "Yes: at “French” the GRU's hidden state is still {gru} as sensitive to “France” as when it read it "
        "(the LSTM's: {lstm}), and its memory span is {span}. One state and one gate do the keeping.",
        "zh": "能：读到“French”时，GRU 的隐藏状态对“France”的敏感度仍有刚读入时的 {gru}（LSTM 为 {lstm}），"
        "记忆跨度为 {span}。一个状态加一个门就完成了保留。",
    },
    "lesson.trained.title": {"en": "Trained against untrained", "zh": "训练过与未训练"},
    "lesson.trained.question": {
        "en": "With random weights, every cell here forgets the first token within a few steps (see the spans "
        "below). After training on a task that needs the first token 50 steps later, which cells still feel it "
        "at the end?",
        "zh": "随机权重下，这里每种网络都在几步之内忘掉第一个词元（见下方的记忆跨度）。在一个 50 步之后还需要"
        "第一个词元的任务上训练之后，哪些网络在最后仍受它影响？",
    },
    "lesson.trained.answer": {
        "en": "The trained LSTM and GRU. At step {T} the first token's share of the circle is {firsts}: the "
        "trained RNN still forgets, with a span of {span}.",
        "zh": "训练过的 LSTM 和 GRU。在第 {T} 步，第一个词元在圆环中的占比为 {firsts}：训练过的 RNN 依然会遗忘，"
        "记忆跨度只有 {span}。",
    },
    "lesson.train.title": {"en": "Train them yourself", "zh": "亲手训练"},
    "lesson.train.question": {
        "en": "In the recall task the answer is the first token (A, B, C or D), read T steps before the end; "
        "guessing at random scores 25%. Here T = 10. At T = 50, which cells will beat the 25% line?",
        "zh": "在 recall 任务中，答案是 T 步之前读入的第一个词元（A、B、C 或 D）；随机猜测的正确率是 25%。这里 T = 10。"
        "当 T = 50 时，哪些网络能超过 25% 这条线？",
    },
    "lesson.train.answer": {
        "en": "Measured at T = {T} ({seeds} seeds each, the chart at the bottom): {scores}, against {chance} by "
        "chance.",
        "zh": "在 T = {T} 时实测（每种 {seeds} 个种子，见页面底部的图）：{scores}，随机猜测为 {chance}。",
    },
    "lesson.trains.live": {
        "en": "The run started above trains the three cells now; watch the first-token gradient chart to see why "
        "the RNN cannot learn.",
        "zh": "上方已经开始训练三种网络；看第一个词元的梯度图，就知道 RNN 为什么学不会。",
    },
    "lesson.intent.title": {"en": "An RNN at work: what does the user want?", "zh": "RNN 的应用：用户想要什么？"},
    "lesson.intent.question": {
        "en": "Trained networks read “what time is it?” and give a probability for every intent after each word; "
        "step through it. Now “time” comes first and 40 neutral words follow. Which networks will still answer "
        "“asking the time” at the end?",
        "zh": "训练过的网络读入“what time is it?”，每读一个词就给出每种意图的概率；逐步看一遍。现在“time”"
        "放在最前面，后面跟着 40 个无关的词。哪些网络在最后仍然回答“问时间”？",
    },
    "lesson.intent.answer": {
        "en": "After all {n} tokens: {answers}. The chart at the bottom of the page measures the same over five "
        "training seeds.",
        "zh": "读完全部 {n} 个词元后：{answers}。页面底部的图在五个训练种子上测量了同样的情况。",
    },
    "lesson.intent.says": {"en": "{intent} ({p})", "zh": "{intent}（{p}）"},
}
