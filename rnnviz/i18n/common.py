"""Texts shared by every page: the sidebar, cell names, notes about repaired links."""

from ..cells import CELLS

TEXTS = {
    **{f"cell.{kind}": {"en": cell.label, "zh": cell.label} for kind, cell in CELLS.items()},  # a name in any language
    "setting.lang": {"en": "Language", "zh": "语言"},
    "sidebar.sequence": {"en": "Sequence", "zh": "输入序列"},
    "setting.text": {"en": "Text to read, token by token", "zh": "逐个词元读入的文本"},
    "setting.text.help": {
        "en": "Words and punctuation become tokens; Chinese text gives one token per character.",
        "zh": "单词和标点各成一个词元；中文每个字是一个词元。",
    },
    "setting.generated": {"en": "Use a generated sequence instead", "zh": "改用随机生成的序列"},
    "setting.length": {"en": "Length of the generated sequence", "zh": "生成序列的长度"},
    "setting.chars": {"en": "One token per character", "zh": "每个字符一个词元"},
    "sidebar.model": {"en": "Models", "zh": "模型"},
    "sidebar.parameters": {"en": "Parameters: {counts}", "zh": "参数量：{counts}"},
    "sidebar.parameters.help": {
        "en": "Every weight and bias of each cell at these sizes, counted from the cells themselves. The cell is "
        "the same at every step (its weights are shared through time), so the count does not grow with the "
        "sequence. An LSTM has four blocks of weights (input, forget and output gates, candidate), a GRU three "
        "(reset and update gates, candidate), so a GRU always has 25% fewer than an LSTM of the same size, and "
        "it keeps no separate cell state.",
        "zh": "按当前大小，从各网络本身数出的全部权重和偏置。"
        "每一步用的是同一个循环单元（同一组权重在所有时间步共享），所以参数量不随序列变长而增加。"
        "LSTM 有四组权重（输入门、遗忘门、输出门、候选值），GRU 有三组（重置门、更新门、候选值），"
        "所以同样大小的 GRU 总比 LSTM 少 25%，而且它没有单独的细胞状态。",
    },
    "setting.cells": {"en": "Cell types to compare", "zh": "要比较的网络类型"},
    "setting.cells.help": {
        "en": "RNN: the plain (vanilla) recurrent network; each step computes h_t from x_t and h_(t−1) in one "
        "layer. LSTM (long short-term memory): adds a cell state c_t, a second memory vector, and three gates "
        "(input, forget, output). GRU (gated recurrent unit): two gates (reset, update) and no separate cell state.",
        "zh": "RNN：普通循环神经网络，每一步用一层从 x_t 和 h_(t−1) 算出 h_t。LSTM（长短期记忆网络）：多了细胞状态 "
        "c_t（第二个记忆向量）和三个门（输入门、遗忘门、输出门）。GRU（门控循环单元）：两个门（重置门、更新门），"
        "没有单独的细胞状态。",
    },
    "setting.hidden": {"en": "Hidden units H", "zh": "隐藏单元数 H"},
    "setting.hidden.help": {
        "en": "How many numbers the hidden state h_t holds: each of the H hidden units is one number at every step.",
        "zh": "隐藏状态 h_t 含有多少个数：H 个隐藏单元，每个隐藏单元在每一步是一个数。",
    },
    "setting.layers": {"en": "Layers", "zh": "层数"},
    "setting.layers.help": {
        "en": "Stacked layers: the first reads the tokens, each one above reads the hidden states of the one "
        "below, and the pages show the top layer's. With trained weights: one layer.",
        "zh": "堆叠的层：第一层读取词元，上面每一层读取下一层的隐藏状态，页面显示最上层的状态。"
        "使用训练好的权重时只有一层。",
    },
    "states.bidirectional": {
        "en": "Bidirectional: units 1–{H} of each h_t are the forward direction (it has read tokens 1..t), units "
        "{H1}–{H2} the backward direction (it has read tokens t..T).",
        "zh": "双向：每个 h_t 的第 1–{H} 个隐藏单元属于正向（读过词元 1..t），第 {H1}–{H2} 个隐藏单元属于反向"
        "（读过词元 t..T）。",
    },
    "states.stacked": {
        "en": "{layers} stacked layers: the states shown are the top layer's.",
        "zh": "{layers} 层堆叠：显示的是最上层的状态。",
    },
    "states.one_way": {
        "en": "This page shows one layer read one way (the gates and their equations belong to one cell); the "
        "sidebar's {layers} layer(s){both} apply on the overview, step-through and gradients pages.",
        "zh": "本页只显示单层、单向的网络（门和它们的方程属于一个循环单元）；侧边栏中的 {layers} 层{both}"
        "用在概览、逐步查看和梯度页面上。",
    },
    "states.one_way.both": {"en": " and both directions", "zh": "和双向"},
    "setting.bidirectional": {"en": "Both directions (bidirectional)", "zh": "双向"},
    "setting.bidirectional.help": {
        "en": "A second cell of the same kind reads the sequence from its end; h_t is both directions' states side "
        "by side, so it knows what comes after token t too. With trained weights: one direction.",
        "zh": "再加一个同类的循环单元，从序列末尾往回读；h_t 是两个方向的状态并排，因此它也知道第 t 个词元之后是什么。"
        "使用训练好的权重时只有一个方向。",
    },
    "setting.seed": {"en": "Random seed (weights and embedding)", "zh": "随机种子（权重与词向量）"},
    "setting.seed.help": {
        "en": "The same seed gives the same random weights and the same embeddings, so everyone who opens the "
        "same link sees the same numbers.",
        "zh": "相同的种子给出相同的随机权重和相同的词向量，所以打开同一个链接的人看到的数字完全相同。",
    },
    "sidebar.advanced": {"en": "More model settings", "zh": "更多模型设置"},
    "setting.dim": {"en": "Embedding size D", "zh": "词向量维度 D"},
    "setting.dim.help": {
        "en": "Each token is first turned into a vector x_t of D numbers, its embedding: here a random vector "
        "fixed by the token and the seed, so the same token always gives the same x_t. This vector is what "
        "the cell reads at each step.",
        "zh": "每个词元先变成一个由 D 个数组成的向量 x_t，即它的词向量：这里是由词元和随机种子决定的随机向量，"
        "所以同一个词元总是得到同一个 x_t。网络每一步读入的就是这个向量。",
    },
    "setting.forget_bias": {"en": "LSTM forget-gate bias shift", "zh": "LSTM 遗忘门偏置增量"},
    "setting.forget_bias.help": {
        "en": "Added to the forget gate's bias. Positive values make an untrained LSTM keep more of its cell state "
        "c_t (the LSTM's second memory vector, next to h_t) at every step.",
        "zh": "加到遗忘门的偏置上。正值让未训练的 LSTM 在每一步保留更多细胞状态 c_t（LSTM 在 h_t 之外的"
        "第二个记忆向量）。",
    },
    "setting.update_bias": {"en": "GRU update-gate bias shift", "zh": "GRU 更新门偏置增量"},
    "setting.update_bias.help": {
        "en": "Added to the update gate's bias. Positive values make an untrained GRU copy more of its previous "
        "state forward.",
        "zh": "加到更新门的偏置上。正值让未训练的 GRU 把更多旧的隐藏状态直接带到下一步。",
    },
    "note.header": {"en": "Some link settings were repaired:", "zh": "链接中的部分设置已被修正："},
    "note.malformed": {
        "en": "`{field}` = “{raw}” is not a valid value; using {value}.",
        "zh": "`{field}` = “{raw}” 不是有效值；改用 {value}。",
    },
    "note.out_of_range": {
        "en": "`{field}` = {raw} is out of range; using {value}.",
        "zh": "`{field}` = {raw} 超出范围；改用 {value}。",
    },
    "note.unknown_choice": {
        "en": "`{field}` = “{raw}” is not one of the choices; using {value}.",
        "zh": "`{field}` = “{raw}” 不是可选项；改用 {value}。",
    },
    "note.too_long": {"en": "`{field}` was too long and has been shortened.", "zh": "`{field}` 太长，已被截短。"},
    "msg.no_tokens": {
        "en": "The text has no tokens to read. Type a sentence in the sidebar.",
        "zh": "文本中没有可读的词元。请在侧边栏输入一句话。",
    },
    "msg.no_cells": {"en": "Choose at least one cell type in the sidebar.", "zh": "请在侧边栏至少选择一种网络类型。"},
    "msg.truncated": {
        "en": "The sequence was cut to its first {kept} tokens ({dropped} more were left out).",
        "zh": "序列只保留了前 {kept} 个词元（其余 {dropped} 个未使用）。",
    },
    "axis.time": {"en": "time step t (token)", "zh": "时间步 t（词元）"},
    "axis.unit": {"en": "hidden unit", "zh": "隐藏单元"},
    "step.first": {"en": "Go to the first token", "zh": "回到第一个词元"},
    "step.prev": {"en": "Previous token", "zh": "上一个词元"},
    "step.play": {"en": "Play: step through the tokens", "zh": "播放：逐个读入词元"},
    "step.pause": {"en": "Pause", "zh": "暂停"},
    "step.next": {"en": "Next token", "zh": "下一个词元"},
    "step.last": {"en": "Jump to the last token", "zh": "跳到最后一个词元"},
    "setting.step": {"en": "Step t (tokens read so far)", "zh": "时间步 t（已读入的词元数）"},
    "export.csv": {"en": "Numbers (CSV)", "zh": "数据（CSV）"},
    "chart.fullscreen": {"en": "Full screen (Esc to leave)", "zh": "全屏（按 Esc 退出）"},
    "chart.failed": {
        "en": "The chart could not be drawn: the plotting library did not load. Reload the page.",
        "zh": "图表无法绘制：绘图库未能加载。请刷新页面。",
    },
    "what_to_look_for": {"en": "What to look for", "zh": "看点"},
    "try_this": {"en": "Try this", "zh": "试一试"},
}
