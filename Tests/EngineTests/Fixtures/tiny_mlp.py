"""Known answers for TinyNetworkKnownAnswerTests: a 3-4-3 ReLU MLP on a batch of 2, in float64.

Independent of the Swift engine: plain numpy, written from the textbook formulas
(logits = relu(x W1 + b1) W2 + b2; mean softmax cross-entropy). Run: python3 tiny_mlp.py
and paste the printed values into TinyNetworkKnownAnswerTests.swift.
Also prints one SGD-momentum step and one Adam step on W2 (lr 0.1) for the optimizer tests.
"""
import numpy as np

x = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
labels = np.array([2, 0])
W1 = np.array([[0.1, -0.2, 0.3, 0.4], [-0.5, 0.6, -0.7, 0.8], [0.9, -1.0, 0.11, -0.12]])
b1 = np.array([0.01, -0.02, 0.03, -0.04])
W2 = np.array([[0.2, -0.3, 0.4], [-0.5, 0.6, 0.7], [0.8, -0.9, 0.1], [-0.11, 0.12, 0.13]])
b2 = np.array([0.05, -0.06, 0.07])

h_pre = x @ W1 + b1
h = np.maximum(h_pre, 0)
z = h @ W2 + b2
p = np.exp(z - z.max(axis=1, keepdims=True))
p /= p.sum(axis=1, keepdims=True)
n = x.shape[0]
loss = -np.log(p[np.arange(n), labels]).mean()
dz = p.copy()
dz[np.arange(n), labels] -= 1
dz /= n
dW2 = h.T @ dz
db2 = dz.sum(axis=0)
dh = dz @ W2.T
dh_pre = dh * (h_pre > 0)
dW1 = x.T @ dh_pre
db1 = dh_pre.sum(axis=0)

def show(name, a):
    print(f"let {name}: [Float] = [{', '.join(f'{v:.9g}' for v in np.ravel(a))}]")

print(f"let loss = {loss:.12g}")
show("logits", z); show("dW1", dW1); show("db1", db1); show("dW2", dW2); show("db2", db2)

# SGD with momentum 0.9, weight decay 0.01, two steps with the same gradient (PyTorch semantics).
lr, mu, wd = 0.1, 0.9, 0.01
w, v = W2.copy(), np.zeros_like(W2)
for _ in range(2):
    d = dW2 + wd * w
    v = mu * v + d
    w = w - lr * v
show("sgdW2", w)

# AdamW, two steps with the same gradient: beta1 .9, beta2 .999, eps 1e-8, decoupled decay 0.01.
b1_, b2_, eps = 0.9, 0.999, 1e-8
w, m, s = W2.copy(), np.zeros_like(W2), np.zeros_like(W2)
for t in (1, 2):
    m = b1_ * m + (1 - b1_) * dW2
    s = b2_ * s + (1 - b2_) * dW2 ** 2
    mhat, shat = m / (1 - b1_ ** t), s / (1 - b2_ ** t)
    w = w * (1 - lr * wd) - lr * mhat / (np.sqrt(shat) + eps)
show("adamW2", w)
