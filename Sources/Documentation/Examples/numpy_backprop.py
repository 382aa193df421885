"""A small NumPy backprop, as a project might have its own, checked in CI by backprop's compare.

Reads a backprop trace for its network and example (sigmoid neurons, any of backprop's costs but
log-likelihood), runs its own forward and backward pass, and prints its own trace on standard
output in the shape compare reads. Usage: python3 numpy_backprop.py REFERENCE.json > OURS.json
"""
import json
import math
import sys

import numpy as np


def values(v):
    """Any array as a flat list of floats; NaN and ±∞ as the strings a trace uses."""
    return [x if math.isfinite(x) else "NaN" if x != x else "Infinity" if x > 0 else "-Infinity"
            for x in np.asarray(v, dtype=float).ravel().tolist()]


reference = json.load(open(sys.argv[1]))
net, example = reference["network"], reference["example"]
# W[l][j, k]: neuron k of layer l -> neuron j of layer l+1
W = [np.array(w) for w in net["weights"]]
b = [np.array(v) for v in net["biases"]]
x, y = np.array(example["input"]), np.array(example["target"])

z, a = [None], [x]
for Wl, bl in zip(W, b):
    z.append(Wl @ a[-1] + bl)
    a.append(1 / (1 + np.exp(-z[-1])))
L = len(a) - 1
slope = [None] + [al * (1 - al) for al in a[1:]]              # σ′(z) = a(1 − a)
cost, dC_da = {
    "quadratic": (0.5 * np.sum((a[L] - y) ** 2), a[L] - y),
    "sum-of-squares": (np.sum((a[L] - y) ** 2), 2 * (a[L] - y)),
    "cross-entropy": (-np.sum(y * np.log(a[L]) + (1 - y) * np.log(1 - a[L])), None),
}[net["cost"]]
delta = [None] * (L + 1)
delta[L] = a[L] - y if dC_da is None else dC_da * slope[L]   # cross-entropy: δ = a − y
for l in range(L - 1, 0, -1):
    delta[l] = (W[l].T @ delta[l + 1]) * slope[l]

json.dump({
    "network": net,
    "example": example,
    "layers": [{"z": None if l == 0 else values(z[l]), "a": values(a[l]),
                "delta": None if l == 0 else values(delta[l])} for l in range(L + 1)],
    "gradients": {
        "weights": [[values(row) for row in np.outer(delta[l + 1], a[l])] for l in range(L)],
        "biases": [values(delta[l + 1]) for l in range(L)],
    },
    "cost": values([cost])[0],
}, sys.stdout, allow_nan=False)
