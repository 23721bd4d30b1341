"""Texts of the Gates page."""

TEXTS = {
    "gates.nav": {"en": "Gates", "zh": "门控"},
    "gates.title": {"en": "Gates: what the LSTM and the GRU let through", "zh": "门控：LSTM 和 GRU 放行了什么"},
    "gates.intro": {
        "en": "A gate is a vector of numbers between 0 and 1, one per hidden unit, that multiplies "
        "something else: 0 blocks it, 1 lets it through. The LSTM and the GRU compute their gates "
        "from the current token and the previous state at every step; the vanilla RNN has none and "
        "rewrites its whole state each time. The LSTM also keeps a cell state c_t, a second memory vector "
        "next to h_t: its gates decide what is written into c_t, what is kept of it and what is shown in h_t. "
        "The GRU has no separate cell state. Every number below is the model's own, computed step by step as "
        "it reads your text.",
        "zh": "门是一个取值在 0 到 1 之间的向量，每个隐藏单元一个数，用来乘别的量：0 表示挡住，1 表示放行。"
        "LSTM 和 GRU 每一步都根据当前词元和上一步的状态重新计算门；普通 RNN 没有门，每一步都改写整个状态。"
        "LSTM 在 h_t 之外还有细胞状态 c_t，即第二个记忆向量：它的门决定往 c_t 写入什么、保留多少、"
        "在 h_t 中显示多少。GRU 没有单独的细胞状态。下面每个数字都是模型读你的文本时一步一步算出来的。",
    },
    "setting.unit": {"en": "Unit to follow", "zh": "跟踪的隐藏单元"},
    "setting.unit.help": {
        "en": "Which hidden unit (1 to H) the equations and the coloured text follow. Unit 3 of the LSTM "
        "and unit 3 of the GRU are unrelated: each cell has its own weights.",
        "zh": "公式和着色文本跟踪哪一个隐藏单元（1 到 H）。LSTM 的第 3 个隐藏单元和 GRU 的第 3 个隐藏单元"
        "毫无关系：每种网络有各自的权重。",
    },
    "gates.heatmaps.header": {"en": "Every gate over the whole sequence", "zh": "整个序列上的每一个门"},
    "gates.heatmaps.title": {"en": "{cell}: units × time", "zh": "{cell}：隐藏单元 × 时间"},
    "gates.scales": {
        "en": "One colour scale per kind of value, the same in every chart: gates (sigmoid) run from 0 "
        "(dark blue, shut) to 1 (yellow, open); h, g and n (tanh) from -1 (blue) to 1 (red). "
        "The LSTM cell state c is a running sum that no tanh limits, so it can leave [-1, 1]: its scale "
        "runs from -{top:.2f} to {top:.2f}, the largest |c| here (never narrower than ±1). "
        "The outlined column is the current step, the dashed row the unit you follow.",
        "zh": "每类数值用一个色标，所有图都一样：门（sigmoid）从 0（深蓝，关闭）到 1（黄色，打开）；"
        "h、g、n（tanh）从 -1（蓝）到 1（红）。LSTM 的细胞状态 c 是累加出来的，没有经过 tanh，"
        "可以超出 [-1, 1]：它的色标从 -{top:.2f} 到 {top:.2f}，即这里最大的 |c|（至少 ±1）。"
        "加框的列是当前时间步，虚线框出的行是你跟踪的隐藏单元。",
    },
    "gates.q.h": {"en": "hidden state h", "zh": "隐藏状态 h"},
    "gates.q.i": {"en": "input gate i", "zh": "输入门 i"},
    "gates.q.f": {"en": "forget gate f", "zh": "遗忘门 f"},
    "gates.q.g": {"en": "candidate g", "zh": "候选值 g"},
    "gates.q.o": {"en": "output gate o", "zh": "输出门 o"},
    "gates.q.c": {"en": "cell state c (not bounded)", "zh": "细胞状态 c（可超出 ±1）"},
    "gates.q.r": {"en": "reset gate r", "zh": "重置门 r"},
    "gates.q.z": {"en": "update gate z", "zh": "更新门 z"},
    "gates.q.n": {"en": "candidate n", "zh": "候选值 n"},
    "gates.rnn.none": {
        "en": "The vanilla RNN has no gates: each step replaces its whole state by φ(W_ih x_t + W_hh h_(t−1) + b) "
        "(φ: its activation, tanh unless changed on the gradients page).",
        "zh": "普通 RNN 没有门：每一步都用 φ(W_ih x_t + W_hh h_(t−1) + b) 替换整个状态"
        "（φ：它的激活函数，除非在梯度页面上改过，否则是 tanh）。",
    },
    "gates.look.h": {
        "en": "$h$: the state handed on. How smoothly does it change in each cell?",
        "zh": "$h$：传给下一步的隐藏状态。它在每种网络里变化得有多平滑？",
    },
    "gates.look.i": {
        "en": "$i$: how much of $g$ is written into $c$; a dark column means that token is barely stored.",
        "zh": "$i$：$g$ 有多少写进 $c$；深色的列表示这个词元几乎没被存下。",
    },
    "gates.look.f": {
        "en": "$f$: how much of $c_{t-1}$ is kept. An open forget gate (near 1, yellow) keeps the memory; "
        "a shut one (near 0) forgets it: yellow rows hold on to their memory.",
        "zh": "$f$：$c_{t-1}$ 保留多少。遗忘门“打开”（接近 1，黄色）表示保留记忆，“关闭”（接近 0）才是遗忘："
        "黄色的行一直守着自己的记忆。",
    },
    "gates.look.g": {
        "en": "$g$: the new content, signed; it reaches $c$ only where $i$ is open.",
        "zh": "$g$：新内容，有正有负；只有 $i$ 打开的地方它才进入 $c$。",
    },
    "gates.look.o": {
        "en": "$o$: how much of $\\tanh(c)$ shows in $h$; $c$ can hold what $o$ hides.",
        "zh": "$o$：$\\tanh(c)$ 有多少显示在 $h$ 中；$c$ 可以保存被 $o$ 藏起来的内容。",
    },
    "gates.look.c": {
        "en": "$c$: the memory; where $f$ stays near 1 its colour persists along the row.",
        "zh": "$c$：记忆本身；$f$ 接近 1 的地方，颜色沿着行一直延续。",
    },
    "gates.look.r": {
        "en": "$r$: how much of $h_{t-1}$ the candidate $n$ sees; near 0 it starts afresh.",
        "zh": "$r$：候选值 $n$ 能看到多少 $h_{t-1}$；接近 0 时从头开始。",
    },
    "gates.look.z": {
        "en": "$z$: the share of $h_{t-1}$ copied forward: forget and input gate in one.",
        "zh": "$z$：$h_{t-1}$ 被原样带到下一步的比例：遗忘门和输入门合二为一。",
    },
    "gates.look.n": {
        "en": "$n$: the GRU's new content, mixed in with weight $1 - z$.",
        "zh": "$n$：GRU 的新内容，以 $1 - z$ 的权重混入。",
    },
    "gates.step.header": {"en": "At step {step}: “{token}”", "zh": "第 {step} 步：“{token}”"},
    "gates.bars.title": {
        "en": "{cell} at step {step} (“{token}”), all units",
        "zh": "{cell}：第 {step} 步（“{token}”），所有隐藏单元",
    },
    "gates.bars.look": {
        "en": "Each bar is one unit; the outlined bar is the unit the equations follow. Dotted lines mark "
        "0.1 and 0.9: gates beyond them are practically shut or open. The LSTM cell state c is "
        "unbounded, so it is left out here: see its heatmap and the equations.",
        "zh": "每根柱子是一个隐藏单元；加框的柱子是公式所跟踪的隐藏单元。虚线标出 0.1 和 0.9："
        "超出它们的门几乎是全关或全开的。"
        "LSTM 的细胞状态 c 没有界限，所以这里不画：请看它的热图和公式。",
    },
    "gates.bars.axis": {"en": "one bar per unit, grouped by gate", "zh": "每个隐藏单元一根柱子，按门分组"},
    "gates.eq.header": {
        "en": "The equations, worked out for unit {unit}",
        "zh": "代入第 {unit} 个隐藏单元的数字计算公式",
    },
    "gates.eq.explain": {
        "en": "Each equation as written, then unit {unit}'s numbers plugged in "
        "($W_{{hf}} h_{{t-1}}$ and the like are one number per unit: row {unit} of the matrix times "
        "the vector), then the pre-activation summed up (the number before sigmoid or tanh is applied), then "
        "the result.",
        "zh": "每个公式先按原样写出，再代入第 {unit} 个隐藏单元的数字（$W_{{hf}} h_{{t-1}}$ 这类乘积对每个隐藏单元"
        "是一个数：矩阵的第 {unit} 行乘以向量），然后求出激活前的和（进入 sigmoid 或 tanh 之前的数），最后得到结果。",
    },
    "gates.eq.check": {
        "en": "Worked out from these numbers, the equations give back the model's own state at step {step}: "
        "largest difference {diff:.1e}.",
        "zh": "用这些数字算出的结果与模型自己在第 {step} 步的状态一致：最大差值 {diff:.1e}。",
    },
    "gates.text.header": {"en": "The text, coloured by one unit", "zh": "按一个隐藏单元着色的文本"},
    "setting.shade": {"en": "Colour by", "zh": "着色依据"},
    "setting.shade.help": {
        "en": "h: hidden state (every cell); c: LSTM cell state; i, f, g, o: LSTM gates; r, z, n: GRU gates.",
        "zh": "h：隐藏状态（每种网络都有）；c：LSTM 细胞状态；i、f、g、o：LSTM 的门；r、z、n：GRU 的门。",
    },
    "gates.text.caption": {
        "en": "{cell}, {quantity} of unit {unit} (the current token is outlined)",
        "zh": "{cell}，第 {unit} 个单元的{quantity}（当前词元加框）",
    },
    "gates.text.none": {"en": "None of the selected cells has {symbol}.", "zh": "所选的网络都没有 {symbol}。"},
    "gates.text.look": {
        "en": "This is how people read single units of character-level language models: a unit that "
        "tracks something (inside quotes, a line's length) lights up exactly where that holds. "
        "With random weights expect noise tied to the tokens: the same token gives the same colour "
        "only when the state before it was similar.",
        "zh": "人们就是这样解读字符级语言模型中单个隐藏单元的：某个隐藏单元若在跟踪某种东西（是否在引号内、"
        "一行的长度），"
        "它就恰好在那些位置亮起来。随机权重下看到的多半是随词元变化的噪声：只有当之前的状态相近时，"
        "同一个词元才会得到同样的颜色。",
    },
    "gates.sat.title": {"en": "Gate saturation over the whole sequence", "zh": "整个序列上门的饱和程度"},
    "gates.sat.low": {"en": "below 0.1 (shut)", "zh": "低于 0.1（关闭）"},
    "gates.sat.high": {"en": "above 0.9 (open)", "zh": "高于 0.9（打开）"},
    "gates.sat.axis": {
        "en": "share of the gate's values (all units, all steps)",
        "zh": "门取值所占比例（所有隐藏单元、所有时间步）",
    },
    "gates.sat.gate": {"en": "gate", "zh": "门"},
    "gates.sat.note": {"en": "{low:.1f}% shut · {high:.1f}% open", "zh": "{low:.1f}% 关闭 · {high:.1f}% 打开"},
    "gates.all": {"en": "all gates", "zh": "全部门"},
    "gates.sat.none": {
        "en": "Saturation is about gates: select the LSTM or the GRU in the sidebar.",
        "zh": "饱和度针对的是门：请在侧边栏选择 LSTM 或 GRU。",
    },
    "gates.sat.look": {
        "en": "A gate is saturated when its value sits near 0 or 1 (here: below 0.1 or above 0.9). Saturated "
        "gates act like switches: a forget gate near 1 passes the cell state on almost "
        "unchanged, which is how an LSTM can keep a value over many steps (how far this app's trained "
        "cells get is measured in the Training lab). There, though, the sigmoid's slope σ' (the factor the "
        "gradient is multiplied by on its way through the gate) is at most 0.09, so they learn slowly. "
        "With random weights most values sit near 0.5, nowhere near saturated.",
        "zh": "门的值接近 0 或 1（这里指低于 0.1 或高于 0.9）时就叫饱和。饱和的门像开关一样工作：接近 1 "
        "的遗忘门几乎原样传下细胞状态，LSTM 正是靠它把一个值保存许多步"
        "（本应用训练好的网络能保存多远，见训练实验室的测量）。不过在那里 sigmoid 的斜率 σ'（梯度穿过门时要乘的因子）"
        "最多只有 0.09，"
        "所以它们学得很慢。随机权重下大多数值停在 0.5 附近，远未饱和。",
    },
    "gates.try": {
        "en": "Open *More model settings* in the sidebar and drag the LSTM forget-gate bias to 3: the forget "
        "gate turns yellow, its saturation jumps, and the cell state c keeps growing along each row. "
        "Then set the GRU update-gate bias to 3 and step through: h barely moves, because z copies the "
        "old state forward.",
        "zh": "在侧边栏打开“更多模型设置”，把 LSTM 遗忘门偏置拖到 3：遗忘门变黄，饱和比例猛增，细胞状态 c "
        "沿着每一行不断累积。再把 GRU 更新门偏置设为 3 并逐步播放：h 几乎不动，因为 z 把旧状态直接带到下一步。",
    },
}
