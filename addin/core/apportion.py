"""Exact-sum rounding: split whole units so every part is its exact share rounded down or
up and every total adds up exactly.

Two tools do the work. `cumulative_round` rounds the running total instead of each part,
so any run of consecutive parts (a region's reps, a rep's products) stays within one unit
of its exact sum. `rebalance_columns` then moves single units sideways inside rows (which
keeps every row total) until the column totals (months, products) hit their own roundings,
by direct swaps first and augmenting paths for what is left. Everything is numpy and
deterministic: ties go to the lower index.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from itertools import pairwise

import numpy as np

SNAP = 1e-7  # exact shares this close to a whole unit are taken as whole (float noise)

# (row indices, from column, to column) -> preference score per row; higher moves first
ScoreFn = Callable[[np.ndarray, int, int], np.ndarray]


def snap(x: np.ndarray) -> np.ndarray:
    """Whole numbers hidden by float noise (2.9999999999) become whole again."""
    r = np.rint(x)
    return np.where(np.abs(x - r) < SNAP, r, x)


def bounds(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(floor, ceil) of exact shares as int64, after snapping float noise."""
    x = snap(x)
    return np.floor(x).astype(np.int64), np.ceil(x).astype(np.int64)


def cumulative_round(exact: np.ndarray, total: int) -> np.ndarray:
    """Whole parts summing to `total`, each its exact share rounded down or up.

    Rounds the running sum (half up) and takes differences, so every prefix, and hence
    every run of consecutive parts, is within one unit of its exact sum. `exact` must be
    non-negative and sum to `total` up to float noise.
    """
    exact = np.asarray(exact, dtype=np.float64).ravel()
    if exact.size == 0:
        return np.zeros(0, dtype=np.int64)
    # half up, with ties decided a hair early so float noise on either side of an exact
    # .5 (prefix sums like 1004.4999999 and 3012.5000001) rounds the same way
    running = np.floor(np.cumsum(exact) + (0.5 + SNAP)).astype(np.int64)
    running[-1] = total
    np.minimum.accumulate(running[::-1], out=running[::-1])  # never decreasing
    out = np.diff(running, prepend=0)
    lo, hi = bounds(exact)
    if (out < lo).any() or (out > hi).any():  # only float noise at a .5 boundary does this
        return largest_remainder(exact, total)
    return out


def largest_remainder(exact: np.ndarray, total: int) -> np.ndarray:
    """Whole parts summing to `total`: floors, plus one for the largest remainders."""
    exact = snap(np.asarray(exact, dtype=np.float64).ravel())
    lo = np.floor(exact).astype(np.int64)
    short = int(total - lo.sum())
    if short <= 0:
        return lo
    frac = exact - lo
    order = np.lexsort((np.arange(exact.size), -frac))
    out = lo.copy()
    out[order[:short]] += 1
    return out


def rebalance_columns(value: np.ndarray, lo: np.ndarray, hi: np.ndarray, targets: np.ndarray,
                      score: ScoreFn | None = None) -> np.ndarray:
    """Move units within rows (row totals never change, cells stay in [lo, hi]) until the
    column totals equal `targets` where that is possible; return the columns' remaining
    surplus (all zero when it worked). `value` is changed in place.
    """
    n, k = value.shape
    dev = value.sum(axis=0) - np.asarray(targets, dtype=np.int64)
    if not dev.any() or n == 0:
        return dev

    def moves(i: int, j: int, wanted: int) -> int:
        rows = np.flatnonzero((value[:, i] > lo[:, i]) & (value[:, j] < hi[:, j]))
        if rows.size == 0:
            return 0
        t = min(wanted, rows.size)
        if t < rows.size:
            s = score(rows, i, j) if score is not None else np.zeros(rows.size)
            rows = rows[np.lexsort((rows, -s))[:t]]
        value[rows, i] -= 1
        value[rows, j] += 1
        dev[i] -= t
        dev[j] += t
        return t

    # 1. direct swaps, biggest surplus against biggest deficit first
    for _ in range(4 * k):
        moved = 0
        for i in np.argsort(-dev, kind="stable"):
            if dev[i] <= 0:
                break
            for j in np.argsort(dev, kind="stable"):
                if dev[j] >= 0 or dev[i] <= 0:
                    break
                moved += moves(int(i), int(j), int(min(dev[i], -dev[j])))
        if moved == 0 or not dev.any():
            break
    # 2. what direct swaps cannot do: chains of swaps through other columns
    while (dev > 0).any():
        path = _augmenting_path(value, lo, hi, dev)
        if path is None:
            break
        if not all(moves(a, b, 1) for a, b in pairwise(path)):
            break
    return dev


def _augmenting_path(value: np.ndarray, lo: np.ndarray, hi: np.ndarray, dev: np.ndarray
                     ) -> list[int] | None:
    """Shortest chain of columns surplus -> ... -> deficit where each step has a row that
    can give a unit from one column to the next (breadth-first over the k columns)."""
    can_give = (value > lo).astype(np.float64)
    can_take = (value < hi).astype(np.float64)
    edge = (can_give.T @ can_take) > 0
    np.fill_diagonal(edge, False)
    k = dev.size
    parent = np.full(k, -1)
    seen = np.zeros(k, dtype=bool)
    queue = deque(int(i) for i in np.flatnonzero(dev > 0))
    seen[list(queue)] = True
    while queue:
        a = queue.popleft()
        for b in np.flatnonzero(edge[a] & ~seen):
            b = int(b)
            parent[b] = a
            if dev[b] < 0:
                path = [b]
                while parent[path[-1]] >= 0:
                    path.append(int(parent[path[-1]]))
                return path[::-1]
            seen[b] = True
            queue.append(b)
    return None
