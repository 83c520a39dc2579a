#!/usr/bin/python3
"""Writes the benchmark's data: 20 numeric features x 1,000,000 rows (current) and another 1,000,000 rows
(reference, each feature sorted as a stored reference would be), plus one categorical column, as .npy files that
both the C# benchmark and scipy_bench.py read, so that both compute on the same numbers.

Usage: make_data.py OUT_DIR [ROWS]
Half the features (the even ones) draw the reference from a slightly different distribution than the current rows.
"""
import json
import os
import sys

import numpy as np

FEATURES = 20
CATEGORIES = ['web', 'ios', 'android', 'partner', 'email', 'sms', 'store', 'phone', 'kiosk', 'tv', 'radio', 'other']


def draw(rng, f, n, drifted):
    """Feature f: 20 shapes (continuous, skewed, heavy-tailed, discrete with ties); drifted moves it slightly."""
    s = 1.0 if not drifted else 1.0 + 0.01 * (1 + f % 3)  # scale up to 3 %
    m = 0.0 if not drifted else 0.005 * (1 + f % 5)      # shift up to 0.025
    kind = f % 10
    if kind == 0:
        return rng.normal(m, s, n)
    if kind == 1:
        return rng.lognormal(m, 0.8 * s, n)
    if kind == 2:
        return rng.exponential(2.0 * s, n) + m
    if kind == 3:
        return rng.uniform(-1 + m, 1 + m, n) * s
    if kind == 4:
        return rng.standard_t(3, n) * s + m
    if kind == 5:
        return rng.poisson(4.0 * s + m, n).astype(np.float64)  # ties
    if kind == 6:
        return np.round(rng.normal(50 + 10 * m, 10 * s, n), 1)  # ties: one decimal
    if kind == 7:
        return rng.gamma(2.0 * s, 1.5, n) + m
    if kind == 8:
        return rng.beta(2.0 * s, 5.0, n) + m
    mix = rng.uniform(size=n) < 0.3
    return np.where(mix, rng.normal(-2 + m, 0.5 * s, n), rng.normal(1 + m, 1.0 * s, n))


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20240612)
    current = np.empty((FEATURES, rows))
    reference = np.empty((FEATURES, rows))
    for f in range(FEATURES):
        current[f] = draw(rng, f, rows, drifted=False)
        reference[f] = np.sort(draw(rng, f, rows, drifted=f % 2 == 0))
    np.save(os.path.join(out, 'current.npy'), current)
    np.save(os.path.join(out, 'reference_sorted.npy'), reference)

    # Categorical: 12 channels; the current data shifts the mix a little and adds a channel the reference never saw.
    k = len(CATEGORIES)
    ref_p = np.linspace(2, 1, k)
    ref_p /= ref_p.sum()
    cur_p = ref_p * np.linspace(0.95, 1.05, k)
    cur_p = np.append(cur_p / cur_p.sum() * 0.999, 0.001)
    np.save(os.path.join(out, 'reference_category.npy'), rng.choice(k, size=rows, p=ref_p).astype(np.int32))
    np.save(os.path.join(out, 'current_category.npy'), rng.choice(k + 1, size=rows, p=cur_p).astype(np.int32))
    with open(os.path.join(out, 'categories.json'), 'w') as fh:
        json.dump({'names': CATEGORIES + ['metaverse'], 'rows': rows, 'features': FEATURES,
                   'drifted_features': [f for f in range(FEATURES) if f % 2 == 0]}, fh)
    print(f'wrote {FEATURES} features x {rows:,} rows (current, reference) and a categorical column to {out}')


if __name__ == '__main__':
    main()
