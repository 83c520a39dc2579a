#!/usr/bin/env python3
"""Deterministic synthetic events for the point-in-time feature benchmark.

Usage:  python3 generate_events.py OUT_DIR [SCALE]

Writes, with numpy's PCG64 generator seeded with 42 (same arguments -> same bytes):

events.csv  `entity,time,amount,category`, round(1,000,000 * SCALE) rows over
            max(1, round(10,000 * SCALE)) entities (`e00000`, `e00001`, ...; the
            entity of each event drawn uniformly). `time` is ISO
            `yyyy-MM-ddTHH:mm:ss`, uniform over 2024 (seconds resolution, UTC-less);
            rows are in random order (NOT sorted by entity or time). `amount` is
            lognormal (mu 3, sigma 1) with 3 decimals, >= 0.001. `category` is one
            of `c00`..`c19`, skewed (probability proportional to 1/(k+1)).
rates.csv   `entity,time,rate`, 20 rows per entity at uniform random times in 2024
            (rows shuffled), `rate` ~ 1 + 0.05 N(0,1) with 4 decimals.

To exercise the tie rules on purpose, about 2% of events take the time of another
event of the same entity (so an entity has several events at one timestamp), about
5% of rate rows take the time of an event of the same entity (exact as-of matches)
and about 1% of rate rows take the time of another rate row of the same entity.
"""

import os
import sys

import numpy as np

SEED = 42
BASE_EVENTS = 1_000_000
BASE_ENTITIES = 10_000
RATES_PER_ENTITY = 20
CATEGORIES = 20
EVENT_TIE_FRACTION = 0.02
RATE_AT_EVENT_FRACTION = 0.05
RATE_TIE_FRACTION = 0.01

START = np.datetime64("2024-01-01T00:00:00", "s")
SECONDS = int((np.datetime64("2025-01-01T00:00:00", "s") - START) / np.timedelta64(1, "s"))


def copy_times_within_entity(rng, entity, seconds, targets, donor_entity, donor_seconds):
    """For each index in `targets`, set seconds[i] to the time of a random donor row of the same entity."""
    order = np.argsort(donor_entity, kind="stable")
    sorted_entity = donor_entity[order]
    start = np.searchsorted(sorted_entity, entity[targets], side="left")
    end = np.searchsorted(sorted_entity, entity[targets], side="right")
    size = end - start
    has = size > 0
    pick = start[has] + (rng.random(int(has.sum())) * size[has]).astype(np.int64)
    seconds[targets[has]] = donor_seconds[order[pick]]


def iso(seconds):
    return np.datetime_as_string(START + seconds.astype("timedelta64[s]"), unit="s")


def write(path, header, columns):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        f.writelines(",".join(parts) + "\n" for parts in zip(*columns))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    n_events = max(1, int(round(BASE_EVENTS * scale)))
    n_entities = max(1, int(round(BASE_ENTITIES * scale)))
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)

    # Events.
    entity = rng.integers(0, n_entities, n_events)
    seconds = rng.integers(0, SECONDS, n_events)
    ties = rng.choice(n_events, int(n_events * EVENT_TIE_FRACTION), replace=False)
    copy_times_within_entity(rng, entity, seconds, ties, entity.copy(), seconds.copy())
    amount = np.maximum(np.round(rng.lognormal(3.0, 1.0, n_events), 3), 0.001)
    weights = 1.0 / np.arange(1, CATEGORIES + 1)
    category = rng.choice(CATEGORIES, n_events, p=weights / weights.sum())

    names = np.array(["e%05d" % e for e in range(n_entities)])
    cats = np.array(["c%02d" % c for c in range(CATEGORIES)])
    write(os.path.join(out, "events.csv"), "entity,time,amount,category",
          [names[entity], iso(seconds), ["%.3f" % a for a in amount], cats[category]])

    # Rates: RATES_PER_ENTITY rows per entity, shuffled.
    n_rates = n_entities * RATES_PER_ENTITY
    r_entity = rng.permutation(np.repeat(np.arange(n_entities), RATES_PER_ENTITY))
    r_seconds = rng.integers(0, SECONDS, n_rates)
    at_events = rng.choice(n_rates, int(n_rates * RATE_AT_EVENT_FRACTION), replace=False)
    copy_times_within_entity(rng, r_entity, r_seconds, at_events, entity, seconds)
    r_ties = rng.choice(n_rates, int(n_rates * RATE_TIE_FRACTION), replace=False)
    copy_times_within_entity(rng, r_entity, r_seconds, r_ties, r_entity.copy(), r_seconds.copy())
    rate = np.round(1.0 + 0.05 * rng.standard_normal(n_rates), 4)
    write(os.path.join(out, "rates.csv"), "entity,time,rate",
          [names[r_entity], iso(r_seconds), ["%.4f" % r for r in rate]])

    print("events.csv: %d rows, %d entities; rates.csv: %d rows -> %s" % (n_events, n_entities, n_rates, out))


if __name__ == "__main__":
    main()
