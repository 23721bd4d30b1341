"""The intent data set, generated in code: templates with slots, in English and Chinese.

A sentence comes from a template of one intent ("what time is it in {city}?", "帮我定一个{time}的闹钟")
with each slot filled from its list; 7 intents, 16 templates each per language. The train / test
split is BY TEMPLATE: per intent and language a seeded quarter of the templates (4) is kept for
the test, so the test measures sentences of a kind the model never saw. Text is lowercased and
split by ``rnnviz.text.tokenize`` (words; Chinese one token per character).

The long sentences put the deciding word first and then many neutral words
("weather , um , please tell me ..."): only a cell that keeps the first word answers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import torch

from .text import tokenize

UNK = "<unk>"  # every token outside the training vocabulary
MAX_TOKENS = 1000  # a text is read up to here: no sentence needs more, and a reading stays well under 0.5 s
TEST_SHARE = 0.25  # of each intent's templates per language, at least 2

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "time": {
        "en": (
            "what time is it?",
            "what time is it in {city}?",
            "what's the time?",
            "tell me the time please",
            "do you know what time it is?",
            "can you tell me the time?",
            "what is the time now?",
            "excuse me , what time is it now?",
            "what's the time in {city} right now?",
            "have you got the time?",
            "what time is it right now in {city}?",
            "could you check the time for me?",
            "what time is it please?",
            "tell me what time it is",
            "do you have the time?",
            "what's the time now in {city}?",
        ),
        "zh": (
            "现在几点了？",
            "现在几点？",
            "{city}现在几点了？",
            "请问现在几点？",
            "告诉我现在的时间",
            "现在是什么时间？",
            "几点了？",
            "你知道现在几点吗？",
            "{city}现在是几点？",
            "看一下时间",
            "现在{city}几点了？",
            "请告诉我时间",
            "现在几点钟？",
            "请问{city}现在几点了？",
            "帮我看一下现在几点",
            "现在的时间是多少？",
        ),
    },
    "weather": {
        "en": (
            "what's the weather like in {city} {day}?",
            "what's the weather {day}?",
            "will it rain {day}?",
            "is it going to rain in {city}?",
            "how is the weather in {city}?",
            "weather forecast for {city}",
            "is it sunny in {city} {day}?",
            "do i need an umbrella , will it rain {day}?",
            "tell me the weather in {city}",
            "how hot is the weather {day}?",
            "will it be sunny or rain {day}?",
            "what's the forecast for {city} {day}?",
            "will it rain in {city} {day}?",
            "is it cold in {city}?",
            "what's the weather forecast {day}?",
            "should i take an umbrella {day}?",
        ),
        "zh": (
            "{city}{day}天气怎么样？",
            "{day}会下雨吗？",
            "{day}天气好吗？",
            "{city}{day}多少度？",
            "{day}要带伞吗？会下雨吗？",
            "查一下{city}的天气",
            "{day}{city}会不会下雨？",
            "{city}{day}热不热？",
            "告诉我{day}的天气预报",
            "{city}的天气热吗？",
            "{day}{city}的气温是多少度？",
            "{city}{day}的天气预报",
            "{city}{day}下雨吗？",
            "{day}冷不冷？",
            "{city}的天气怎么样？",
            "{day}出门要带伞吗？",
        ),
    },
    "alarm": {
        "en": (
            "set an alarm for {time}",
            "wake me up at {time}",
            "wake me up at {time} {day}",
            "please set an alarm for {time} {day}",
            "can you set my alarm for {time}?",
            "i need an alarm at {time}",
            "alarm at {time} please",
            "cancel my alarm for {time}",
            "change my alarm to {time}",
            "wake me at {time} please",
            "set my alarm for {day} at {time}",
            "please wake me up {day} at {time}",
            "set an alarm at {time} {day}",
            "i want to wake up at {time}",
            "turn off my alarm",
            "alarm for {time} {day}",
        ),
        "zh": (
            "帮我定一个{time}的闹钟",
            "{time}叫醒我",
            "{day}{time}叫我起床",
            "设一个{time}的闹钟",
            "把闹钟改到{time}",
            "取消{time}的闹钟",
            "定个闹钟，{time}",
            "请在{time}叫醒我",
            "{day}{time}的闹钟",
            "{day}{time}叫醒我起床",
            "闹钟定在{day}{time}",
            "{time}叫我起床",
            "明早{time}叫醒我",
            "设个闹钟{time}",
            "关掉闹钟",
            "{time}的闹钟帮我定一下",
        ),
    },
    "timer": {
        "en": (
            "set a timer for {duration}",
            "start a {duration} timer",
            "timer for {duration}",
            "count down {duration}",
            "start a countdown of {duration}",
            "please start a timer , {duration}",
            "how much time is left on my timer?",
            "stop the timer",
            "set a {duration} countdown",
            "can you start a timer for {duration}?",
            "countdown for {duration} please",
            "pause the timer",
            "set the timer to {duration}",
            "start counting down {duration}",
            "how long is left on the timer?",
            "give me a {duration} timer",
        ),
        "zh": (
            "设一个{duration}的计时器",
            "计时{duration}",
            "开始倒计时{duration}",
            "{duration}的倒计时",
            "帮我计时{duration}",
            "倒计时{duration}开始",
            "定一个{duration}的倒计时",
            "计时器还剩多少时间？",
            "停止计时",
            "开始计时，{duration}",
            "{duration}倒计时",
            "暂停计时器",
            "计时{duration}，开始",
            "帮我倒计时{duration}",
            "计时器设成{duration}",
            "倒计时还剩多久？",
        ),
    },
    "music": {
        "en": (
            "play some {genre}",
            "play {song} by {artist}",
            "i want to listen to {artist}",
            "put on some {genre} music",
            "play music please",
            "play the song {song}",
            "can you play something by {artist}?",
            "next song please",
            "turn on the music",
            "i'd like to listen to some {genre}",
            "play some music by {artist}",
            "put on a song by {artist}",
            "play a song by {artist}",
            "i want to hear {song}",
            "play {genre} music",
            "shuffle my music",
        ),
        "zh": (
            "播放{song}",
            "放一首{artist}的歌",
            "我想听{genre}",
            "来点音乐",
            "播放{artist}的{song}",
            "放点{genre}吧",
            "下一首歌",
            "打开音乐",
            "我想听{artist}的歌",
            "播放一首歌",
            "放点音乐吧",
            "播放{genre}音乐",
            "播放{artist}的歌",
            "我想听{song}",
            "放一首{song}",
            "来一首{genre}",
        ),
    },
    "greeting": {
        "en": (
            "hello",
            "hi there",
            "good morning",
            "hey , how are you?",
            "hello , nice to meet you",
            "good evening , {name}",
            "hi {name} , how is it going?",
            "hey there , nice to meet you",
            "good afternoon",
            "hello {name}!",
            "good evening , how are you?",
            "hey {name} , good morning",
            "nice to meet you , {name}",
            "hi , nice to meet you",
            "good evening",
            "hi {name}!",
        ),
        "zh": (
            "你好",
            "早上好",
            "你好呀，{name}",
            "嗨，你好吗？",
            "晚上好",
            "下午好",
            "你好，很高兴认识你",
            "嗨，{name}",
            "您好",
            "{name}，你好",
            "嗨，早上好",
            "{name}，早上好",
            "嗨，大家好",
            "你好，{name}",
            "晚上好，{name}",
            "嗨，下午好",
        ),
    },
    "goodbye": {
        "en": (
            "goodbye",
            "bye bye",
            "see you later",
            "good night , {name}",
            "bye , see you {day}",
            "talk to you later",
            "i have to go , bye",
            "see you soon , {name}",
            "goodbye and thanks",
            "have a nice day , bye",
            "bye {name} , see you later",
            "good night and goodbye",
            "bye for now",
            "goodbye , {name}",
            "i have to go now , goodbye",
            "good night",
        ),
        "zh": (
            "再见",
            "拜拜",
            "回头见",
            "晚安",
            "{day}见",
            "我先走了，再见",
            "下次再聊",
            "再见啦，{name}",
            "拜拜，{day}见",
            "晚安，{name}",
            "{name}，再见",
            "我走了，拜拜",
            "再见，{name}",
            "拜拜，回头见",
            "明天再聊，再见",
            "晚安，明天见",
        ),
    },
}
INTENTS: tuple[str, ...] = tuple(TEMPLATES)
LANGUAGES = ("en", "zh")

SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "city": ("london", "paris", "tokyo", "beijing", "shanghai", "new york", "berlin", "sydney"),
        "day": ("today", "tomorrow", "tonight", "this weekend", "on monday", "on friday"),
        "time": ("7 am", "6:30", "seven o'clock", "noon", "8 pm", "5:45 am"),
        "duration": ("5 minutes", "ten minutes", "30 seconds", "an hour", "2 hours", "twenty minutes"),
        "genre": ("jazz", "rock", "classical music", "pop", "hip hop"),
        "song": ("yesterday", "hey jude", "let it be", "imagine", "hello"),
        "artist": ("the beatles", "adele", "queen", "mozart", "jay chou"),
        "name": ("anna", "tom", "maria", "sam", "everyone"),
    },
    "zh": {
        "city": ("北京", "上海", "广州", "深圳", "杭州", "成都", "东京", "伦敦"),
        "day": ("今天", "明天", "后天", "周末", "今晚", "星期一"),
        "time": ("七点", "六点半", "八点", "五点四十", "九点一刻", "十二点"),
        "duration": ("五分钟", "十分钟", "半小时", "一小时", "三十秒", "二十分钟"),
        "genre": ("爵士乐", "摇滚", "古典音乐", "流行歌曲", "民谣"),
        "song": ("青花瓷", "稻香", "月亮代表我的心", "传奇", "后来"),
        "artist": ("周杰伦", "王菲", "邓丽君", "陈奕迅", "李健"),
        "name": ("小明", "老王", "李老师", "朋友们", "妈妈"),
    },
}
# Words that say nothing about the intent: they follow the deciding word in the long sentences.
FILLERS = {
    "en": (
        ",",
        "please",
        "tell",
        "me",
        "um",
        "well",
        "you",
        "know",
        "and",
        "so",
        "on",
        "i",
        "mean",
        "like",
        "just",
        "really",
        "okay",
        "thanks",
        "then",
        "uh",
        "basically",
        "actually",
    ),
    "zh": (
        "，",
        "嗯",
        "那个",
        "就是",
        "然后",
        "请",
        "告诉",
        "我",
        "一下",
        "吧",
        "啊",
        "呃",
        "这个",
        "对",
        "所以",
        "还有",
    ),
}
KEYWORDS = {  # the deciding word that opens a long sentence
    "en": {
        "time": "time",
        "weather": "weather",
        "alarm": "alarm",
        "timer": "timer",
        "music": "music",
        "greeting": "hello",
        "goodbye": "goodbye",
    },
    "zh": {
        "time": "几点",
        "weather": "天气",
        "alarm": "闹钟",
        "timer": "计时",
        "music": "音乐",
        "greeting": "你好",
        "goodbye": "再见",
    },
}
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Template:
    """One way of asking for an intent in one language."""

    intent: str
    lang: str
    pattern: str  # with {slot} fields

    def regex(self) -> re.Pattern:
        """Fully matches exactly the sentences this template can produce (each slot: one of its values)."""
        parts = _SLOT.split(self.pattern)  # literal, slot name, literal, slot name, ...
        values = SLOTS[self.lang]
        return re.compile(
            "".join(
                re.escape(p) if k % 2 == 0 else "(?:" + "|".join(map(re.escape, values[p])) + ")"
                for k, p in enumerate(parts)
            )
        )


@dataclass(frozen=True)
class Example:
    """A sentence, its tokens, and where it came from."""

    text: str
    tokens: tuple[str, ...]
    intent: str
    lang: str
    template: str  # the pattern it came from ("" for a long sentence)


def tokens_of(text: str) -> list[str]:
    """Lowercased word tokens (case says nothing about intent; Chinese: one per character)."""
    return tokenize(text.lower())


def read_tokens(text: str) -> tuple[list[str], bool]:
    """The tokens a model reads (at most MAX_TOKENS), and whether the text had more."""
    tokens = tokens_of(text)
    return tokens[:MAX_TOKENS], len(tokens) > MAX_TOKENS


_FILLER_TOKENS = {lang: [tokens_of(w) for w in words] for lang, words in FILLERS.items()}  # split once: drawn often


def join(tokens: list[str] | tuple[str, ...], lang: str) -> str:
    """Tokens back to text that ``tokens_of`` splits the same way."""
    return ("" if lang == "zh" else " ").join(tokens)


def all_templates() -> list[Template]:
    """Every template of every intent and language."""
    return [Template(i, lang, p) for i in INTENTS for lang in LANGUAGES for p in TEMPLATES[i][lang]]


def split(seed: int = 0) -> tuple[list[Template], list[Template]]:
    """(train, test) templates: per intent and language, a seeded TEST_SHARE (at least 2) held out."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for intent in INTENTS:
        for lang in LANGUAGES:
            group = [Template(intent, lang, p) for p in TEMPLATES[intent][lang]]
            held = set(rng.choice(len(group), max(2, round(TEST_SHARE * len(group))), replace=False).tolist())
            train += [t for k, t in enumerate(group) if k not in held]
            test += [t for k, t in enumerate(group) if k in held]
    return train, test


