"""Texts of the home page."""

TEXTS = {
    "home.nav": {"en": "Overview", "zh": "概览"},
    "home.title": {"en": "rnnviz: how recurrent networks remember", "zh": "rnnviz：循环神经网络如何记忆"},
    "home.intro": {
        "en": "A recurrent network reads a sequence one token at a time (a token is a word or a punctuation "
        "mark; in Chinese, a character). After each token it updates its hidden state h_t, a vector that "
        "carries what the network still knows about the tokens before (the LSTM keeps a second vector "
        "too, its cell state c_t). The charts below are the actual hidden states of a vanilla RNN, an LSTM "
        "and a GRU reading your text, with random, untrained weights drawn as PyTorch initialises them.",
        "zh": "循环神经网络一次读入一个词元（词元是一个词或一个标点；中文里是一个字）。每读一个词元，"
        "它就更新隐藏状态 h_t——一个向量，装着网络对此前的词元还记得的内容（LSTM 还另有一个向量："
        "细胞状态 c_t）。下面的图就是普通 RNN、LSTM 和 GRU "
        "读你输入的文本时真实的隐藏状态；权重是随机的、未经训练，按 PyTorch 的方式初始化。",
    },
    "home.tokens": {"en": "The sequence as tokens", "zh": "序列拆成的词元"},
    "home.states": {"en": "Hidden states, one column per token", "zh": "隐藏状态：每个词元一列"},
    "home.heatmap.title": {"en": "{cell}: hidden state h_t", "zh": "{cell}：隐藏状态 h_t"},
    "home.look": {
        "en": "Each column is the hidden state after reading that token, one row per hidden unit. Red and blue are "
        "positive and negative values. A column changes a lot where a new word arrives; look at how "
        "much of the earlier pattern survives into the next columns, and how the three cells differ.",
        "zh": "每一列是网络读完该词元后的隐藏状态，每行一个隐藏单元。红色和蓝色表示正值和负值。"
        "新词到来时整列会明显变化；"
        "看看之前的图案有多少延续到了后面的列，以及三种网络有什么不同。",
    },
}
