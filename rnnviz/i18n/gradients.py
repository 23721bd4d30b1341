"""Texts of the Gradients through time page."""

TEXTS = {
    "gradients.nav": {"en": "Gradients through time", "zh": "梯度随时间反向传播"},
    "gradients.title": {
        "en": "Gradients through time: vanishing and exploding",
        "zh": "梯度随时间反向传播：梯度消失与梯度爆炸",
    },
    "gradients.intro": {
        "en": "To learn from its last step, a recurrent network sends the error back through every earlier "
        "step: back-propagation through time (BPTT). Write s_t for the cell's whole state after step t: h_t "
        "for the RNN and the GRU, h_t and the cell state c_t together for the LSTM. Each step back multiplies "
        "the gradient by that step's Jacobian J_t = ∂s_t/∂s_(t−1), the matrix of how much each number of s_t "
        "changes when one number of s_(t−1) is changed a little. If these factors shrink the gradient a "
        "little at every step, it vanishes; if they stretch it a little at every step, it explodes. Here "
        "the loss is L = sum of h_T (the last hidden state), and the charts show the gradient norm "
        "||dL/dh_t||, the length of the gradient vector: how strongly L reacts when h_t is changed a little. "
        "Every curve is computed from the model by automatic differentiation in float64 (numbers with about "
        "16 significant digits, up to 1.8e308).",
        "zh": "为了从最后一步学习，循环网络要把误差沿着之前的每一步传回去：随时间反向传播（BPTT）。"
        "记 s_t 为第 t 步之后网络的全部状态：RNN 和 GRU 是 h_t，LSTM 是 h_t 和细胞状态 c_t 合在一起。"
        "每往回一步，梯度就乘上这一步的雅可比矩阵 J_t = ∂s_t/∂s_(t−1)：这个矩阵记录 s_(t−1) 的某个数稍微改动时，"
        "s_t 的每个数跟着变化多少。如果这些因子每一步都把梯度缩小一点，梯度就消失；每一步都拉长一点，梯度就爆炸。"
        "这里的损失取 L = h_T（最后一个隐藏状态）各分量之和，图中画的是梯度范数 ||dL/dh_t||，即梯度向量的长度："
        "h_t 稍微改动时 L 的反应有多强。每条曲线都由模型经自动微分以 float64 精度算出"
        "（约 16 位有效数字，最大约 1.8e308）。",
    },
    "presets.gradients": {
        "en": "Presets (each sets the controls below and a generated sequence of 200 tokens):",
        "zh": "预设（每个预设会设置下面的控件，并改用 200 个词元的生成序列）：",
    },
    "preset.vanishing-gradients": {"en": "Vanishing", "zh": "梯度消失"},
    "preset.vanishing-gradients.help": {
        "en": "Vanilla RNN, tanh, spectral radius ρ = 0.9: in the long run W_hh shrinks a vector by about 0.9 "
        "per step.",
        "zh": "普通 RNN，tanh，谱半径 ρ = 0.9：长期来看，W_hh 每一步把向量缩短为大约 0.9 倍。",
    },
    "preset.exploding-gradients": {"en": "Exploding", "zh": "梯度爆炸"},
    "preset.exploding-gradients.help": {
        "en": "Vanilla RNN, linear (no tanh), spectral radius ρ = 1.1: in the long run W_hh stretches a vector "
        "by about 1.1 per step.",
        "zh": "普通 RNN，线性激活（去掉 tanh），谱半径 ρ = 1.1：长期来看，W_hh 每一步把向量拉长大约 1.1 倍。",
    },
    "preset.edge-of-chaos": {"en": "Edge of chaos", "zh": "混沌边缘"},
    "preset.edge-of-chaos.help": {
        "en": "Vanilla RNN, tanh, spectral radius 1.0: the linear theory's boundary between vanishing and exploding. "
        "Watch which side the tanh network falls on, then try 1.1 and 1.5.",
        "zh": "普通 RNN，tanh，谱半径 1.0：按线性理论，这是梯度消失与梯度爆炸的分界。"
        "看看 tanh 网络落在哪一边，再试试 1.1 和 1.5。",
    },
    "preset.lstm-keeps-the-gradient": {"en": "LSTM keeps the gradient", "zh": "LSTM 留住梯度"},
    "preset.lstm-keeps-the-gradient.help": {
        "en": "RNN and LSTM, tanh, spectral radius 0.9, LSTM forget-gate bias +5 (the forget gate stays near 1).",
        "zh": "RNN 与 LSTM，tanh，谱半径 0.9，LSTM 遗忘门偏置 +5（遗忘门接近 1）。",
    },
    "setting.rho": {"en": "Spectral radius ρ of W_hh", "zh": "W_hh 的谱半径 ρ"},
    "setting.rho.help": {
        "en": "The spectral radius ρ is the largest size |λ| of W_hh's eigenvalues λ (an eigenvalue is a factor "
        "by which W_hh scales a vector along one of its own directions). Multiplying a vector by W_hh again "
        "and again shrinks it in the long run when ρ < 1 and grows it when ρ > 1, by about ρ per step. Every "
        "H×H block of the recurrent matrix W_hh is rescaled so that its spectral radius is ρ; 0 keeps "
        "PyTorch's random initialisation as it is.",
        "zh": "谱半径 ρ 是 W_hh 所有特征值 λ 的模 |λ| 中最大的那个（特征值是 W_hh 沿它自己的某个方向缩放向量的倍数）。"
        "用 W_hh 反复乘一个向量：ρ < 1 时长期看向量越来越短，ρ > 1 时越来越长，大约每步 ρ 倍。"
        "把循环矩阵 W_hh 的每个 H×H 块缩放，使其谱半径为 ρ；0 表示保留 PyTorch 的随机初始化。",
    },
    "setting.nonlinearity": {"en": "RNN activation", "zh": "RNN 激活函数"},
    "setting.nonlinearity.help": {
        "en": "The vanilla RNN's nonlinearity φ in h_t = φ(W_ih x_t + W_hh h_(t−1) + b).",
        "zh": "普通 RNN 的非线性函数 φ：h_t = φ(W_ih x_t + W_hh h_(t−1) + b)。",
    },
    "setting.input_scale": {"en": "Input scale", "zh": "输入缩放"},
    "setting.input_scale.help": {
        "en": "Multiplies every input vector. Large inputs push tanh and the gates into saturation, where their "
        "slope is almost 0.",
        "zh": "把每个输入向量乘上这个数。输入越大，tanh 和各个门越容易饱和，饱和处斜率几乎为 0。",
    },
    "setting.orthogonal": {"en": "Orthogonal W_hh", "zh": "正交 W_hh"},
    "setting.orthogonal.help": {
        "en": "Replace each block of W_hh by ρ·Q with Q a random orthogonal matrix (drawn from the seed): Q only "
        "turns a vector, never changes its length. Then W_hh stretches every vector by exactly ρ (every "
        "singular value equals ρ) and the linear RNN follows the theory exactly.",
        "zh": "把 W_hh 的每个块换成 ρ·Q，Q 为随机正交矩阵（由随机种子决定）：Q 只旋转向量，从不改变它的长度。"
        "这样 W_hh 把每个向量都恰好拉长 ρ 倍（所有奇异值都等于 ρ），线性 RNN 与理论完全吻合。",
    },
    "gradients.length": {
        "en": "T = {T} tokens. For longer sequences (up to 1000) switch on “Use a generated sequence” in the "
        "sidebar and drag its length, or pick a preset.",
        "zh": "T = {T} 个词元。想要更长的序列（最多 1000），请在侧边栏打开“改用随机生成的序列”并拖动长度，"
        "或选一个预设。",
    },
    "gradients.computing": {"en": "Back-propagating through {T} steps…", "zh": "正在沿 {T} 步反向传播……"},
    "gradients.h.gradient": {"en": "How big is the gradient at each step?", "zh": "每一步的梯度有多大？"},
    "gradients.h.why": {"en": "Why: the recurrent matrix W_hh", "zh": "原因：循环矩阵 W_hh"},
    "gradients.h.factors": {"en": "The factors: one Jacobian per step", "zh": "因子：每一步一个雅可比矩阵"},
    "gradients.h.clip": {"en": "Gradient clipping in a real training run", "zh": "真实训练中的梯度裁剪"},
    "gradients.overflow": {
        "en": "{cell}: the gradient overflowed. Going back from t = {T}, ||dL/dh_t|| passed the largest float64 "
        "number (1.8e308) at t = {t}, {k} steps back; from there on it is inf or NaN (crosses at the top).",
        "zh": "{cell}：梯度溢出了。从 t = {T} 往回传，||dL/dh_t|| 在 t = {t}（往回 {k} 步）超过了 float64 能表示的"
        "最大数 1.8e308，此后都是 inf 或 NaN（图顶部的叉号）。",
    },
    "gradients.forward_overflow": {
        "en": "{cell}: the hidden state itself overflowed in the forward pass at t = {t} (h_t is inf or NaN from "
        "there on): the states are no longer numbers. A linear RNN's Jacobian is W_hh at every step whatever "
        "h_t is, so its gradient does not depend on the overflowed states; with tanh a state cannot overflow.",
        "zh": "{cell}：前向计算中隐藏状态本身在 t = {t} 溢出（此后 h_t 为 inf 或 NaN），这些状态已不再是数。"
        "线性 RNN 每一步的雅可比矩阵都是 W_hh，与 h_t 无关，所以它的梯度不受溢出的状态影响；用 tanh 时状态不会溢出。",
    },
    "gradients.match.exact": {
        "en": "Linear RNN with W_hh = ρ·(orthogonal): the measured curve lies on ρ^(T−t)·√H; the largest "
        "relative difference is {gap} (rounding only).",
        "zh": "线性 RNN，W_hh = ρ·（正交矩阵）：实测曲线落在 ρ^(T−t)·√H 上，最大相对误差 {gap}（仅为舍入误差）。",
    },
    "gradients.match.asymptotic": {
        "en": "Linear RNN with a random W_hh rescaled to radius ρ: such a matrix is not orthogonal (its largest "
        "singular value is above ρ), so the measured curve has the slope of ρ^(T−t) only far from T, "
        "shifted by a constant factor (here {ratio} at the earliest step; largest relative difference "
        "{gap}). Switch on “Orthogonal W_hh” for an exact match.",
        "zh": "线性 RNN，随机 W_hh 缩放到谱半径 ρ：这样的矩阵不是正交的（最大奇异值大于 ρ），"
        "所以实测曲线只有在远离 T 处才具有 ρ^(T−t) 的斜率，并相差一个常数倍（最早一步处为 {ratio}；"
        "最大相对差 {gap}）。打开“正交 W_hh”即可完全吻合。",
    },
    "gradients.bound.yes": {
        "en": "Checked: the RNN's measured gradient is at or under the bound σ_max^(T−t)·√H at every finite step.",
        "zh": "已验证：RNN 的实测梯度在每个有限步上都不超过上界 σ_max^(T−t)·√H。",
    },
    "gradients.bound.no": {
        "en": "The RNN's gradient goes above σ_max^(T−t)·√H somewhere: this should not happen; please report it.",
        "zh": "RNN 的梯度在某处超过了 σ_max^(T−t)·√H：这不应发生，请报告此问题。",
    },
    "gradients.spectrum": {
        "en": "**Vanilla RNN, {phi}:** spectral radius ρ(W_hh) = **{rho}**, largest singular value "
        "σ_max(W_hh) = **{sigma}** (the most W_hh can stretch a vector in one step).",
        "zh": "**普通 RNN，{phi}：** 谱半径 ρ(W_hh) = **{rho}**，最大奇异值 σ_max(W_hh) = **{sigma}**"
        "（W_hh 一步之内最多能把向量拉长的倍数）。",
    },
    "gradients.regime.vanish": {
        "en": "Vanishes. Linear RNN with ρ = {rho} < 1: far from T the gradient shrinks by ρ at every step.",
        "zh": "梯度消失。线性 RNN 且 ρ = {rho} < 1：远离 T 时，梯度每一步缩小为原来的 ρ 倍。",
    },
    "gradients.regime.explode": {
        "en": "Explodes. Linear RNN with ρ = {rho} > 1: far from T the gradient grows by ρ at every step.",
        "zh": "梯度爆炸。线性 RNN 且 ρ = {rho} > 1：远离 T 时，梯度每一步放大为原来的 ρ 倍。",
    },
    "gradients.regime.edge": {
        "en": "On the edge. Linear RNN with ρ = {rho}: the gradient neither shrinks nor grows exponentially.",
        "zh": "临界。线性 RNN 且 ρ = {rho}：梯度既不指数缩小，也不指数增长。",
    },
    "gradients.regime.bounded": {
        "en": "Vanishes, guaranteed. The slope of tanh and relu is at most 1, so each factor is at most "
        "σ_max = {sigma} < 1, and the gradient is at most σ_max^(T−t)·√H (Pascanu, Mikolov & Bengio 2013: "
        "σ_max < 1 is sufficient for vanishing).",
        "zh": "必然消失。tanh 和 relu 的斜率不超过 1，所以每个因子不超过 σ_max = {sigma} < 1，"
        "梯度不超过 σ_max^(T−t)·√H（Pascanu、Mikolov 与 Bengio 2013：σ_max < 1 是梯度消失的充分条件）。",
    },
    "gradients.regime.open": {
        "en": "Not decided by W_hh alone. σ_max = {sigma} ≥ 1 is necessary for exploding but not sufficient: "
        "saturated units (slope near 0) can still make the gradient vanish. The measured curve decides.",
        "zh": "仅凭 W_hh 无法判定。σ_max = {sigma} ≥ 1 是梯度爆炸的必要条件而非充分条件："
        "饱和的隐藏单元（斜率接近 0）仍可能让梯度消失。以实测曲线为准。",
    },
    "gradients.matrix.orthogonal": {
        "en": "W_hh = ρ·Q with Q orthogonal: all eigenvalues lie on the circle of radius ρ and σ_max = ρ.",
        "zh": "W_hh = ρ·Q，Q 为正交矩阵：所有特征值都在半径为 ρ 的圆上，且 σ_max = ρ。",
    },
    "gradients.matrix.random": {
        "en": "W_hh is PyTorch's random matrix (rescaled to radius ρ if ρ > 0). It is not a normal matrix"
        " (its eigenvectors are not at right angles), so σ_max is "
        "larger than ρ: ρ tells the long-run rate, σ_max the worst single step.",
        "zh": "W_hh 是 PyTorch 的随机矩阵（若 ρ > 0 则缩放到谱半径 ρ）。它不是正规矩阵（特征向量互不垂直），"
        "所以 σ_max 大于 ρ："
        "ρ 决定长期的速率，σ_max 决定单步最坏情况。",
    },
    "gradients.gated": {
        "en": "LSTM and GRU: their W_hh blocks are rescaled to ρ too, but this theory is about the vanilla RNN. "
        "In a gated cell the memory path is multiplied by a gate (the LSTM's forget gate f_t, the GRU's "
        "update gate z_t), not by W_hh: see the factors below.",
        "zh": "LSTM 与 GRU：它们的 W_hh 各块也缩放到 ρ，但这一理论针对普通 RNN。门控网络的记忆通路乘的是门"
        "（LSTM 的遗忘门 f_t，GRU 的更新门 z_t），而不是 W_hh：见下面的因子图。",
    },
    "gradients.factor.lstm": {
        "en": "For the LSTM the factor is the Jacobian of the whole state [h; c]. Back-propagation multiplies these "
        "full Jacobians; the h→h block alone would leave out the cell-state path c_(t−1) → c_t, whose "
        "Jacobian is diag(f_t) (dotted line), and that is the path that carries the gradient far back.",
        "zh": "对 LSTM，因子取整个状态 [h; c] 的雅可比矩阵。反向传播相乘的正是这些完整的雅可比矩阵；"
        "只看 h→h 块会漏掉细胞状态通路 c_(t−1) → c_t，它的雅可比矩阵是 diag(f_t)（点线），"
        "而梯度正是沿这条通路传得远。",
    },
    "gradients.rates.head": {
        "en": "Actual against possible, as geometric means over the sequence (the ceiling can be above 1 while the "
        "gradient still shrinks: it only reaches the ceiling if it lines up with each step's most-stretched "
        "direction):",
        "zh": "实际倍数与上限的比较（整段序列上的几何平均；上限可以大于 1 而梯度仍在缩小：只有当梯度恰好对准每一步"
        "拉伸最多的方向时，才会达到上限）：",
    },
    "gradients.rates": {
        "en": "{cell}: the gradient was actually multiplied by ×{actual} per step; "
        "the ceiling ||J_t||₂ averaged ×{ceiling}.",
        "zh": "{cell}：梯度实际上每步乘以 ×{actual}；上限 ||J_t||₂ 的平均为 ×{ceiling}。",
    },
    "gradients.clip.task": {
        "en": "The task: read {L} random inputs and output the sum of their first coordinates (divided by √{L}, "
        "so always outputting 0 scores a loss of 1). Every input counts, so the gradient has to travel back "
        "through all {L} steps. The vanilla RNN above (same seed, ρ, activation) plus a linear readout is "
        "trained twice from the same weights on the same batches: {n} updates of plain SGD (stochastic "
        "gradient descent: each update moves the weights a small step against the gradient of one batch; "
        "batch {B}, learning rate {lr}), once without and once with clipping by global norm "
        "(torch.nn.utils.clip_grad_norm_).",
        "zh": "任务：读入 {L} 个随机输入，输出它们第一个分量之和（除以 √{L}，因此始终输出 0 的损失为 1）。"
        "每个输入都有贡献，所以梯度必须穿过全部 {L} 步传回去。上面的普通 RNN（相同的种子、ρ 和激活函数）"
        "加一个线性输出层，从相同的权重、用相同的小批量训练两次：{n} 次普通 SGD 更新（随机梯度下降：每次更新让权重"
        "沿一个小批量的梯度的反方向走一小步；批大小 {B}，学习率 {lr}），"
        "一次不裁剪，一次按全局范数裁剪（torch.nn.utils.clip_grad_norm_）。",
    },
    "setting.clip": {"en": "Clipping threshold c (global norm)", "zh": "裁剪阈值 c（全局范数）"},
    "setting.clip.help": {
        "en": "If the gradient of all parameters together is longer than c, it is scaled down to length c: same "
        "direction, capped step.",
        "zh": "如果所有参数的梯度合起来的长度超过 c，就把它缩放到长度 c：方向不变，步长封顶。",
    },
    "gradients.clip.progress": {"en": "Training both runs…", "zh": "正在训练两次……"},
    "gradients.clip.run": {"en": "Train both runs", "zh": "开始这两次训练"},
    "gradients.clip.waiting": {
        "en": "A few seconds of training; once someone has run it for these settings, everyone sees it at once.",
        "zh": "需要几秒钟的训练；只要有人在这组设置下运行过一次，所有人都能立刻看到结果。",
    },
    "gradients.clip.above": {
        "en": "In the clipped run the gradient was above c = {c} in {k} of {n} updates; those steps were scaled down.",
        "zh": "在裁剪的那次训练中，{n} 次更新里有 {k} 次梯度超过 c = {c}，这些步被缩小了。",
    },
    "gradients.clip.diverged": {
        "en": "{who}: the loss or the gradient became inf or NaN at update {k}, and training stopped there.",
        "zh": "{who}：第 {k} 次更新时损失或梯度变成了 inf 或 NaN，训练在此停止。",
    },
    "gradients.clip.final": {
        "en": "{who}: loss over the last 10 updates {loss} (always outputting 0 gives 1).",
        "zh": "{who}：最后 10 次更新的平均损失 {loss}（始终输出 0 的损失为 1）。",
    },
    "gradients.look.grad": {
        "en": "The right end is t = T, where the gradient starts (√H for L = sum of h_T). Read the chart from right "
        "to left: a straight line on this log scale means the same factor at every step. A vanilla RNN's "
        "line falls (or climbs) steeply. The dashed line ρ^(T−t)·√H is exact only for a linear RNN whose W_hh "
        "is ρ times an orthogonal matrix; with tanh or another W_hh the line that holds is the dotted upper "
        "bound σ_max^(T−t)·√H, where σ_max is the most W_hh can stretch a vector in one step (tanh's slope "
        "is at most 1, so it can only shrink the gradient further), and the measured gradient stays below it.",
        "zh": "最右端 t = T 是梯度的起点（L = h_T 各分量之和时为 √H）。从右往左读：在对数坐标上是一条直线，"
        "就说明每一步乘的是同一个因子。普通 RNN 的线下降（或上升）得很陡。虚线 ρ^(T−t)·√H 只在线性 RNN 且 "
        "W_hh 等于 ρ 乘一个正交矩阵时精确成立；用 tanh 或其他 W_hh 时，成立的是点线上界 σ_max^(T−t)·√H，"
        "σ_max 是 W_hh 一步之内最多能把向量拉长的倍数（tanh 的斜率不超过 1，只会让梯度更小），"
        "实测梯度始终在它下方。",
    },
    "gradients.look.eig": {
        "en": "Eigenvalues inside the black unit circle shrink what lies along them at every step; outside, they "
        "grow it. The dashed circle is the radius ρ you set. The dotted circle, σ_max, bounds how much a "
        "single step can stretch any vector.",
        "zh": "黑色单位圆内的特征值，会让沿其方向的分量每一步都缩小；圆外的则会放大。虚线圆是你设定的谱半径 ρ。"
        "点线圆 σ_max 是单步能把任意向量拉长的上限。",
    },
    "gradients.look.factor": {
        "en": "Each point is one step's multiplier, ||J_t||₂, the most that step can stretch the gradient. Points "
        "below the black line at 1 shrink it; the gradient at t is at most the product of all factors after t. "
        "The RNN's points never go above the dashed σ_max line.",
        "zh": "每个点是一步的乘数 ||J_t||₂，即这一步最多能把梯度拉长多少倍。低于黑线 1 的点让梯度变小；"
        "t 处的梯度不超过 t 之后所有因子的乘积。RNN 的点从不超过虚线 σ_max。",
    },
    "gradients.look.clip": {
        "en": "Left: the orange run's gradient norm against the dashed threshold; everything above the line is cut "
        "down to it in the blue run. Right: if the orange loss shoots up or stops (inf or NaN), the blue one "
        "usually keeps learning.",
        "zh": "左图：橙色曲线是不裁剪时的梯度范数，虚线是阈值；蓝色那次训练中，高于虚线的部分都被削到阈值。"
        "右图：如果橙色的损失飙升或中断（inf 或 NaN），蓝色的通常还能继续学习。",
    },
    "gradients.try": {
        "en": "Pick “Exploding”, switch “Orthogonal W_hh” on and set ρ to 3 with T = 1000: the gradient overflows "
        "float64 about 645 steps back. Then choose tanh: with the same ρ the gradient still grows, but far "
        "more slowly and without overflowing, because saturated units have a slope near 0. Finally set the "
        "clipping threshold to 100: as long as no gradient norm is above it, the blue run is the orange one.",
        "zh": "选“梯度爆炸”，打开“正交 W_hh”，把 ρ 设为 3、T 设为 1000：梯度大约在往回 645 步处超出 float64 的范围。"
        "再换成 tanh：同样的 ρ 下梯度仍在增长，但慢得多，也不再溢出，因为饱和的隐藏单元斜率接近 0。"
        "最后把裁剪阈值设为 100：只要没有梯度范数超过它，蓝色那次训练就与橙色的完全相同。",
    },
    # figures
    "gradients.fig.grad.title.top": {
        "en": "Gradient norm ||dL/dh_t|| of the top layer back through time (T = {T}, L = sum of its final states)",
        "zh": "最上层的梯度范数 ||dL/dh_t|| 随时间反向传播（T = {T}，L = 它的最终状态之和）",
    },
    "gradients.fig.grad.title": {
        "en": "Gradient norm ||dL/dh_t|| back through time (T = {T}, L = sum of h_T)",
        "zh": "梯度范数 ||dL/dh_t|| 随时间反向传播（T = {T}，L = h_T 各分量之和）",
    },
    "gradients.fig.grad.y": {"en": "||dL/dh_t|| (log scale)", "zh": "||dL/dh_t||（对数坐标）"},
    "gradients.fig.t": {"en": "time step t", "zh": "时间步 t"},
    "gradients.fig.theory.rho": {
        "en": "ρ^(T−t)·√H, ρ = {rate}: exact for a linear RNN with orthogonal W_hh",
        "zh": "ρ^(T−t)·√H，ρ = {rate}：仅对线性且 W_hh 正交的 RNN 精确成立",
    },
    "gradients.fig.theory.sigma": {
        "en": "upper bound σ_max^(T−t)·√H, σ_max = {rate}",
        "zh": "上界 σ_max^(T−t)·√H，σ_max = {rate}",
    },
    "gradients.fig.nonfinite": {"en": "{name}: inf / NaN", "zh": "{name}：inf / NaN"},
    "gradients.fig.nonfinite.hover": {"en": "t = %{x}: inf or NaN (overflow)", "zh": "t = %{x}：inf 或 NaN（溢出）"},
    "gradients.fig.nonfinite.at": {
        "en": "{name}: inf / NaN from t = {t} back",
        "zh": "{name}：从 t = {t} 往前为 inf / NaN",
    },
    "gradients.fig.float_max": {"en": "largest float64 number, 1.8e308", "zh": "float64 最大数 1.8e308"},
    "gradients.fig.factor.title": {
        "en": "Per-step factors ||∂s_t/∂s_(t−1)||₂: how much each step can stretch the gradient",
        "zh": "每步因子 ||∂s_t/∂s_(t−1)||₂：每一步最多把梯度拉长多少倍",
    },
    "gradients.fig.factor.y": {"en": "||J_t||₂ (log scale)", "zh": "||J_t||₂（对数坐标）"},
    "gradients.fig.factor.name": {"en": "{cell}: ||J_t||₂", "zh": "{cell}：||J_t||₂"},
    "gradients.fig.factor.memory": {
        "en": "LSTM cell-state path ||∂c_t/∂c_(t−1)||₂ = largest forget gate",
        "zh": "LSTM 细胞状态通路 ||∂c_t/∂c_(t−1)||₂ = 最大的遗忘门值",
    },
    "gradients.fig.one": {"en": "1: keeps the size", "zh": "1：大小不变"},
    "gradients.fig.sigma_line": {
        "en": "σ_max(W_hh) = {sigma}: the RNN's ceiling",
        "zh": "σ_max(W_hh) = {sigma}：RNN 的上限",
    },
    "gradients.fig.eig.title": {"en": "Eigenvalues of the vanilla RNN's W_hh", "zh": "普通 RNN 的 W_hh 的特征值"},
    "gradients.fig.eig.x": {"en": "real part", "zh": "实部"},
    "gradients.fig.eig.y": {"en": "imaginary part", "zh": "虚部"},
    "gradients.fig.eig.unit": {"en": "unit circle", "zh": "单位圆"},
    "gradients.fig.eig.rho": {"en": "radius ρ = {r}", "zh": "半径 ρ = {r}"},
    "gradients.fig.eig.sigma": {"en": "radius σ_max = {r}", "zh": "半径 σ_max = {r}"},
    "gradients.fig.eig.points": {"en": "eigenvalues λ", "zh": "特征值 λ"},
    "gradients.fig.run.plain": {"en": "without clipping", "zh": "不裁剪"},
    "gradients.fig.run.clipped": {"en": "with clipping", "zh": "使用裁剪"},
    "gradients.fig.run.diverged": {"en": "inf / NaN at update {k}", "zh": "第 {k} 次更新出现 inf / NaN"},
    "gradients.fig.update": {"en": "update (SGD step)", "zh": "更新次数（SGD 步）"},
    "gradients.fig.threshold": {"en": "threshold c = {c}", "zh": "阈值 c = {c}"},
    "gradients.fig.clipnorm.title": {
        "en": "Gradient norm per update, before clipping",
        "zh": "每次更新的梯度范数（裁剪前）",
    },
    "gradients.fig.clipnorm.y": {"en": "global gradient norm (log scale)", "zh": "全局梯度范数（对数坐标）"},
    "gradients.fig.loss.title": {"en": "Training loss per update", "zh": "每次更新的训练损失"},
    "gradients.fig.loss.y": {"en": "mean squared error (log scale)", "zh": "均方误差（对数坐标）"},
    "gradients.fig.baseline": {"en": "always outputting 0", "zh": "始终输出 0"},
    "gradients.fig.layer.title": {
        "en": "||dL/dh_t|| in every layer and direction (L = the sum of the top layer's final states)",
        "zh": "每一层、每个方向的 ||dL/dh_t||（L = 最上层最终状态之和）",
    },
    "gradients.fig.layer.name": {
        "en": "{cell}, layer {layer}, {direction}",
        "zh": "{cell}，第 {layer} 层，{direction}",
    },
    "gradients.fig.direction.forward": {"en": "forward", "zh": "正向"},
    "gradients.fig.direction.backward": {"en": "backward", "zh": "反向"},
    "gradients.h.layers": {"en": "Layer by layer", "zh": "逐层来看"},
    "gradients.layers.loss": {
        "en": "With several layers or both directions, L is the sum of the top layer's final states (the forward "
        "direction's h_T and, for a bidirectional cell, the backward direction's h_1, which has read the whole "
        "sequence from its end). Each line is ||dL/dh_t|| for one layer and direction, counting "
        "every path through time and through the layers above (automatic differentiation).",
        "zh": "有多层或双向时，L 是最上层最终状态之和（正向的 h_T；双向网络还有反向的 h_1，它从末尾读完了整个序列）。"
        "每条线是某一层、某个方向的 ||dL/dh_t||，包含穿过时间和穿过上面各层的所有路径（自动微分）。",
    },
    "gradients.look.layers": {
        "en": "Compare the layers of one cell at the same t: the lower layer's gradient has gone through one more "
        "cell on its way from L, so see whether it is smaller, and whether it falls faster going back. For a "
        "bidirectional cell, the backward direction's part of L sits at t = 1: read its lines from the left.",
        "zh": "在同一个 t 比较同一种网络的各层：下层的梯度从 L 传来时多经过了一层，看看它是否更小、"
        "往回是否下降得更快。"
        "双向网络中，L 里反向的那部分在 t = 1：反向的线要从左往右读。",
    },
    "gradients.one_way": {
        "en": "The theory lines and the per-step factors are for a chain of one-way steps. A bidirectional cell has "
        "two chains that meet in every h_t, so they are not drawn for it; set the direction to one way to see "
        "them. The spectrum below is of the first layer's forward W_hh, and the clipping "
        "experiment trains a one-layer, one-way RNN.",
        "zh": "理论线和每步因子针对的是单向的一串时间步。双向网络有两条在每个 h_t 相遇的链，所以不为它画这些；"
        "把方向设为单向就能看到。下面的谱是第一层正向的 W_hh，梯度裁剪实验训练的是单层单向 RNN。",
    },
    "gradients.stacked": {
        "en": "With {layers} layers, the gradient chart above is the top layer's, the state s_t of the factors is "
        "every layer's state together, and the theory lines (one H x H matrix) are not drawn. The spectrum below "
        "is of the first layer's W_hh, and the clipping experiment trains a one-layer RNN.",
        "zh": "有 {layers} 层时，上面的梯度图是最上层的，因子里的状态 s_t 是所有层的状态合在一起，理论线（针对一个 "
        "H x H 矩阵）不画。下面的谱是第一层的 W_hh，梯度裁剪实验训练的是单层 RNN。",
    },
    "gradients.look.grad.layers": {
        "en": "Each line is the top layer's ||dL/dh_t|| (for a bidirectional cell, of both directions' h_t side by "
        "side). Read it from the right, where L sits; a straight stretch on this log scale means the same factor "
        "at every step. No theory line is drawn here: it is for one layer read one way.",
        "zh": "每条线是最上层的 ||dL/dh_t||（双向网络是两个方向的 h_t 并排）。从 L 所在的右端往左读；"
        "在对数坐标上的一段直线说明每一步乘的是同一个因子。这里不画理论线：它针对的是单层、单向的网络。",
    },
}