def fill(template: Template, rng: np.random.Generator) -> str:
    """One sentence: every slot replaced by a value drawn from its list."""
    values = SLOTS[template.lang]
    return _SLOT.sub(lambda m: values[m[1]][rng.integers(len(values[m[1]]))], template.pattern)


def examples(templates: list[Template], per_template: int, seed: int) -> list[Example]:
    """Up to ``per_template`` distinct sentences from each template (fewer when it has fewer fillings)."""
    rng = np.random.default_rng(seed)
    out = []
    for t in templates:
        texts = dict.fromkeys(fill(t, rng) for _ in range(4 * per_template))  # distinct, in drawn order
        out += [Example(s, tuple(tokens_of(s)), t.intent, t.lang, t.pattern) for s in list(texts)[:per_template]]
    return out


def neutral(n: int, lang: str, rng: np.random.Generator) -> list[str]:
    """Exactly n neutral tokens, from filler words drawn at random."""
    words = _FILLER_TOKENS[lang]
    return [tok for k in rng.integers(len(words), size=n) for tok in words[k]][:n]  # each word >= 1 token


def long_sentence(intent: str, lang: str, n_neutral: int, rng: np.random.Generator) -> Example:
    """The deciding word first, then ``n_neutral`` neutral tokens: "weather , um , please tell me ..."."""
    tokens = tuple(tokens_of(KEYWORDS[lang][intent]) + neutral(n_neutral, lang, rng))
    return Example(join(tokens, lang), tokens, intent, lang, "")


