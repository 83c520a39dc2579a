#!/usr/bin/python3
"""Times SciPy / NumPy on the benchmark data and writes their values and timings as JSON for the C# benchmark to
compare and report.

Usage: scipy_bench.py DATA_DIR OUT_JSON [RUNS]   (RUNS default 3; each figure is the median)
Per feature, on the pre-sorted reference and the unsorted current column:
  scipy.stats.ks_2samp(reference, current, method='asymp')
  scipy.stats.wasserstein_distance(reference, current)
  scipy.spatial.distance.jensenshannon(p, q, base=2), p and q = np.histogram of each on 20 equal-width bins over
      the union range (the C# rule)
  a NumPy PSI: reference deciles (np.quantile) as edges, counts by np.searchsorted (on the sorted reference, the
      edges are searched in it; the current column is searched in the edges), shares floored at 1e-4.
And on the categorical column: counts by np.bincount, then scipy.stats.chisquare(f_obs, f_exp) with the C# rule.
"""
import json
import os
import platform
import sys
import time

import numpy as np
import scipy
import scipy.spatial.distance
import scipy.stats

JS_BINS = 20
PSI_BINS = 10


def ks(reference, current):
    r = scipy.stats.ks_2samp(reference, current, method='asymp')
    return float(r.statistic), float(r.pvalue)


def wasserstein(reference, current):
    return float(scipy.stats.wasserstein_distance(reference, current))


def js(reference, current):
    lo = min(reference[0], current.min())  # reference is sorted
    hi = max(reference[-1], current.max())
    p = np.histogram(reference, bins=JS_BINS, range=(lo, hi))[0]
    q = np.histogram(current, bins=JS_BINS, range=(lo, hi))[0]
    return float(scipy.spatial.distance.jensenshannon(p, q, base=2))


def psi(reference, current):
    edges = np.quantile(reference, np.arange(1, PSI_BINS) / PSI_BINS)
    below = np.searchsorted(reference, edges, side='left')  # reference sorted: counts below each edge
    r_counts = np.diff(np.concatenate([[0], below, [len(reference)]]))
    c_counts = np.bincount(np.searchsorted(edges, current, side='right'), minlength=PSI_BINS)
    r = np.maximum(r_counts / len(reference), 1e-4)
    c = np.maximum(c_counts / len(current), 1e-4)
    return float(np.sum((c - r) * np.log(c / r)))


def chisquare(ref_codes, cur_codes, k):
    ref_counts = np.bincount(ref_codes, minlength=k)
    cur_counts = np.bincount(cur_codes, minlength=k)
    keep = (ref_counts > 0) | (cur_counts > 0)
    return ref_counts[keep], cur_counts[keep], keep


def chisquare_test(ref_codes, cur_codes, names):
    ref_counts, cur_counts, keep = chisquare(ref_codes, cur_codes, len(names))
    kept = [n for n, k in zip(names, keep) if k]
    order = sorted(range(len(kept)), key=lambda i: kept[i])  # ordinal order, as the C# sums
    weights = np.where(ref_counts > 0, ref_counts, 0.5).astype(np.float64)[order]
    f_obs = cur_counts.astype(np.float64)[order]
    f_exp = weights / weights.sum() * cur_counts.sum()
    r = scipy.stats.chisquare(f_obs, f_exp)
    return float(r.statistic), float(r.pvalue)


def median(xs):
    return float(np.median(xs))


def main():
    data, out = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    current = np.load(os.path.join(data, 'current.npy'))
    reference = np.load(os.path.join(data, 'reference_sorted.npy'))
    ref_cat = np.load(os.path.join(data, 'reference_category.npy'))
    cur_cat = np.load(os.path.join(data, 'current_category.npy'))
    names = json.load(open(os.path.join(data, 'categories.json')))['names']
    features = current.shape[0]

    stats = {'ks': ks, 'wasserstein': wasserstein, 'js': js, 'psi': psi}
    per_stat_runs = {name: [] for name in stats}
    totals = []
    values = None
    for run in range(runs):
        per_stat = {name: 0.0 for name in stats}
        run_values = []
        start = time.perf_counter()
        for f in range(features):
            row = {}
            for name, fn in stats.items():
                t = time.perf_counter()
                row[name] = fn(reference[f], current[f])
                per_stat[name] += time.perf_counter() - t
            run_values.append(row)
        totals.append((time.perf_counter() - start) * 1000)
        for name in stats:
            per_stat_runs[name].append(per_stat[name] * 1000)
        values = run_values
        print(f'scipy run {run + 1}/{runs}: {totals[-1]:.0f} ms', file=sys.stderr)

    chi_times = []
    for _ in range(max(runs, 5)):
        t = time.perf_counter()
        chi = chisquare_test(ref_cat, cur_cat, names)
        chi_times.append((time.perf_counter() - t) * 1000)

    result = {
        'python': platform.python_version(),
        'numpy': np.__version__,
        'scipy': scipy.__version__,
        'runs': runs,
        'total_ms': totals,
        'total_median_ms': median(totals),
        'per_stat_median_ms': {name: median(v) for name, v in per_stat_runs.items()},
        'features': [{'ks_statistic': v['ks'][0], 'ks_pvalue': v['ks'][1], 'wasserstein': v['wasserstein'],
                      'js': v['js'], 'psi': v['psi']} for v in values],
        'chisquare': {'statistic': chi[0], 'pvalue': chi[1], 'median_ms': median(chi_times)},
    }
    with open(out, 'w') as fh:
        json.dump(result, fh, indent=1)
    print(f'scipy median total {result["total_median_ms"]:.0f} ms -> {out}', file=sys.stderr)


if __name__ == '__main__':
    main()
