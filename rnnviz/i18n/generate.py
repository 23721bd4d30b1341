"""Texts of the text-generation page: character-level RNN, LSTM and GRU reading, writing, one unit, training."""

TEXTS = {
    "gen.nav": {"en": "Text generation", "zh": "文本生成"},
    "gen.title": {
        "en": "Text generation: a cell reads character by character, then writes on",
        "zh": "文本生成：网络逐个字符地读，然后接着往下写",
    },
    "gen.intro": {
        "en": "Each cell reads a text one character at a time and, after each one, gives a probability to every "
        "character that could come next (many to many: an output after every input). To write, it draws the "
        "next character from those probabilities, feeds it back in as its next input and draws again (one to "
        "many: a start, then outputs only). The models here were trained on this machine for 60 CPU seconds each "
        "on a corpus generated in code (sentences with dialogue in quotes, asides in brackets, lines wrapped at "
        "60 characters) and are shipped with the app.",
        "zh": "每个网络逐个字符地读入文本，每读一个字符，"
        "就给下一个可能出现的每个字符一个概率（多对多：每个输入后都有输出）。"
        "写作时，它按这些概率抽取下一个字符，再把这个字符作为下一步的输入，继续抽取（一对多："
        "先给一个开头，之后只有输出）。"
        "这里的模型是在本机上训练的，每个模型用 60 秒处理器时间，训练语料由代码生成"
        "（带引号的对话、括号里的插入语、每行 60 个字符自动换行），随应用一起提供。",
    },
    "gen.shapes.reading": {"en": "next character: this page, reading", "zh": "预测下一个字符：本页的读入"},
    "gen.shapes.writing": {"en": "writing text: this page", "zh": "生成文本：本页的写作"},
    "gen.shapes.intent": {"en": "intent", "zh": "意图识别"},
    "gen.sidebar_unused": {
        "en": "This page uses only the sidebar's choice of cells: the sidebar's text, hidden size, seed and weights "
        "do not apply to the shipped character models.",
        "zh": "本页只使用侧边栏中选择的网络类型：侧边栏的文本、隐藏单元数、"
        "随机种子和权重对这些预训练的字符模型不起作用。",
    },
    # settings
    "setting.start_text": {"en": "Start text (read, then continued)", "zh": "开头文本（先读入，再续写）"},
    "setting.start_text.help": {
        "en": "The cells read it one character at a time, then write on from its end. Up to 2,000 characters are "
        "read; characters the models never saw (emoji, other scripts, ?) are read as the unknown character.",
        "zh": "网络逐个字符地读入它，然后从结尾处接着写。最多读入 2,000 个字符；模型从未见过的字符"
        "（表情符号、其他文字、问号等）按“未知字符”读入。",
    },
    "setting.temperature": {"en": "Temperature", "zh": "温度"},
    "setting.temperature.help": {
        "en": "The probabilities are softmax(y / T). Below 1 the likeliest characters get likelier (at 0 the "
        "likeliest is always chosen: greedy); above 1 the choice gets more random.",
        "zh": "概率为 softmax(y / T)。温度低于 1 时，最可能的字符更加可能（为 0 时总是选最可能的字符，即贪心选择）；"
        "高于 1 时，选择更加随机。",
    },
    "setting.sample_seed": {"en": "Sampling seed", "zh": "抽样随机种子"},
    "setting.sample_seed.help": {
        "en": "Draws the continuations: the same seed, start and temperature write the same text, so a link "
        "reproduces it.",
        "zh": "决定续写时的随机抽取：种子、开头和温度相同，写出的文本就相同，所以链接可以重现它。",
    },
    "setting.sample_length": {"en": "Characters to write", "zh": "续写的字符数"},
    "setting.sample_length.help": {
        "en": "How many characters each cell writes after the start.",
        "zh": "每个网络在开头之后写出的字符个数。",
    },
    "setting.gen_unit": {"en": "Unit (0: the best found)", "zh": "隐藏单元编号（0：找到的最佳隐藏单元）"},
    "setting.gen_unit.help": {
        "en": "The unit whose value colours the text, 1 to 64; 0 shows each cell's unit that best tracks one of "
        "the three features.",
        "zh": "用哪个隐藏单元的值给文本着色，1 到 64；0 表示每种网络中最能跟踪三个特征之一的那个隐藏单元。",
    },
    "setting.gen_state": {"en": "State", "zh": "状态"},
    "setting.gen_state.help": {
        "en": "h: the hidden state h_t (every cell); c: the LSTM's cell state c_t (the other cells show h).",
        "zh": "h：隐藏状态 h_t（所有网络都有）；c：LSTM 的细胞状态 c_t（其他网络仍显示 h）。",
    },
    "setting.train_seconds": {"en": "Training budget per cell (CPU seconds)", "zh": "每个网络的训练时间（处理器秒）"},
    "setting.train_seconds.help": {
        "en": "CPU seconds of updates each selected cell trains for, on one core, one cell after another.",
        "zh": "每个选中的网络在一个核上训练的处理器秒数，网络一个接一个地训练。",
    },
    "gen.broken": {
        "en": "The shipped character model cannot be loaded: {error}",
        "zh": "无法加载预训练的字符模型：{error}",
    },
    "gen.models": {
        "en": "Each model: hidden size {hidden}, {vocab} characters plus the unknown one, {seconds:g} CPU seconds of "
        "training, seed 0.",
        "zh": "每个模型：隐藏单元数 {hidden}，{vocab} 个字符外加一个未知字符，训练 {seconds:g} 处理器秒，随机种子 0。",
    },
    # reading
    "gen.read.header": {"en": "Reading: the next character after each one", "zh": "读入：每个字符之后的下一个字符"},
    "gen.empty": {
        "en": "There is nothing to read: type a start text above. The cells below write from a line break.",
        "zh": "没有可读的内容：请在上方输入开头文本。下面的网络从一个换行开始写。",
    },
    "gen.cut": {
        "en": "Only the first {n:,} of the {total:,} characters are read (and continued).",
        "zh": "{total:,} 个字符中只读入（并续写）前 {n:,} 个。",
    },
    "gen.unknown": {
        "en": "{n} character(s) the models never saw are read as the unknown character: {chars}",
        "zh": "模型从未见过的 {n} 个字符按未知字符读入：{chars}",
    },
    "step.chars.label": {"en": "Character read", "zh": "读到的字符"},
    "step.chars.first": {"en": "Go to the first character", "zh": "回到第一个字符"},
    "step.chars.prev": {"en": "Previous character", "zh": "上一个字符"},
    "step.chars.play": {"en": "Play: read the text one character at a time", "zh": "播放：逐个读入字符"},
    "step.chars.pause": {"en": "Pause", "zh": "暂停"},
    "step.chars.next": {"en": "Next character", "zh": "下一个字符"},
    "step.chars.last": {"en": "Jump to the last character", "zh": "跳到最后一个字符"},
    "gen.strip.unknown": {"en": "read as the unknown character", "zh": "按未知字符读入"},
    "gen.step.title": {
        "en": "After character {step} “{char}”: the likeliest next characters (temperature {temperature:.2f})",
        "zh": "读完第 {step} 个字符“{char}”后：最可能的下一个字符（温度 {temperature:.2f}）",
    },
    "gen.step.axis": {"en": "probability of being next", "zh": "成为下一个字符的概率"},
    "gen.step.chars": {"en": "next character", "zh": "下一个字符"},
    "gen.look.step": {
        "en": "(␣ is a space, ↵ a line break.) Inside a word the next letter is nearly certain; after a "
        "space many words can start, so the bars "
        "spread out. Step to a full stop inside quotes: the gated cells expect the closing quote. Lower the "
        "temperature and the first bar grows; raise it and the bars even out.",
        "zh": "（␣ 为空格，↵ 为换行。）在一个词中间，下一个字母几乎是确定的；空格之后，"
        "许多词都可能开始，所以概率分散开来。"
        "走到引号内的句号处：有门控的网络会预期右引号。调低温度，第一根条变长；调高温度，各条趋于平均。",
    },
    "gen.surprise.title": {
        "en": "How surprised each cell was by every next character",
        "zh": "每个网络对每个下一个字符的意外程度",
    },
    "gen.surprise.x": {"en": "character read t (the next one is t + 1)", "zh": "读到的字符 t（下一个为 t + 1）"},
    "gen.surprise.y": {"en": "bits: −log2 p(next character)", "zh": "比特：−log2 p(下一个字符)"},
    "gen.surprise.trace": {"en": "{cell} (mean {mean:.2f} bits)", "zh": "{cell}（平均 {mean:.2f} 比特）"},
    "gen.unigram": {
        "en": "letter frequencies alone: {bits:.2f} bits",
        "zh": "只用字符频率：{bits:.2f} 比特",
    },
    "gen.look.surprise": {
        "en": "Low inside words, high where a new word or sentence starts: the cells know spelling, and no more "
        "than anyone which word comes next. The dotted line is what the letter frequencies alone would cost on "
        "average. Unknown characters cost the most.",
        "zh": "在词的中间低，在新词或新句开始处高：网络掌握了拼写，但和任何人一样猜不出下一个是哪个词。"
        "虚线是只用字符频率时平均付出的比特数。未知字符的代价最高。",
    },
    # writing
    "gen.write.header": {"en": "Writing: sampled continuations", "zh": "写作：抽样续写"},
    "gen.write.explain": {
        "en": "Each cell writes {n} characters after the start (grey), each drawn at temperature {temperature:.2f} "
        "and fed back in; seed {seed}.",
        "zh": "每个网络在开头（灰色）之后写出 {n} 个字符，每个字符都以温度 {temperature:.2f} 抽取并作为下一步的输入；"
        "随机种子 {seed}。",
    },
    "gen.look.write": {
        "en": "Real words in the corpus's sentences, an opened quote or bracket closed again, lines of about 60 "
        "characters. At temperature 0 the text repeats itself; at 2 it breaks into letters. Change the seed: "
        "another text, equally plausible.",
        "zh": "语料句子中的真实单词，打开的引号或括号会再次关上，每行约 60 个字符。温度为 0 时文本会自我重复；"
        "温度为 2 时会碎成乱字母。换一个种子：另一段同样合理的文本。",
    },
    # one unit
    "gen.unit.header": {"en": "One unit: does it track something?", "zh": "一个隐藏单元：它在跟踪什么吗？"},
    "gen.unit.explain": {
        "en": "Each cell read {n} characters of the corpus it never trained on. For each feature (inside quotes, "
        "inside brackets, position in the line) the unit with the largest correlation on the first {half} "
        "characters was chosen, and its correlation r is measured on the other {half} only, so that choosing "
        "among 64 units does not flatter it. A unit is said to track a feature from |r| ≥ {r}.",
        "zh": "每个网络读入了 {n} 个训练时从未见过的语料字符。对每个特征（是否在引号内、是否在括号内、在行中的位置），"
        "先在前 {half} 个字符上选出相关性最大的隐藏单元，再只在另外 {half} 个字符上测量它的相关系数 r，"
        "这样在 64 个隐藏单元中挑选不会美化结果。|r| ≥ {r} 时才说这个隐藏单元跟踪了该特征。",
    },
    "gen.unit.only_lstm": {
        "en": "Only the LSTM has a cell state c; the other cells show their hidden state h.",
        "zh": "只有 LSTM 有细胞状态 c；其他网络显示隐藏状态 h。",
    },
    "gen.feature.quotes": {"en": "inside quotes", "zh": "在引号内"},
    "gen.feature.brackets": {"en": "inside brackets", "zh": "在括号内"},
    "gen.feature.line_position": {"en": "position in the line", "zh": "在行中的位置"},
    "gen.unit.tracks": {
        "en": "{cell}: unit {unit} of {s} tracks the {feature}: r = {r:+.3f} on text it was not chosen on.",
        "zh": "{cell}：{s} 的第 {unit} 个单元跟踪了“{feature}”：在未参与挑选的文本上 r = {r:+.3f}。",
    },
    "gen.unit.none": {
        "en": "{cell}: unit {unit} of {s} tracks none of the three clearly; its strongest is the {feature}, "
        "r = {r:+.3f} on text it was not chosen on.",
        "zh": "{cell}：{s} 的第 {unit} 个单元没有明显跟踪三个特征中的任何一个；最强的是“{feature}”，"
        "在未参与挑选的文本上 r = {r:+.3f}。",
    },
    "gen.unit.col.feature": {"en": "feature", "zh": "特征"},
    "gen.unit.col.best": {"en": "best unit", "zh": "最佳隐藏单元"},
    "gen.unit.col.this": {"en": "r of unit {unit}", "zh": "第 {unit} 个单元的 r"},
    "gen.unit.head": {
        "en": "{cell}: the text coloured by unit {unit} of {s} after each character",
        "zh": "{cell}：按 {s} 的第 {unit} 个单元在每个字符后的值给文本着色",
    },
    "gen.unit.scale": {
        "en": "blue {lo:+.1f} · white 0 · red {hi:+.1f}; hover a character for its value (↵ is a line break)",
        "zh": "蓝 {lo:+.1f} · 白 0 · 红 {hi:+.1f}；把鼠标停在字符上可看到数值（↵ 为换行）",
    },
    "gen.look.unit": {
        "en": "The LSTM's line-position unit changes colour steadily along each line and jumps back at every ↵: it "
        "counts towards the line break. No unit of the GRU or the RNN does that clearly, and no unit of any cell "
        "tracks quotes clearly in these 60-second models: the page says so rather than show a lucky one.",
        "zh": "LSTM 跟踪行中位置的隐藏单元沿着每一行逐渐变色，在每个 ↵ 处跳回：它在数离换行还有多远。"
        "GRU 和 RNN 没有隐藏单元明显做到这一点；在这些只训练 60 秒的模型中，也没有任何隐藏单元明显跟踪引号："
        "本页如实说明，而不是挑一个碰巧的例子。",
    },
    # measured
    "gen.results.header": {"en": "Measured: trained against untrained", "zh": "测量结果：训练前后对比"},
    "gen.results.missing": {
        "en": "No benchmark results yet: run python benchmarks/bench_chars.py to measure them.",
        "zh": "还没有基准测试结果：运行 python benchmarks/bench_chars.py 进行测量。",
    },
    "gen.results.title": {
        "en": "Held-out bits per character, mean over {seeds} seeds (lower is better)",
        "zh": "留出文本上每字符的比特数，{seeds} 个随机种子的平均（越低越好）",
    },
    "gen.results.x": {"en": "cell", "zh": "网络类型"},
    "gen.bpc": {"en": "bits per character", "zh": "每字符比特数"},
    "gen.results.untrained": {"en": "untrained (random weights)", "zh": "未训练（随机权重）"},
    "gen.results.trained": {"en": "after 60 s of training", "zh": "训练 60 秒后"},
    "gen.look.results": {
        "en": "Untrained, every cell is worse than guessing from letter frequencies (the dotted line); after a "
        "minute every cell needs about half a bit per character, the LSTM the least.",
        "zh": "未训练时，每个网络都比只按字符频率猜测（虚线）更差；训练一分钟后，"
        "每个网络每字符只需约半个比特，LSTM 最少。",
    },
    "gen.results.cell": {"en": "{cell} {mean:.3f} ± {sd:.3f}", "zh": "{cell} {mean:.3f} ± {sd:.3f}"},
    "gen.results.sep": {"en": ", ", "zh": "，"},
    "gen.results.source": {
        "en": "Held-out bits per character after {seconds} CPU seconds of training on one core, mean ± standard "
        "deviation over {seeds} seeds: {cells}; letter frequencies alone {unigram:.3f}, untrained {untrained:.2f} "
        "(results/chars.json, {written}).",
        "zh": "在一个核上训练 {seconds} 处理器秒后留出文本上每字符的比特数，"
        "{seeds} 个随机种子的平均值 ± 标准差：{cells}；"
        "只用字符频率为 {unigram:.3f}，未训练为 {untrained:.2f}（results/chars.json，{written}）。",
    },
    "gen.shipped.before": {
        "en": "Untrained, random weights ({bits:.2f} bits per character held out)",
        "zh": "未训练，随机权重（留出文本每字符 {bits:.2f} 比特）",
    },
    "gen.shipped.after": {
        "en": "{cell} shipped, trained 60 s ({bits:.3f} bits per character held out); both at temperature 0.7",
        "zh": "{cell} 预训练模型，训练 60 秒（留出文本每字符 {bits:.3f} 比特）；两者温度均为 0.7",
    },
    # training
    "gen.train.header": {"en": "Train it yourself", "zh": "自己训练"},
    "gen.train.explain": {
        "en": "Trains the {n} selected cell(s) from random weights on {on}, one after another on one core ({total} "
        "CPU seconds in all). After every round of 100 updates: the training loss, the bits per character on "
        "held-out text the model never trains on, and a sample. Whoever presses while it trains watches the same "
        "run.",
        "zh": "在{on}上从随机权重开始训练选中的 {n} 个网络，在一个核上一个接一个地训练（共 {total} 处理器秒）。"
        "每一轮 100 次更新之后显示：训练损失、在从不参与训练的留出文本上每字符的比特数，以及一段样本。"
        "训练期间其他人按下按钮，看到的是同一次训练。",
    },
    "gen.train.on_corpus": {"en": "the generated corpus", "zh": "生成的语料"},
    "gen.train.on_pasted": {
        "en": "the first nine tenths of your text (the last tenth is the held-out text)",
        "zh": "你的文本的前十分之九（最后十分之一作为留出文本）",
    },
    # training on a pasted text
    "gen.paste.source": {"en": "Train on", "zh": "训练文本"},
    "gen.paste.source.corpus": {"en": "the generated corpus", "zh": "生成的语料"},
    "gen.paste.source.pasted": {"en": "a text you paste", "zh": "你粘贴的文本"},
    "gen.paste.label": {
        "en": "Your text ({lo} to {hi} characters; the last tenth is held out)",
        "zh": "你的文本（{lo} 到 {hi} 个字符；最后十分之一留作测试）",
    },
    "gen.paste.hint": {
        "en": "Paste a text here, e.g. a chapter of a public-domain book, then press Ctrl+Enter or click outside.",
        "zh": "在这里粘贴一段文本，例如公版书中的一章，然后按 Ctrl+Enter 或点击框外。",
    },
    "gen.paste.kept": {
        "en": "What is kept: your text is not put in the link and not written to disk. This server keeps it in "
        "memory with the models trained on it, for this browser session and for anyone who trains the same cells "
        "on the same text, until the server restarts or trainings of {keys} other texts or settings have started "
        "after it. A link to this page opens the shipped models and an empty box, not your text or your models.",
        "zh": "保留什么：你的文本不会放进链接，也不会写入磁盘。本服务器把它和在它上面训练的模型一起保存在内存中，"
        "供本浏览器会话以及在同一文本上训练相同网络的人使用，"
        "直到服务器重启，或之后又开始了 {keys} 次其他文本或设置的训练。"
        "本页的链接打开的是随附的模型和一个空的文本框，而不是你的文本或你的模型。",
    },
    "gen.paste.empty": {
        "en": "Paste a text of {lo} to {hi} characters to train on it.",
        "zh": "粘贴一段 {lo} 到 {hi} 个字符的文本，即可在它上面训练。",
    },
    "gen.paste.short": {
        "en": "The text has {n} characters; training needs at least {lo}: the last tenth is held out to measure "
        "the model, and the rest must fill {streams} streams of {chunk} characters.",
        "zh": "这段文本有 {n} 个字符；训练至少需要 {lo} 个：最后十分之一留作测量模型，其余部分要能填满 {streams} 条"
        "各 {chunk} 个字符的序列。",
    },
    "gen.paste.long": {
        "en": "The text has {n} characters; the limit is {hi} (so that a class's trainings fit in this server's "
        "memory). Paste a part of it.",
        "zh": "这段文本有 {n} 个字符；上限是 {hi}（这样全班的训练都能放进本服务器的内存）。请粘贴其中一部分。",
    },
    "gen.paste.control": {
        "en": "The text holds control characters that cannot be shown in a sample: {odd}. Remove them "
        "(line breaks and tabs are fine).",
        "zh": "这段文本含有无法在样本中显示的控制字符：{odd}。请删除它们（换行和制表符没有问题）。",
    },
    "gen.paste.unknown": {
        "en": "{share} of the text are characters outside the {vocab} most frequent ones ({odd} …): the model reads "
        "every one of them as the same unknown character, so its score would count a guess among all of them as "
        "one guess. Texts with more than {max} of such characters are refused; a text in Chinese, with thousands "
        "of different characters, is one of them.",
        "zh": "这段文本中有 {share} 的字符不在最常见的 {vocab} 个字符之内（{odd} …）：模型把它们都读成同一个"
        "未知字符，于是它的得分会把在所有这些字符中的猜测算作一次猜测。这类字符超过 {max} 的文本不能用于训练；"
        "含有数千个不同汉字的中文文本就属于这种情况。",
    },
    "gen.paste.ok": {
        "en": "{n} characters: the first {train} are trained on, the last {held} held out; {distinct} different "
        "characters. Letter frequencies alone (the unigram baseline of this text's training part) need {unigram:.3f} "
        "bits per character on its held-out tail: the dotted line the training curves are measured against.",
        "zh": "{n} 个字符：前 {train} 个用于训练，最后 {held} 个留出；共 {distinct} 种不同的字符。"
        "只用字符频率（本文本训练部分的一元基线）在留出的结尾部分上需要每字符 {unigram:.3f} 比特："
        "训练曲线要与这条虚线比较。",
    },
    "gen.paste.unknown_some": {
        "en": "Read as the unknown character (outside the {vocab} most frequent): {odd}, {count} character(s) of the "
        "text.",
        "zh": "读作未知字符（不在最常见的 {vocab} 个字符之内）：{odd}，文本中共 {count} 个。",
    },
    "gen.look.train_pasted": {
        "en": "The held-out line is measured on the last tenth of your text, which the model never trains on. "
        "If it stops falling while the training loss keeps falling, the model is memorising the first nine "
        "tenths rather than learning the text's patterns; a short text shows that soonest.",
        "zh": "留出文本的曲线是在你的文本最后十分之一上测量的，模型从不在这部分上训练。"
        "如果训练损失还在下降，而这条曲线不再下降，说明模型在死记前十分之九，而不是学习文本的规律；"
        "文本越短，这一点出现得越早。",
    },
    "gen.train.button": {"en": "Train {n} cell(s), {seconds} s each", "zh": "训练 {n} 个网络，每个 {seconds} 秒"},
    "gen.train.failed": {"en": "The training failed: {error}", "zh": "训练失败：{error}"},
    "gen.train.queued": {
        "en": "Waiting: another training runs on this server first…",
        "zh": "等待中：本服务器上正在先进行另一项训练……",
    },
    "gen.train.progress": {"en": "Training (seed {seed})…", "zh": "训练中（随机种子 {seed}）……"},
    "gen.train.sample": {
        "en": "{cell} after {step} updates ({bits:.3f} bits per character held out)",
        "zh": "{cell} 更新 {step} 次后（留出文本每字符 {bits:.3f} 比特）",
    },
    "gen.train.title": {
        "en": "Training: loss per update and held-out bits per character per round",
        "zh": "训练：每次更新的损失与每轮留出文本的每字符比特数",
    },
    "gen.train.x": {"en": "updates", "zh": "更新次数"},
    "gen.train.loss": {"en": "{cell} training loss", "zh": "{cell} 训练损失"},
    "gen.train.held_out": {"en": "{cell} held out", "zh": "{cell} 留出文本"},
    "gen.train.metric": {
        "en": "{cell}: held-out bits per character after {seconds:g} s ({steps} updates)",
        "zh": "{cell}：训练 {seconds:g} 秒（{steps} 次更新）后留出文本的每字符比特数",
    },
    "gen.train.delta": {
        "en": "untrained {before:.2f}, letter frequencies alone {unigram:.2f}",
        "zh": "未训练 {before:.2f}，只用字符频率 {unigram:.2f}",
    },
    "gen.train.before": {"en": "{cell} before training", "zh": "{cell} 训练前"},
    "gen.train.after": {"en": "{cell} after training", "zh": "{cell} 训练后"},
    "gen.train.yours": {
        "en": "{cell} you trained, continuing the start (the temperature and seed above)",
        "zh": "你训练的 {cell} 续写开头（使用上方的温度和种子）",
    },
    "gen.look.train": {
        "en": "The held-out line falls below the dotted line within the first rounds and keeps falling: the model "
        "is learning the corpus, not memorising its training text. Before training the sample is random letters; "
        "after it, words.",
        "zh": "留出文本的曲线在最初几轮就降到虚线以下并继续下降：模型在学习语料的规律，而不是死记训练文本。"
        "训练前的样本是随机字母，训练后是单词。",
    },
}
