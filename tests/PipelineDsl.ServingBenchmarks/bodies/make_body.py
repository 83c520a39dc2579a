#!/usr/bin/env python3
"""Writes churn-row.json: the first data row of samples/ChurnPrediction/data/churn.csv as the PipelineDsl /predict
body (camelCase names of the Customer.cs members, label `churn` left out, numbers exactly as written in the CSV).

Usage: make_body.py [CSV] [OUT]  (defaults: the sample's churn.csv, churn-row.json next to this script)."""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../samples/ChurnPrediction/data/churn.csv")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "churn-row.json")
STRINGS = {"state", "area_code", "international_plan", "voice_mail_plan"}


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.capitalize() for p in rest)


with open(CSV, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    row = next(reader)

parts = []
for name, value in zip(header, row):
    if name == "churn":
        continue
    literal = '"%s"' % value if name in STRINGS else value  # numbers verbatim, as text
    parts.append('"%s":%s' % (camel(name), literal))
with open(OUT, "w") as f:
    f.write("{" + ",".join(parts) + "}")
