#!/usr/bin/env python3
"""Writes results/serving-benchmark.md from run.sh's raw outputs. Usage: report.py RAW_DIR RESULTS_DIR SECONDS SKIPPED"""
import datetime
import glob
import json
import os
import platform
import re
import sys

raw, results, seconds, skipped = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"

SERVERS = [
    ("pipelinedsl", "PipelineDsl churn service", "`dotnet ChurnPrediction.dll serve` (generated features + ML.NET model, champion arm)"),
    ("bare", "Bare ASP.NET Core minimal API", "Parses the same body (source-generated System.Text.Json record), answers a constant: the framework's ceiling"),
    ("peer", "Peer: FastAPI + uvicorn + scikit-learn", "HistGradientBoostingClassifier, 1 uvicorn worker, default OpenMP threads"),
    ("peer-omp1", "Peer, OMP_NUM_THREADS=1", "the same peer with one OpenMP thread"),
]


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def read_json(path):
    text = read(path)
    return json.loads(text) if text else None


def ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(text):
    if not text:
        return None
    out = {"text": text}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        out[f"p{pct}_ms"] = ms(m.group(1), m.group(2)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    out["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = sum(int(g) for g in m.groups()) if m else 0
    m = re.search(r"(\d+) requests in", text)
    out["requests"] = int(m.group(1)) if m else None
    return out


def f(x, digits=2):
    if x is None:
        return "n/a"
    if isinstance(x, float) and x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def ratio(a, b, mark=""):
    if a is None or b is None or b == 0:
        return "n/a"
    r = a / b
    text = f"{r:.2f}×" if r >= 0.1 else f"1/{1 / r:,.0f}"
    return text + mark


data = {}
for key, _, _ in SERVERS:
    wrk = parse_wrk(read(os.path.join(raw, f"{key}.wrk.txt")))
    fixed = {}
    for path in sorted(glob.glob(os.path.join(raw, f"{key}.fixed*.json"))):
        rate = int(re.search(r"fixed(\d+)\.json$", path).group(1))
        fixed[rate] = read_json(path)
    data[key] = {"wrk": wrk, "fixed": fixed, "answer": read(os.path.join(raw, f"{key}.sample-response.json"))}


def cpu_model():
    for line in (read("/proc/cpuinfo") or "").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def versions():
    parts = []
    for mod in ("sklearn", "fastapi", "uvicorn", "pydantic", "numpy", "pandas"):
        try:
            parts.append(f"{mod} {__import__(mod).__version__}")
        except Exception:
            parts.append(f"{mod} missing")
    loop = "uvloop" if _has("uvloop") else "asyncio"
    http = "httptools" if _has("httptools") else "h11"
    return ", ".join(parts), loop, http


def _has(mod):
    try:
        __import__(mod)
        return True
    except Exception:
        return False


def peer_auc(key):
    for line in (read(os.path.join(raw, f"{key}.server.log")) or "").splitlines():
        if line.startswith("{") and "holdout_auc" in line:
            return json.loads(line)
    return None


mem_gib = None
for line in (read("/proc/meminfo") or "").splitlines():
    if line.startswith("MemTotal:"):
        mem_gib = int(line.split()[1]) / 1024 / 1024
nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
load = (read(os.path.join(raw, "loadavg-start.txt")) or "").split()
pyver, loop, http = versions()
dotnet = (read(os.path.join(raw, "dotnet-version.txt")) or "?").strip()
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

L = []
w = L.append
w("# Serving benchmark: churn model over HTTP")
w("")
w(f"Measured {now} by `tests/PipelineDsl.ServingBenchmarks/run.sh {seconds}`. One server at a time, client and server on "
  "the same machine (they share the cores, so absolute numbers are low and noisy; compare the rows of one run).")
w("")
w(f"* Machine: nproc {nproc}, {cpu_model()}, {f(mem_gib, 0)} GiB, {platform.system()} {platform.release()}"
  + (f"; load average at start {load[0]} / {load[1]} / {load[2]}" if len(load) >= 3 else "") + ".")
w(f"* .NET SDK {dotnet}; Python {platform.python_version()} ({pyver}); uvicorn loop {loop}, HTTP parser {http}.")
w("* Request: the first row of samples/ChurnPrediction/data/churn.csv as the PipelineDsl JSON body "
  "(`bodies/churn-row.json`, 19 camelCase fields, no label), `Content-Type: application/json`.")
w(f"* Saturation: `wrk -t2 -c16 -d{seconds}s --latency -s post.lua` after a 5 s wrk warm-up (closed loop: latency is "
  "per request, queueing in the client is not counted).")
w(f"* Fixed rate: `LoadClient --rps R --seconds {seconds} --connections 16 --warmup 3`: open loop, request k due at "
  "start + k/R, latency from the due time (coordinated-omission corrected), 2xx only; errors = exceptions + requests "
  "still open 10 s after the last due time + non-2xx.")
w("")
if skipped:
    w("**The PipelineDsl service was skipped (SKIP_PIPELINEDSL=1): its rows and the ratios that need it read n/a.**")
    w("")

w("## Summary")
w("")
w("| server | sat. req/s | sat. p50 ms | sat. p99 ms | 1,000 req/s: achieved | p50 ms | p99 ms | errors | 50 req/s: p50 ms | p99 ms |")
w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for key, title, _ in SERVERS:
    d = data[key]
    wr = d["wrk"] or {}
    f1000 = d["fixed"].get(1000) or {}
    f50 = d["fixed"].get(50) or {}
    err1000 = (f1000.get("errors", 0) + f1000.get("non2xx", 0)) if f1000 else None
    w(f"| {title} | {f(wr.get('rps'))} | {f(wr.get('p50_ms'))} | {f(wr.get('p99_ms'))} | "
      f"{f(f1000.get('rps_achieved'))} | {f(f1000.get('p50_ms'))} | {f(f1000.get('p99_ms'))} | "
      f"{err1000 if err1000 is not None else 'n/a'} | {f(f50.get('p50_ms')) if f50 else '–'} | {f(f50.get('p99_ms')) if f50 else '–'} |")
w("")

w("## Ratios")
w("")
pd_ = data["pipelinedsl"]
w("Throughput ratios are PipelineDsl ÷ other (above 1: PipelineDsl serves more); latency ratios are PipelineDsl ÷ other "
  "(below 1: PipelineDsl answers faster).")
w("")
w("| measure | PipelineDsl / bare | PipelineDsl / peer | PipelineDsl / peer (OMP 1) | bare / peer (OMP 1), for reference |")
w("|---|---:|---:|---:|---:|")


def g(key, what):
    d = data[key]
    if what.startswith("sat_"):
        return (d["wrk"] or {}).get(what[4:])
    return (d["fixed"].get(1000) or {}).get(what[4:])


overloaded_keys = {k for k, _, _ in SERVERS if (data[k]["fixed"].get(1000) or {}).get("rps_achieved") is not None
                   and data[k]["fixed"][1000]["rps_achieved"] < 0.97 * 1000}
overloaded = [t for k, t, _ in SERVERS if k in overloaded_keys]
for what, label in [("sat_rps", "saturation req/s"), ("sat_p50_ms", "saturation p50"), ("sat_p99_ms", "saturation p99"),
                    ("fix_p50_ms", "1,000 req/s p50"), ("fix_p99_ms", "1,000 req/s p99")]:
    def r(a, b):
        mark = " †" if what.startswith("fix_") and (a in overloaded_keys or b in overloaded_keys) else ""
        return ratio(g(a, what), g(b, what), mark)
    w(f"| {label} | {r('pipelinedsl', 'bare')} | {r('pipelinedsl', 'peer')} | {r('pipelinedsl', 'peer-omp1')} | {r('bare', 'peer-omp1')} |")
w("")
sat_default, sat_omp1 = g("peer", "sat_rps"), g("peer-omp1", "sat_rps")
if sat_default and sat_omp1 and sat_default < 0.5 * sat_omp1:
    w(f"The peer with default OpenMP threads served {f(sat_default)} req/s at saturation against {f(sat_omp1)} with "
      "OMP_NUM_THREADS=1: scikit-learn runs every one-row predict_proba as an OpenMP parallel region, and when the cores "
      "are contended (here: the load generator, and anything else on the machine) its threads wait on each other for "
      "whole scheduler slices. The OMP_NUM_THREADS=1 column is the fair peer on such a machine.")
    w("")
if overloaded:
    w("† one side could not sustain 1,000 req/s (below): that ratio compares a service time with a backlog.")
    w("")
    w(f"Could not sustain 1,000 req/s: {'; '.join(overloaded)}. The queue grows for the whole run, so those fixed-rate "
      "latencies measure the backlog, not the service time (hence the 50 req/s row for the peer).")
    w("")

w("## In-process single-row latency")
w("")
w("| what | p50 µs | p99 µs | calls |")
w("|---|---:|---:|---:|")
for name, label in [("sklearn-single-row", "sklearn `predict_proba`, 1×15 array built from a dict per call (default threads)"),
                    ("sklearn-single-row-omp1", "the same, OMP_NUM_THREADS=1")]:
    j = read_json(os.path.join(raw, f"{name}.json"))
    if j:
        w(f"| {label} | {f(j['p50_us'], 1)} | {f(j['p99_us'], 1)} | {j['calls']:,} |")
inproc = read_json(os.path.join(results, "inprocess.json"))
if inproc:
    w(f"| PipelineDsl: {inproc.get('what', 'single-row predict')} | {f(inproc.get('p50_us'), 1)} | "
      f"{f(inproc.get('p99_us'), 1)} | {inproc.get('calls', 'n/a')} |")
else:
    w("| PipelineDsl single-row predict | not measured yet | | |")
w("")
w("The PipelineDsl row comes from `results/inprocess.json` when that file exists (written by whatever measures it: "
  "`{\"what\": \"...\", \"p50_us\": 0.0, \"p99_us\": 0.0, \"calls\": 5000}`); until then it reads \"not measured yet\".")
w("")

w("## Per server")
for key, title, desc in SERVERS:
    d = data[key]
    w("")
    w(f"### {title}")
    w("")
    w(f"{desc}.")
    w("")
    if not d["wrk"] and not d["fixed"]:
        w("Not run" + (" (SKIP_PIPELINEDSL=1)." if key == "pipelinedsl" and skipped else "."))
        continue
    started = next((l for l in (read(os.path.join(raw, f"{key}.server.log")) or "").splitlines() if l.startswith("bare endpoint")), None)
    if started:
        w(f"Started: {started}.")
        w("")
    la = (read(os.path.join(raw, f"{key}.loadavg.txt")) or "").split()
    if len(la) >= 3:
        w(f"Load average when it was ready (1/5/15 min, this benchmark's own earlier steps included): {la[0]} / {la[1]} / {la[2]}.")
        w("")
    if d["answer"]:
        w(f"Answer to the body: `{d['answer'].strip()}`")
        w("")
    if key.startswith("peer"):
        auc = peer_auc(key)
        if auc:
            w(f"Peer model: {auc['train_rows']} training rows, holdout AUC {auc['holdout_auc']} "
              f"({auc['holdout_rows']} rows, stratified 80/20, random_state=42), trained in {auc['train_seconds']} s.")
            w("")
    wr = d["wrk"]
    w("| load | achieved req/s | p50 ms | p90 ms | p99 ms | max ms | errors |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    if wr:
        w(f"| wrk saturation, 16 connections | {f(wr['rps'])} | {f(wr['p50_ms'])} | {f(wr['p90_ms'])} | {f(wr['p99_ms'])} "
          f"| | {wr['non2xx']} non-2xx, {wr['socket_errors']} socket |")
    for rate, j in sorted(d["fixed"].items()):
        if not j:
            continue
        w(f"| LoadClient fixed {rate:,} req/s | {f(j['rps_achieved'])} | {f(j['p50_ms'])} | "
          f"{f(j['p90_ms'])} | {f(j['p99_ms'])} | {f(j['max_ms'])} | {j['errors']} errors ({j['unfinished']} unfinished), "
          f"{j['non2xx']} non-2xx |")
    lag = [f"{r:,}/s: {j['send_lag_p50_ms']}/{j['send_lag_p99_ms']} ms" for r, j in sorted(d["fixed"].items()) if j]
    if lag:
        w("")
        w(f"LoadClient send lag p50/p99 (its own lateness, included above): {'; '.join(lag)}.")

w("")
w("## Reproduce")
w("")
w("```sh")
w(f"bash tests/PipelineDsl.ServingBenchmarks/run.sh {seconds}                     # all three servers")
w(f"SKIP_PIPELINEDSL=1 bash tests/PipelineDsl.ServingBenchmarks/run.sh {seconds}  # without the PipelineDsl service")
w("```")
w("")
w("Needs the .NET 10 SDK, wrk, curl and /usr/bin/python3 with fastapi, uvicorn, scikit-learn and pandas "
  "(Debian: `apt-get install -y wrk python3-fastapi python3-uvicorn python3-sklearn python3-pandas`). "
  "See tests/PipelineDsl.ServingBenchmarks/README.md.")
w("")
w("<details><summary>Raw wrk output</summary>")
w("")
for key, title, _ in SERVERS:
    if data[key]["wrk"]:
        w(f"{title}:")
        w("")
        w("```")
        w(data[key]["wrk"]["text"].rstrip())
        w("```")
        w("")
w("</details>")

with open(os.path.join(results, "serving-benchmark.md"), "w") as out:
    out.write("\n".join(L) + "\n")