EXAMPLE_WORD, EXAMPLE_NEUTRAL = "time", 40  # the long example the app offers: "time" first, then 40 neutral tokens


def long_example(lang: str) -> Example:
    """The long sentence the intent page and the lesson offer: the deciding word first, then neutral tokens."""
    return long_sentence(EXAMPLE_WORD, lang, EXAMPLE_NEUTRAL, np.random.default_rng(0))


def long_sentences(per_intent: int, n_neutral: int, seed: int) -> list[Example]:
    """``per_intent`` long sentences for every intent and language."""
    rng = np.random.default_rng(seed)
    return [long_sentence(i, lang, n_neutral, rng) for i in INTENTS for lang in LANGUAGES for _ in range(per_intent)]


def vocabulary(train: list[Example]) -> tuple[str, ...]:
    """UNK first, then every token of the training sentences, the fillers and the keywords, sorted."""
    seen = {tok for ex in train for tok in ex.tokens}
    seen |= {tok for lang in LANGUAGES for w in FILLERS[lang] + tuple(KEYWORDS[lang].values()) for tok in tokens_of(w)}
    return (UNK, *sorted(seen))


@dataclass(frozen=True)
class Dataset:
    """The sentences of one template split, and the vocabulary of its training side."""

    train: list[Example]
    test: list[Example]  # from the held-out templates only
    long: list[Example]  # the deciding word, then ``long_neutral`` neutral tokens
    vocab: tuple[str, ...]

    def index(self) -> dict[str, int]:
        return {tok: k for k, tok in enumerate(self.vocab)}


