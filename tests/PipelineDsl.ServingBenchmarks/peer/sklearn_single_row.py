#!/usr/bin/env python3
"""In-process single-row latency of the peer model: the churn_fastapi.py model (same data, features, split and
seed), predict_proba on one row, the 1x15 numpy array built per call from a dict as a server would.
2,000 warm-up calls, then 5,000 timed calls with time.perf_counter_ns; prints one JSON line (microseconds).

Usage: sklearn_single_row.py [CSV]   (else $CHURN_CSV, else the sample's file)"""
import json
import os
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from churn_fastapi import row_features, train  # noqa: E402

WARMUP, TIMED = 2_000, 5_000

# The first data row of the CSV, as the /predict body (bodies/churn-row.json).
ROW = {"state": "KS", "accountLength": 128, "areaCode": "area_code_415", "internationalPlan": "no",
       "voiceMailPlan": "yes", "numberVmailMessages": 25, "totalDayMinutes": 265.1, "totalDayCalls": 110,
       "totalDayCharge": 45.07, "totalEveMinutes": 197.4, "totalEveCalls": 99, "totalEveCharge": 16.78,
       "totalNightMinutes": 244.7, "totalNightCalls": 91, "totalNightCharge": 11.01, "totalIntlMinutes": 10,
       "totalIntlCalls": 3, "totalIntlCharge": 2.7, "numberCustomerServiceCalls": 1}

model = train(sys.argv[1] if len(sys.argv) > 1 else None, quiet=True)
for _ in range(WARMUP):
    model.predict_proba(row_features(ROW))
samples = np.empty(TIMED, dtype=np.int64)
for i in range(TIMED):
    t0 = time.perf_counter_ns()
    p = model.predict_proba(row_features(ROW))[0, 1]
    samples[i] = time.perf_counter_ns() - t0
us = np.sort(samples) / 1000.0
pct = lambda q: float(us[min(len(us) - 1, int(np.ceil(q * len(us))) - 1)])
openmp = [i.get("num_threads") for i in threadpool_info() if i.get("user_api") == "openmp"]
print(json.dumps({"calls": TIMED, "p50_us": round(pct(0.50), 1), "p99_us": round(pct(0.99), 1),
                  "mean_us": round(float(us.mean()), 1), "probability": round(float(p), 6),
                  "omp_num_threads": os.environ.get("OMP_NUM_THREADS", ""), "openmp_threads": openmp}))
