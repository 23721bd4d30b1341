"""Texts of the Intent page (many to one: a sentence in, one answer out)."""

TEXTS = {
    "intent.nav": {"en": "Intent", "zh": "意图识别"},
    "intent.title": {
        "en": "Intent: what does the sentence ask for?",
        "zh": "意图识别：这句话想要什么？",
    },
    "intent.intro": {
        "en": "A trained network reads the sentence one token at a time. After every token its output layer "
        "turns h_t into one score per intent, the logits V h_t + b, and softmax turns the {n} scores into "
        "probabilities between 0 and 1 that add up to 1 (a higher score, a higher probability); only the "
        "answer after the last token counts. That is the many-to-one shape: many tokens in, one answer out.",
        "zh": "一个训练好的网络逐个词元读入句子。每读一个词元，它的输出层就把 h_t 变成每种意图一个分数，"
        "即 logit V h_t + b，再由 softmax 把这 {n} 个分数变成 0 到 1 之间、总和为 1 的概率（分数越高，概率越高）；"
        "只有读完最后一个词元后的回答才算数。这就是“多对一”：输入很多个词元，"
        "输出一个回答。",
    },
    "intent.models": {
        "en": "These are the intent models shipped with the app, already trained (H = {hidden}, embedding size "
        "{embed}, trained with "
        "seed {seed}), not the sidebar's model: its hidden size, seed, weights and gate biases do not apply here.",
        "zh": "这里用的是随项目提供的意图识别模型（H = {hidden}，词向量维度 {embed}，训练种子 {seed}），"
        "不是侧边栏里的模型：侧边栏的隐藏单元数、种子、权重和门偏置在本页不起作用。",
    },
    "intent.broken": {
        "en": "The intent model cannot be loaded: {error}",
        "zh": "无法载入意图识别模型：{error}",
    },
    "intent.generated": {
        "en": "This page reads a sentence you type, not a generated sequence of random words.",
        "zh": "本页读入你输入的句子，而不是随机生成的词序列。",
    },
    "intent.generated.button": {"en": "Read the typed text", "zh": "改为读入输入的文本"},
    "intent.chars": {
        "en": "The intent models read words (Chinese: one token per character), as they were trained; the "
        "character-token switch does not apply to this page.",
        "zh": "意图识别模型按词读入（中文每个字一个词元），与训练时一致；“每个字符一个词元”开关在本页不起作用。",
    },
    "intent.empty": {
        "en": "There is nothing to read: type a sentence in the sidebar, for example “what time is it?”.",
        "zh": "没有可读的内容：请在侧边栏输入一句话，例如“现在几点了？”。",
    },
    "intent.unknown": {
        "en": "Not in the training vocabulary, so read as the unknown-word token `<unk>`: {words}.",
        "zh": "这些词不在训练词表里，按未知词元 `<unk>` 读入：{words}。",
    },
    "intent.unknown.more": {"en": "and {n} more", "zh": "另有 {n} 个"},
    "intent.unknown.sep": {"en": ", ", "zh": "、"},
    "intent.cut": {
        "en": "The text has more than {n} tokens; the models read the first {n}.",
        "zh": "文本超过 {n} 个词元；模型只读入前 {n} 个。",
    },
    "intent.step.title": {
        "en": "After token {step} “{token}”: each cell's probability for every intent",
        "zh": "读完第 {step} 个词元“{token}”后：每种网络对每种意图给出的概率",
    },
    "intent.step.axis": {"en": "probability", "zh": "概率"},
    "intent.step.intents": {"en": "intent", "zh": "意图"},
    "intent.strip.unknown": {"en": "read as <unk>", "zh": "按 <unk> 读入"},
    "intent.look.step": {
        "en": "Go back to token 1, then forward one token at a time: at which token does one bar jump close to 1? "
        "There the cell made up its mind; watch whether the tokens after it leave that bar standing.",
        "zh": "回到第 1 个词元，再一个一个往前走：读到哪个词元时，有一根柱子跳到接近 1？"
        "网络就是在那里拿定了主意；再看后面的词元是否让这根柱子保持不倒。",
    },
    "intent.lines.title": {
        "en": "Probability of every intent after each token (the last point is the answer)",
        "zh": "每读一个词元后每种意图的概率（最后一个点就是回答）",
    },
    "intent.look.lines": {
        "en": "Where does the winning line cross all the others? That token is where the cell made up its mind. "
        "In a long sentence, follow the lines to the end: does the early answer last?",
        "zh": "胜出的那条线在哪里越过其他所有线？在那个词元上，网络拿定了主意。"
        "在长句中沿着线一直看到末尾：早先的回答能保持住吗？",
    },
    "intent.answer.header": {"en": "The answer after the last token", "zh": "读完最后一个词元后的回答"},
    "intent.answer.label": {"en": "{cell} answers, with probability {p:.1%}", "zh": "{cell} 的回答，概率 {p:.1%}"},
    "intent.answer.help": {
        "en": "The intent with the highest probability after token {n}, the last one.",
        "zh": "读完第 {n} 个（最后一个）词元后概率最高的意图。",
    },
    "intent.why.header": {"en": "Which tokens decided it", "zh": "哪些词元决定了回答"},
    "intent.why.title": {
        "en": "Each token's contribution to the winning intent's logit (gradient × input)",
        "zh": "每个词元对胜出意图的 logit 的贡献（梯度 × 输入）",
    },
    "intent.why.panel": {"en": "{cell}<br>→ {intent}", "zh": "{cell}<br>→ {intent}"},
    "intent.why.axis": {"en": "contribution to the logit", "zh": "对 logit 的贡献"},
    "intent.why.definition": {
        "en": "Contribution of token k = the sum over its embedding's entries of x_k · ∂y/∂x_k, with y the "
        "winning intent's logit after the last token (computed by automatic differentiation). To first order: how "
        "much y "
        "would drop if the token's vector were shrunk to zero. Red pushed towards the answer, blue away "
        "from it. The contributions need not add up to y.",
        "zh": "词元 k 的贡献 = 对其词向量各分量求和 x_k · ∂y/∂x_k，其中 y 是读完最后一个词元后胜出意图的 logit"
        "（由自动微分算出）。一阶近似下，它表示把该词元的向量缩为零时 y 会下降多少。红色推向这个回答，"
        "蓝色推离它。这些贡献加起来不一定等于 y。",
    },
    "intent.look.why": {
        "en": "Find the tallest red bar in each panel. Is it on the word that decides, such as “time”, or on the "
        "last few tokens? A cell whose memory fades fast can only credit what it read last; on the long "
        "sentence, see which cells still credit the first word, and compare with their answers above.",
        "zh": "在每个面板里找最高的红柱。它落在起决定作用的词（例如“几点”）上，还是落在最后几个词元上？"
        "记忆褪得快的网络只能把功劳记在最后读到的词上；在长句上，看看哪些网络仍把功劳记在第一个词上，"
        "再对照上面它们的回答。",
    },
    "intent.long.header": {
        "en": "Long sentences: the deciding word first, then many neutral words",
        "zh": "长句：起决定作用的词在最前，后面跟着许多中性词",
    },
    "intent.long.intro": {
        "en": "The vanilla RNN's memory fades with every token, so a word read {n} tokens earlier may be lost; "
        "the gated cells can keep it. One sentence shows little: the chart below is measured over several "
        "training seeds.",
        "zh": "普通 RNN 的记忆每读一个词元就褪去一些，{n} 个词元之前读到的词可能已经丢失；门控网络却能把它留住。"
        "一句话说明不了什么：下图是在多个训练种子上测出来的。",
    },
    "intent.long.button": {
        "en": "Load a long sentence: “{word}”, then {n} neutral words",
        "zh": "载入一个长句：“{word}”，后面跟 {n} 个中性词",
    },
    "intent.long.title": {
        "en": "Accuracy on long sentences, {seeds} seeds per cell",
        "zh": "长句上的准确率，每种网络 {seeds} 个种子",
    },
    "intent.long.x": {"en": "neutral words after the deciding word", "zh": "决定词之后的中性词个数"},
    "intent.long.y": {"en": "accuracy on long sentences", "zh": "长句准确率"},
    "intent.long.mean": {"en": "{cell}, mean", "zh": "{cell}，平均"},
    "intent.long.seed": {"en": "{cell}, one seed", "zh": "{cell}，单个种子"},
    "intent.long.chance": {"en": "chance 1/{n}", "zh": "随机猜测 1/{n}"},
    "intent.long.hover": {"en": "seed {seed}", "zh": "种子 {seed}"},
    "intent.long.summary": {
        "en": "With {n} neutral words (training saw {lo} to {hi}): {cells}. Each seed is a model trained "
        "from scratch, all tested on one set of long sentences generated apart from the training data; "
        "measured by benchmarks/bench_intent.py ({written}).",
        "zh": "{n} 个中性词时（训练中见过 {lo} 到 {hi} 个）：{cells}。每个种子都是从头训练的一个模型，"
        "都在同一组与训练数据分开生成的长句上测试；由 benchmarks/bench_intent.py 测得（{written}）。",
    },
    "intent.long.cell": {
        "en": "{cell} {mean:.0%} (seeds from {lo:.0%} to {hi:.0%})",
        "zh": "{cell} {mean:.0%}（各种子从 {lo:.0%} 到 {hi:.0%}）",
    },
    "intent.long.sep": {"en": "; ", "zh": "；"},
    "intent.long.missing": {
        "en": "The measured results (results/intent.json) are missing; run python benchmarks/bench_intent.py.",
        "zh": "缺少测量结果（results/intent.json）；请运行 python benchmarks/bench_intent.py。",
    },
    "intent.look.long": {
        "en": "The RNN's points spread far apart and sit well below the gated cells' at every length: "
        "whether it keeps the first word depends on the training seed. LSTM and GRU stay near the top.",
        "zh": "在每种长度上，RNN 的点都相距很远，而且明显低于门控网络：它能否记住第一个词取决于训练种子。"
        "LSTM 和 GRU 一直接近顶部。",
    },
    "intent.shapes.title": {"en": "Shapes of a sequence task", "zh": "序列任务的几种形状"},
    "intent.shapes.one_to_many": {"en": "one to many", "zh": "一对多"},
    "intent.shapes.one_to_many.use": {"en": "generating text", "zh": "生成文本"},
    "intent.shapes.many_to_one": {"en": "many to one", "zh": "多对一"},
    "intent.shapes.many_to_one.use": {"en": "intent: this page", "zh": "意图识别：本页"},
    "intent.shapes.many_to_many": {"en": "many to many", "zh": "多对多"},
    "intent.shapes.many_to_many.use": {"en": "next character, forecasting", "zh": "预测下一个字符、预测序列"},
    "intent.shapes.encoder_decoder": {"en": "encoder–decoder", "zh": "编码器–解码器"},
    "intent.shapes.encoder_decoder.use": {"en": "translation", "zh": "翻译"},
    "intent.shapes.legend": {
        "en": "x: an input token · h: the hidden state · y: an output",
        "zh": "x：输入词元 · h：隐藏状态 · y：输出",
    },
    "intent.name.time": {"en": "asking the time", "zh": "问时间"},
    "intent.name.weather": {"en": "the weather", "zh": "问天气"},
    "intent.name.alarm": {"en": "setting an alarm", "zh": "定闹钟"},
    "intent.name.timer": {"en": "a timer", "zh": "计时器"},
    "intent.name.music": {"en": "playing music", "zh": "放音乐"},
    "intent.name.greeting": {"en": "a greeting", "zh": "打招呼"},
    "intent.name.goodbye": {"en": "saying goodbye", "zh": "道别"},
}