def dataset(split_seed: int = 0, per_template: int = 30, long_neutral: int = 40, long_per_intent: int = 20) -> Dataset:
    """Training and test sentences of the split ``split_seed``, and a fixed set of long sentences."""
    train_t, test_t = split(split_seed)
    train = examples(train_t, per_template, seed=split_seed)
    long = long_sentences(long_per_intent, long_neutral, seed=10**6)  # the same for every split and seed
    return Dataset(train, examples(test_t, per_template, seed=split_seed + 1), long, vocabulary(train))


def encode(index: dict[str, int], tokens) -> list[int]:
    """Token ids; a token outside the vocabulary is 0, UNK."""
    return [index.get(tok, 0) for tok in tokens]


def padded(seqs: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """(T, B) ids with zeros after each end, and the lengths (B,)."""
    lengths = torch.tensor([len(q) for q in seqs])
    ids = torch.zeros(int(lengths.max()), len(seqs), dtype=torch.long)
    for b, q in enumerate(seqs):
        ids[: len(q), b] = torch.tensor(q)
    return ids, lengths


@dataclass(frozen=True)
class Augment:
    """How training batches go beyond the template sentences (see Sampler)."""

    long_share: float = 0.25  # of each batch: long sentences
    min_neutral: int = 30  # neutral tokens after the deciding word in a long training sentence: min..max
    max_neutral: int = 50
    inserted: float = 1.0  # mean number of neutral tokens put at random places in a normal sentence
    unk_rate: float = 0.15  # each token's chance to become UNK


class Sampler:
    """Seeded training batches: balanced over intents, languages and templates, augmented.

    A normal sentence gets neutral tokens at random places, so a cell learns which words decide
    rather than each template's word order; a long sentence has many neutral tokens after the
    deciding word; then tokens become UNK at random (so the unknown-word vector is learnt too)."""

    def __init__(self, ds: Dataset, seed: int, augment: Augment):
        self.rng, self.index, self.augment = np.random.default_rng(seed), ds.index(), augment
        self.groups: dict[tuple[str, str], dict[str, list[np.ndarray]]] = {  # (intent, language) -> template -> ids
            (i, lang): {} for i in INTENTS for lang in LANGUAGES
        }
        for ex in ds.train:  # encoded once
            self.groups[ex.intent, ex.lang].setdefault(ex.template, []).append(np.array(encode(self.index, ex.tokens)))

    def draw(self, n: int, long: bool) -> tuple[list[list[int]], np.ndarray]:
        """n token-id lists (normal or long sentences) and their intent indices (n,)."""
        rng, a = self.rng, self.augment
        intents, langs, picks = rng.integers(len(INTENTS), size=n), rng.integers(2, size=n), rng.random((n, 2))
        seqs = []
        for i, k, (u, v) in zip(intents, langs, picks, strict=True):
            lang = LANGUAGES[k]
            if long:
                n_neutral = a.min_neutral + int(u * (a.max_neutral + 1 - a.min_neutral))
                ids = np.array(encode(self.index, long_sentence(INTENTS[i], lang, n_neutral, rng).tokens))
            else:
                templates = list(self.groups[INTENTS[i], lang].values())
                group = templates[int(u * len(templates))]
                extra = encode(self.index, neutral(rng.poisson(a.inserted), lang, rng))
                ids = group[int(v * len(group))]
                ids = np.insert(ids, rng.integers(len(ids) + 1, size=len(extra)), extra)
            seqs.append(np.where(rng.random(len(ids)) < a.unk_rate, 0, ids).tolist())
        return seqs, intents
