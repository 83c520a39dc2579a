#!/usr/bin/python3
"""Writes scipy-fixtures.json: seeded samples and what SciPy says about them, for the C# drift statistics to match.

Run with Debian's /usr/bin/python3 (SciPy 1.10.1, NumPy 1.24):  /usr/bin/python3 make_fixtures.py
Every rule below that is not SciPy's own (the bin edges of the Jensen-Shannon histograms, the PSI, the chi-squared
expected counts) is written exactly as the C# code documents it, so the two compute the same thing.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.spatial.distance
import scipy.stats

JS_BINS = 20
PSI_BINS = 10
PSI_FLOOR = 1e-4
UNSEEN_PSEUDO_COUNT = 0.5


def js_edges(reference, current, bins=JS_BINS):
    # Equal-width bins over the union range (np.histogram_bin_edges widens a zero range by 0.5 either way).
    return np.histogram_bin_edges(np.concatenate([reference, current]), bins=bins)


def jensen_shannon(reference, current, bins=JS_BINS):
    edges = js_edges(reference, current, bins)
    p = np.histogram(reference, bins=edges)[0]
    q = np.histogram(current, bins=edges)[0]
    # Same counts as the uniform-bin fast path np.histogram(x, bins, range) takes.
    rng = (edges[0], edges[-1])
    assert (p == np.histogram(reference, bins=bins, range=rng)[0]).all()
    assert (q == np.histogram(current, bins=bins, range=rng)[0]).all()
    return edges, p, q, float(scipy.spatial.distance.jensenshannon(p, q, base=2))


def psi(reference, current, bins=PSI_BINS):
    edges = np.quantile(reference, np.arange(1, bins) / bins)  # inner edges: the reference's deciles
    r_counts = np.bincount(np.searchsorted(edges, reference, side='right'), minlength=bins)
    c_counts = np.bincount(np.searchsorted(edges, current, side='right'), minlength=bins)
    r = np.maximum(r_counts / len(reference), PSI_FLOOR)
    c = np.maximum(c_counts / len(current), PSI_FLOOR)
    return edges, r_counts, c_counts, float(np.sum((c - r) * np.log(c / r)))


def chi_square(reference_counts, current_counts):
    categories = sorted({k for k, v in reference_counts.items() if v > 0} | {k for k, v in current_counts.items() if v > 0})
    weights = np.array([reference_counts.get(c, 0) if reference_counts.get(c, 0) > 0 else UNSEEN_PSEUDO_COUNT
                        for c in categories], dtype=np.float64)
    unseen = [c for c in categories if reference_counts.get(c, 0) <= 0]
    f_obs = np.array([current_counts.get(c, 0) for c in categories], dtype=np.float64)
    f_exp = weights / weights.sum() * sum(current_counts.values())
    res = scipy.stats.chisquare(f_obs, f_exp)
    return categories, unseen, f_obs, f_exp, float(res.statistic), float(res.pvalue), len(categories) - 1


def numeric_case(name, reference, current):
    reference = np.asarray(reference, dtype=np.float64)
    current = np.asarray(current, dtype=np.float64)
    ks = scipy.stats.ks_2samp(reference, current, method='asymp')
    edges, p, q, js = jensen_shannon(reference, current)
    psi_edges, r_counts, c_counts, psi_value = psi(reference, current)
    n, m = sorted([len(reference), len(current)], reverse=True)
    return {
        'name': name,
        'reference': reference.tolist(),
        'current': current.tolist(),
        'ks_statistic': float(ks.statistic),
        'ks_pvalue': float(ks.pvalue),
        'ks_effective_n': int(np.round(n * m / (n + m))),
        'wasserstein': float(scipy.stats.wasserstein_distance(reference, current)),
        'js_bins': JS_BINS,
        'js_edges': edges.tolist(),
        'js_reference_counts': p.tolist(),
        'js_current_counts': q.tolist(),
        'jensenshannon': js,
        'psi_bins': PSI_BINS,
        'psi_edges': psi_edges.tolist(),
        'psi_reference_counts': r_counts.tolist(),
        'psi_current_counts': c_counts.tolist(),
        'psi': psi_value,
    }


def r6(x):
    # Six decimals keep the JSON small; ties stay as rare as in continuous data.
    return np.round(x, 6)


def numeric_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    add = lambda name, a, b: cases.append(numeric_case(name, a, b))
    add('normal vs shifted normal (0.3 sd)', r6(rng.normal(0, 1, 400)), r6(rng.normal(0.3, 1, 500)))
    add('normal vs normal, same distribution', r6(rng.normal(0, 1, 600)), r6(rng.normal(0, 1, 700)))
    add('normal vs wider normal', r6(rng.normal(5, 1, 300)), r6(rng.normal(5, 1.4, 350)))
    add('uniform vs uniform, shifted 0.05', r6(rng.uniform(0, 1, 300)), r6(rng.uniform(0.05, 1.05, 300)))
    add('heavy tails: Student t(1.5) vs scaled', r6(rng.standard_t(1.5, 400)), r6(1.2 * rng.standard_t(1.5, 400)))
    add('heavy tails: Cauchy vs Cauchy', r6(rng.standard_cauchy(300)), r6(rng.standard_cauchy(320)))
    add('lognormal vs lognormal, scale 1.1', r6(rng.lognormal(0, 1, 500)), r6(1.1 * rng.lognormal(0, 1, 500)))
    add('ties: Poisson(3) vs Poisson(3.3)', rng.poisson(3, 500).astype(float), rng.poisson(3.3, 450).astype(float))
    add('ties: Poisson(4) vs Poisson(4)', rng.poisson(4, 400).astype(float), rng.poisson(4, 400).astype(float))
    add('ties: normal rounded to 0.5', np.round(rng.normal(0, 1, 300) * 2) / 2, np.round(rng.normal(0.1, 1, 320) * 2) / 2)
    add('ties: two values, 70/30 vs 60/40', (rng.uniform(size=300) < 0.3).astype(float), (rng.uniform(size=300) < 0.4).astype(float))
    add('small: 5 vs 7', r6(rng.normal(0, 1, 5)), r6(rng.normal(0.5, 1, 7)))
    add('small: 3 vs 4', r6(rng.normal(0, 1, 3)), r6(rng.normal(0, 1, 4)))
    add('small: 1 vs 2', r6(rng.normal(0, 1, 1)), r6(rng.normal(0, 1, 2)))
    add('small: 10 vs 12', r6(rng.normal(0, 1, 10)), r6(rng.normal(0.8, 1, 12)))
    add('small: 20 vs 20 same distribution', r6(rng.normal(0, 1, 20)), r6(rng.normal(0, 1, 20)))
    add('small: 40 vs 60 shifted', r6(rng.normal(0, 1, 40)), r6(rng.normal(0.4, 1, 60)))
    add('medium: 150 vs 250 shifted', r6(rng.normal(0, 1, 150)), r6(rng.normal(0.35, 1, 250)))
    add('small: 200 vs 220 far apart', r6(rng.normal(0, 1, 200)), r6(rng.normal(1.5, 1, 220)))
    add('unequal: 200 vs 5000', r6(rng.normal(0, 1, 200)), r6(rng.normal(0.1, 1, 5000)))
    add('unequal: 3000 vs 150, same distribution', r6(rng.normal(0, 1, 3000)), r6(rng.normal(0, 1, 150)))
    add('same distribution: 2000 vs 2500', r6(rng.normal(0, 1, 2000)), r6(rng.normal(0, 1, 2500)))
    add('disjoint: uniform(0,1) vs uniform(2,3)', r6(rng.uniform(0, 1, 50)), r6(rng.uniform(2, 3, 60)))
    add('constant vs constant, equal', np.full(30, 1.5), np.full(40, 1.5))
    add('constant vs constant, different', np.full(30, 1.5), np.full(40, 2.5))
    add('negative and zero values', r6(rng.normal(-3, 2, 300)), np.concatenate([np.zeros(20), r6(rng.normal(-2.5, 2, 280))]))
    same = r6(rng.normal(10, 3, 500))
    add('identical samples', same, same.copy())
    return cases


def kstwo_points():
    """kstwo.sf(d, n) across the branches SciPy's kolmogn picks (Ruben-Gambino ends, Durbin matrix, Pomeranz,
    Pelz-Good, twice the Smirnov tail), for n from 1 to 10^6."""
    points = []
    ns = [1, 2, 3, 4, 5, 7, 10, 17, 30, 50, 99, 140, 141, 200, 500, 1000, 2500, 5000, 20000, 99999, 100000,
          100001, 250000, 500000, 1000000]
    levels = [0.05, 0.1, 0.3, 0.5, 0.754, 0.76, 1.0, 1.5, 2.0, 2.19, 2.21, 3.0, 3.99, 4.01, 6.0, 10.0, 25.0, 60.0]
    for n in ns:
        ds = {0.5 / n * 1.5, 0.9 / n, 1.0 / n, 0.5, 0.6, 0.95}
        if n > 1:
            ds |= {1 - 1.0 / n, 1 - 0.5 / n}
        for c in levels:
            d = np.sqrt(c / n)
            if d < 1:
                ds.add(float(d))
        # Pelz-Good for n <= 100000 needs n d^1.5 > 1.4.
        ds.add(float((1.5 / n) ** (2 / 3)))
        for d in sorted(ds):
            if not 0 < d < 1:
                continue
            points.append({'n': n, 'd': d, 'sf': float(scipy.stats.kstwo.sf(d, n))})
    return points


def categorical_cases():
    rng = np.random.default_rng(7)
    cases = []

    def add(name, reference, current):
        categories, unseen, f_obs, f_exp, stat, p, dof = chi_square(reference, current)
        cases.append({'name': name, 'reference': reference, 'current': current, 'categories': categories,
                      'unseen': unseen, 'f_obs': f_obs.tolist(), 'f_exp': f_exp.tolist(), 'statistic': stat,
                      'pvalue': p, 'dof': dof})

    names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'Zulu']
    ref = {k: int(v) for k, v in zip(names, rng.multinomial(5000, [0.3, 0.25, 0.2, 0.12, 0.08, 0.05]))}
    cur = {k: int(v) for k, v in zip(names, rng.multinomial(4000, [0.3, 0.25, 0.2, 0.12, 0.08, 0.05]))}
    add('same proportions, sampled', ref, cur)
    cur2 = {k: int(v) for k, v in zip(names, rng.multinomial(4000, [0.26, 0.27, 0.2, 0.14, 0.08, 0.05]))}
    add('shifted proportions', ref, cur2)
    cur3 = dict(cur2)
    cur3['new-category'] = 37
    cur3['Zulu'] = 0
    add('new category, and one gone', ref, cur3)
    add('proportional counts', {'a': 10, 'b': 20, 'c': 30}, {'a': 20, 'b': 40, 'c': 60})
    add('identical counts', ref, dict(ref))
    add('zero-count keys', {'a': 10, 'b': 0, 'c': 30}, {'a': 12, 'c': 25, 'd': 0})
    many = [f'cat{i:02d}' for i in range(30)]
    w = rng.dirichlet(np.ones(30))
    add('30 categories, mild shift', {k: int(v) for k, v in zip(many, rng.multinomial(20000, w))},
        {k: int(v) for k, v in zip(many, rng.multinomial(15000, 0.9 * w + 0.1 / 30))})
    add('two categories', {'yes': 700, 'no': 300}, {'yes': 640, 'no': 360})
    return cases


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scipy-fixtures.json')
    data = {
        'generator': 'make_fixtures.py',
        'scipy': scipy.__version__,
        'numpy': np.__version__,
        'numeric': numeric_cases(),
        'kstwo': kstwo_points(),
        'categorical': categorical_cases(),
    }
    with open(out, 'w') as f:
        json.dump(data, f, separators=(',', ':'))
        f.write('\n')
    print(f'{out}: {os.path.getsize(out)} bytes, {len(data["numeric"])} numeric cases, '
          f'{len(data["kstwo"])} kstwo points, {len(data["categorical"])} categorical cases', file=sys.stderr)


if __name__ == '__main__':
    main()
