"""Texts of the classroom features: sharing, teacher and presentation modes, the guided lesson."""

TEXTS = {
    "share.button": {"en": "Share this view", "zh": "分享当前视图"},
    "share.help": {
        "en": "Anyone who opens this link sees exactly this picture: same text, cells, seed, sliders and step.",
        "zh": "打开此链接的人会看到完全相同的画面：相同的文本、单元、种子、滑块和步骤。",
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
        "en": "Eight stops through the app. At each stop, read the question and let the class predict the answer "
        "before anyone clicks. Then press Reveal: the view changes to the setting that answers it.",
        "zh": "课程共八站。每一站先读问题，让全班在点击之前预测答案；然后按“揭晓”，页面会切换到能回答这个问题的设置。",
    },
    "lesson.open": {"en": "Start here", "zh": "从这里开始"},
    "lesson.stop": {"en": "Stop {k} of {n}", "zh": "第 {k} 站，共 {n} 站"},
    "lesson.reveal": {"en": "Reveal", "zh": "揭晓"},
    "lesson.next": {"en": "Next stop", "zh": "下一站"},
    "lesson.back": {"en": "All stops", "zh": "全部站点"},
    "lesson.read.title": {"en": "Reading a sentence", "zh": "读一句话"},
    "lesson.read.question": {
        "en": "The network reads “what time is it?” one token at a time. After the first token, how much of "
        "the hidden state comes from “what”? And after the last one?",
        "zh": "网络逐个读入“what time is it?”。读完第一个词元时，隐藏状态有多少来自“what”？读完最后一个呢？",
    },
    "lesson.read.answer": {
        "en": "At step 1 the whole circle is “what”. By the last step every token has taken a share, and the "
        "recent ones have the biggest; step back with the arrows to watch “what” shrink.",
        "zh": "第 1 步时整个圆都是“what”。到最后一步，每个词元都占了一份，越新的占得越多；"
        "用箭头往回走，看“what”如何缩小。",
    },
    "lesson.fade.title": {"en": "Short-term memory", "zh": "短期记忆"},
    "lesson.fade.question": {
        "en": "A long sentence: “France” comes early, “French” at the end. When the RNN reaches “French”, how much "
        "does “France” still shape its hidden state?",
        "zh": "一个长句子：“France”在前面，“French”在最后。RNN 读到“French”时，“France”对隐藏状态还有多大影响？",
    },
    "lesson.fade.answer": {
        "en": "Almost none: the influence line of an early token falls below 1% within a few steps. Compare the "
        "LSTM and the GRU on the same sentence.",
        "zh": "几乎没有：早期词元的影响线在几步之内就降到 1% 以下。再对比同一句话上的 LSTM 和 GRU。",
    },
    "lesson.forget.title": {"en": "The forget gate", "zh": "遗忘门"},
    "lesson.forget.question": {
        "en": "An untrained LSTM forgets “France” about as fast as the RNN. What happens if its forget gate is pushed "
        "open (bias +3), so that it keeps more of its cell state at every step?",
        "zh": "未训练的 LSTM 忘掉“France”的速度和 RNN 差不多。如果把遗忘门推向打开（偏置 +3），"
        "让它每一步保留更多细胞状态，会发生什么？",
    },
    "lesson.forget.answer": {
        "en": "The cell state is carried forward almost unchanged, so early tokens keep their share: the memory span "
        "grows from a handful of steps to the whole sentence.",
        "zh": "细胞状态几乎原样向后传递，早期词元保住了自己的份额：记忆跨度从几步增长到整句话。",
    },
    "lesson.vanish.title": {"en": "Vanishing gradients", "zh": "梯度消失"},
    "lesson.vanish.question": {
        "en": "Training sends the error back through every step. With tanh and a recurrent matrix of spectral radius "
        "0.9, how large is the gradient 200 steps back?",
        "zh": "训练时误差要穿过每一步向回传。使用 tanh 且循环矩阵谱半径为 0.9 时，200 步之前的梯度有多大？",
    },
    "lesson.vanish.answer": {
        "en": "Tiny: on the log axis the curve drops in a straight line, by many orders of magnitude. Early tokens "
        "cannot teach the network anything.",
        "zh": "极小：在对数坐标上曲线沿直线下降，跨越许多个数量级。早期的词元几乎无法让网络学到东西。",
    },
    "lesson.explode.title": {"en": "Exploding gradients", "zh": "梯度爆炸"},
    "lesson.explode.question": {
        "en": "Now remove the tanh, so each step is only a matrix product (a linear RNN), and set the"
        " spectral radius to 1.1. "
        "What happens to the gradient?",
        "zh": "现在去掉 tanh，让每一步只做矩阵乘法（线性 RNN），并把谱半径设为 1.1。梯度会怎样？",
    },
    "lesson.explode.answer": {
        "en": "It grows at every step back instead: a straight line going up. Push ρ or T further and the numbers "
        "overflow; the clipping chart shows the usual fix.",
        "zh": "梯度反而每往回一步都变大：一条向上的直线。再增大 ρ 或 T，数值会溢出；梯度裁剪图展示了常用的解决办法。",
    },
    "lesson.gates.title": {"en": "Inside the LSTM", "zh": "LSTM 内部"},
    "lesson.gates.question": {
        "en": "Look at the LSTM's gates on a long sentence. Which gate would you change to make it remember longer, "
        "and in which direction?",
        "zh": "观察 LSTM 在长句子上的各个门。要让它记得更久，应该改变哪个门？往哪个方向改？",
    },
    "lesson.gates.answer": {
        "en": "The forget gate, towards 1: with bias +3 it stays above 0.9 at every step, and the cell state c "
        "becomes a running sum that keeps what it was given.",
        "zh": "遗忘门，往 1 的方向：偏置 +3 时它每一步都高于 0.9，细胞状态 c 变成一个累加和，保留写入的内容。",
    },
    "lesson.trained.title": {"en": "Trained against untrained", "zh": "训练过与未训练"},
    "lesson.trained.question": {
        "en": "With random weights every cell forgets within about ten steps. After training on a task that needs "
        "the first token 50 steps later, which cells still feel it at the end?",
        "zh": "随机权重下，每种单元大约十步之内就会遗忘。在一个需要 50 步后还记得第一个词元的任务上训练之后，"
        "哪些单元在最后仍受它影响？",
    },
    "lesson.trained.answer": {
        "en": "The trained LSTM and GRU: their influence line for the first token stays high to the end, "
        "while the RNN's still fades.",
        "zh": "训练过的 LSTM 和 GRU：它们对第一个词元的影响线一直保持到最后，而 RNN 的仍然衰减。",
    },
    "lesson.train.title": {"en": "Train them yourself", "zh": "亲手训练"},
    "lesson.train.question": {
        "en": "Train all three on the recall task at T = 50. Which ones will beat the 25% chance line?",
        "zh": "在 T = 50 的回忆任务上训练三种单元。哪些能超过 25% 的随机猜测线？",
    },
    "lesson.train.answer": {
        "en": "Press Train. The LSTM and GRU reach 100% within seconds; the vanilla RNN stays at chance, and the "
        "gradient reaching its first token is about 1e-16.",
        "zh": "按“训练”。LSTM 和 GRU 几秒内达到 100%；普通 RNN 停在随机水平，到达其第一个词元的梯度约为 1e-16。",
    },
}
