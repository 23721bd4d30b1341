"""One term per concept in each language, over every text of the app (rnnviz.i18n.TEXTS, all its modules).

The glossary below is the table a teacher checks the texts against: for each concept the accepted English
and Chinese term, the variants that must not appear, and a text (the anchor) that names the concept with
both terms. Three checks use it: no banned variant anywhere; where an English text uses the term, its
Chinese text uses the Chinese one; and 单元, which Chinese texts used both for a cell type (RNN, LSTM, GRU)
and for a hidden unit, appears only where it can mean one thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from rnnviz.i18n import TEXTS
from rnnviz.tasks import TASKS


@dataclass(frozen=True)
class Term:
    """A concept: the accepted term in each language (regexes), the banned variants, and an anchor text."""

    concept: str
    en: str  # where an English text matches this, its Chinese text must match ``zh``
    zh: str
    anchor: str  # a key whose English and Chinese texts name the concept with the accepted terms
    banned_en: tuple[str, ...] = ()
    banned_zh: tuple[str, ...] = ()


GLOSSARY = (
    Term("cell type (RNN, LSTM, GRU)", r"\bcell types?\b", "网络类型", "setting.cells", (r"\bunit types?\b",)),
    Term(
        "hidden unit",
        r"\bhidden units?\b",
        "隐藏单元",
        "setting.hidden",
        (),
        ("隐层单元", "隐含单元", "神经元", "隐藏层大小"),
    ),
    Term(
        "hidden state",
        r"\bhidden states?\b",
        "隐藏状态",
        "gates.q.h",
        (),
        ("隐状态", "隐层状态", "隐含状态", "单元状态"),
    ),
    Term(
        "cell state (LSTM)",
        r"\bcell states?\b",
        "细胞状态",
        "gates.q.c",
        (r"\bmemory cell\b",),
        ("记忆细胞", "元胞状态"),
    ),
    Term("forget gate", r"\bforget gates?\b", "遗忘门", "gates.q.f", (), ("忘记门", "遗忘闸")),
    Term("input gate", r"\binput gates?\b", "输入门", "gates.q.i", (), ("输入闸",)),
    Term("output gate", r"\boutput gates?\b", "输出门", "gates.q.o", (), ("输出闸",)),
    Term("update gate", r"\bupdate gates?\b", "更新门", "gates.q.z", (), ("更新闸",)),
    Term("reset gate", r"\breset gates?\b", "重置门", "gates.q.r", (), ("重置闸", "复位门")),
    # the gate that keeps the old state is called by its name (forget gate, update gate), never an invented one
    Term(
        "gate that keeps the old state",
        r"\bkeeps? the old state\b",
        "保留旧状态",
        "setting.gate_init",
        (r"\bmemory gates?\b", r"\bkeeping gates?\b"),
        ("记忆门",),
    ),
    Term("vanishing gradient", r"\bvanish", "消失", "preset.vanishing-gradients", (), ("梯度弥散",)),
    Term("exploding gradient", r"\bexplod", "爆炸", "preset.exploding-gradients", (), ("梯度膨胀",)),
    Term(
        "back-propagation through time",
        r"\bback-propagation through time\b",
        "随时间反向传播",
        "gradients.intro",
        (),
        (r"(?<!随)时间反向传播", "随时间的梯度", "通过时间的反向传播"),
    ),
    Term("Jacobian", r"\bJacobians?\b", "雅可比矩阵", "gradients.h.factors", (), ("雅克比", r"雅可比(?!矩阵)")),
    Term("spectral radius", r"\bspectral radius\b", "谱半径", "setting.rho"),
    Term(
        "chance level",
        r"(?<!by )\bchance\b",
        "随机猜测",
        "training.baseline.accuracy",
        (r"\bguessing gives\b",),
        ("瞎猜", "乱猜", "随机水平"),
    ),
    Term(
        "always outputting 0",
        r"\balways outputting\b",
        "始终输出",
        "gradients.fig.baseline",
        (r"\balways answering\b",),
        ("总答", "总是回答"),
    ),
    Term(
        "vanilla RNN",
        r"\bvanilla RNN\b",
        "普通 RNN",
        "gradients.fig.eig.title",
        (r"\bsimple RNN\b",),
        (r"(原始|简单|朴素|基础|基本|标准) ?RNN",),
    ),
    Term("token", r"\btokens?\b", "词元", "setting.text", (), ("令牌",)),
    Term("embedding", r"\bembedding", "词向量", "setting.dim", (), ("嵌入向量",)),
    Term("gradient clipping", r"\bgradient clipping\b", "梯度裁剪", "gradients.h.clip", (), ("梯度截断", "梯度修剪")),
    Term("saturation (of a gate)", r"\bsaturat", "饱和", "gates.sat.title"),
    # the guided lesson's stops: 站点 reads as "websites"
    Term("the lesson's stops", r"\ball stops\b", "全部环节", "lesson.back", (), ("全部站点",)),
    # words for the page, not for students: how the code or PyTorch works inside
    Term(
        "no developer talk",
        r"(?!)",
        "",
        "gates.intro",
        (r"\bnn\.(LSTM|GRU|RNN)\b", r"\bnever returns?\b", r"\bthe cell's code\b", r"\bsquash"),
    ),
    Term("tanh removed, not 'squashing'", r"(?!)", "", "gates.scales", (), ("去掉压缩", "被压缩")),
)

# 单元 is unambiguous only as 隐藏单元 (hidden unit), 循环单元 (the recurrent cell, as in 门控循环单元 = GRU) or
# counted out as 第 k 个单元 (a numbered hidden unit: cell types are not numbered). Anywhere else it reads
# as a cell type too; cell types are 网络类型, and one of them is 一种网络.
UNAMBIGUOUS_UNIT = re.compile(r"隐藏单元|循环单元|第 ?[^，。；：、第个]{1,16}? ?个单元")


def _en(key: str) -> str:
    """The English text as the glossary reads it: "forget-gate bias" names the forget gate; {token} is a value."""
    return re.sub(r"\{[^}]*\}", "", TEXTS[key]["en"]).replace("-gate", " gate").replace("-state", " state")


def _violations() -> set[tuple[str, str]]:
    """Every (check, key) where a text breaks the glossary; the check is a concept or 单元."""
    found = set()
    for key, entry in TEXTS.items():
        en, zh = _en(key), entry["zh"]
        for term in GLOSSARY:
            if any(re.search(p, en, re.I) for p in term.banned_en) or any(re.search(p, zh) for p in term.banned_zh):
                found.add((term.concept, key))
            if re.search(term.en, en, re.I) and not re.search(term.zh, zh):
                found.add((term.concept, key))
        if "单元" in UNAMBIGUOUS_UNIT.sub("", zh):
            found.add(("单元", key))
    return found


def test_the_glossary_holds_for_every_text():
    problems = sorted(_violations())
    assert problems == [], "\n".join(f"{check}: {key}: {TEXTS[key]['zh']}" for check, key in problems)


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda term: term.concept)
def test_each_concept_is_named_by_its_anchor_text(term):
    """The anchor names the concept with the accepted terms, so the table cannot drift from the texts."""
    assert term.anchor in TEXTS
    if term.en != r"(?!)":
        assert re.search(term.en, _en(term.anchor), re.I), term.anchor
        assert re.search(term.zh, TEXTS[term.anchor]["zh"]), term.anchor


def test_the_checks_can_fail():
    """Each banned variant and the 单元 rule catch what they are meant to (and leave the accepted terms alone)."""
    bad = {"瞎猜的正确率", "总答 0", "全部站点", "随时间的梯度", "要比较的单元类型", "三种单元都会遗忘", "去掉压缩"}
    for text in bad:
        assert any(re.search(p, text) for t in GLOSSARY for p in t.banned_zh) or "单元" in UNAMBIGUOUS_UNIT.sub(
            "", text
        ), text
    good = "第 3 个隐藏单元和第 {unit} 个单元；门控循环单元；随时间反向传播；雅可比矩阵"
    assert not any(re.search(p, good) for t in GLOSSARY for p in t.banned_zh)
    assert "单元" not in UNAMBIGUOUS_UNIT.sub("", good)


def test_task_names_stay_english_in_the_chinese_task_selector():
    for name in TASKS:
        label = TEXTS.get(f"setting.task.{name}", {}).get("zh", name)
        assert label == name
        assert TEXTS[f"training.task.{name}"]["zh"].startswith(f"{name}（")


# Terms a first-year student may not know, and the text where each is explained (its help tooltip, caption or
# first line on the page): (key, English term, Chinese term, a word of the explanation in each language).
EXPLAINED = (
    ("home.intro", "hidden state", "隐藏状态", "vector", "向量"),
    ("home.intro", "token", "词元", "word or a punctuation", "一个词或一个标点"),
    ("setting.forget_bias.help", "cell state", "细胞状态", "second memory vector", "第二个记忆向量"),
    ("setting.hidden.help", "hidden units", "隐藏单元", "numbers", "个数"),
    ("setting.dim.help", "embedding", "词向量", "vector x_t of D numbers", "D 个数组成的向量"),
    ("setting.cells.help", "LSTM", "LSTM", "long short-term memory", "长短期记忆网络"),
    ("gradients.intro", "s_t", "s_t", "whole state", "全部状态"),
    ("gradients.intro", "Jacobian", "雅可比矩阵", "changed a little", "稍微改动"),
    ("gradients.intro", "gradient norm", "梯度范数", "length of the gradient vector", "梯度向量的长度"),
    ("gradients.intro", "float64", "float64", "significant digits", "有效数字"),
    ("setting.rho.help", "spectral radius", "谱半径", "largest", "最大"),
    ("setting.rho.help", "eigenvalue", "特征值", "scales a vector", "缩放向量"),
    ("setting.orthogonal.help", "orthogonal", "正交", "never changes its length", "从不改变它的长度"),
    ("gradients.look.grad", "σ_max", "σ_max", "stretch a vector in one step", "一步之内最多能把向量拉长"),
    ("gradients.clip.task", "SGD", "SGD", "stochastic gradient descent", "随机梯度下降"),
    ("memory.intro", "sensitivity", "敏感度", "changed a little", "稍微改动"),
    ("gates.sat.look", "saturated", "饱和", "near 0 or 1", "接近 0 或 1"),
    ("gates.eq.explain", "pre-activation", "激活前", "before sigmoid or tanh", "进入 sigmoid 或 tanh 之前"),
    ("intent.intro", "logits", "logit", "one score per intent", "每种意图一个分数"),
    ("intent.intro", "softmax", "softmax", "add up to 1", "总和为 1"),
    ("training.task.recall", "cross-entropy", "交叉熵", "log of the probability", "概率取对数"),
    ("training.task.adding", "mean squared error", "均方误差", "average of", "平均值"),
    ("setting.train_steps.help", "held-out", "留出", "never trains on", "从不用于训练"),
)


@pytest.mark.parametrize("key, en, zh, en_says, zh_says", EXPLAINED, ids=[f"{e[0]}:{e[1]}" for e in EXPLAINED])
def test_terms_are_explained_where_they_first_appear(key, en, zh, en_says, zh_says):
    text = TEXTS[key]
    assert en in text["en"] and en_says in text["en"], key
    assert zh in text["zh"] and zh_says in text["zh"], key
