"""A workspace's own event classifier: the shipped model (classify.py) adapted to the analyst's corrections.

Each correction is a labelled sentence — an accepted event is its type, a retyped one the new type, a rejected one
``none`` — seen exactly as the classifier sees it at extraction (``features`` of its ``SentenceView``). The
adapted model keeps every shipped weight and learns an offset for the features of the corrected sentences only,
by the same multinomial logistic regression, with an L2 pull towards zero offset (the classes' priors, the
bias, stay as shipped: a run of rejections must not make every sentence less of an event): a few corrections move what
they are about and leave the rest of the model as shipped. Deterministic (full-batch Adam from zero offsets);
pure NumPy, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .classify import EventModel

#: The pull towards the shipped weights (per example, as in training); chosen by bench/learning_curve.py on the
#: train split's corrections scored on the DEV split.
L2 = 1.0
STEPS = 300
LEARNING_RATE = 0.05


def adapt(base: EventModel, examples: Sequence[tuple[Mapping[str, float], str]], l2: float = L2,
          steps: int = STEPS) -> EventModel:
    """``base`` with offsets learned from ``(features, label)`` examples (labels: the model's classes; others are
    left out). Without usable examples, ``base`` itself."""
    classes = list(base.classes)
    rows = [(f, classes.index(y)) for f, y in examples if y in classes]
    if not rows:
        return base
    names = sorted({k for f, _ in rows for k in f} - {"bias"})  # the classes' priors stay as shipped
    col = {k: i for i, k in enumerate(names)}
    # the examples as sparse (row, feature, value) triples, a sentence having a few dozen features of thousands;
    # products are summed by np.add.reduceat over the triples sorted by row (X @ w) or by feature (X.T @ g)
    trip = sorted((i, col[k], value) for i, (f, _) in enumerate(rows) for k, value in f.items() if k in col)
    r = np.array([t[0] for t in trip], dtype=np.int64)
    c = np.array([t[1] for t in trip], dtype=np.int64)
    val = np.array([t[2] for t in trip], dtype=np.float64)[:, None]
    n = len(rows)
    row_ids, row_starts = np.unique(r, return_index=True)
    by_col = np.argsort(c, kind="stable")
    c_sorted, r_by_col, val_by_col = c[by_col], r[by_col], val[by_col]
    col_ids, col_starts = np.unique(c_sorted, return_index=True)  # every feature named occurs: all columns

    def times(w: np.ndarray) -> np.ndarray:  # X @ w
        out = np.zeros((n, w.shape[1]))
        if len(r):
            out[row_ids] = np.add.reduceat(val * w[c], row_starts, axis=0)
        return out

    def t_times(g: np.ndarray) -> np.ndarray:  # X.T @ g
        out = np.zeros((len(names), g.shape[1]))
        if len(c):
            out[col_ids] = np.add.reduceat(val_by_col * g[r_by_col], col_starts, axis=0)
        return out

    w0 = np.array([base.weights.get(k, (0.0,) * len(classes)) for k in names], dtype=np.float64)
    onehot = np.eye(len(classes))[[y for _, y in rows]]
    z0 = times(w0) + np.array(base.bias)
    delta = np.zeros_like(w0)
    m = np.zeros_like(w0)
    v = np.zeros_like(w0)
    b1, b2 = 0.9, 0.999
    for t in range(1, steps + 1):
        z = z0 + times(delta)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = t_times(p - onehot) / n + l2 * delta / n
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        delta -= LEARNING_RATE * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + 1e-8)
    weights = dict(base.weights)
    for k, i in col.items():
        weights[k] = tuple(float(a) for a in w0[i] + delta[i])
    bias = list(base.bias)
    return EventModel(classes, weights, bias, base.keep_threshold, base.calibration)

