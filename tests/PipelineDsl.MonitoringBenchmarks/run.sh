#!/usr/bin/env bash
# Drift-statistics benchmark, C# against SciPy on the same data: generates 20 features x 1,000,000 rows (and a
# reference of as many rows) as .npy files, times SciPy / NumPy on them (scipy_bench.py), then the C# statistics, and
# writes results/monitoring-benchmark.md. Usage: run.sh [RUNS] [ROWS]
#   RUNS: C# timed runs per figure (default 5; SciPy runs 3); ROWS: rows per feature (default 1000000).
# Needs Debian's /usr/bin/python3 with NumPy and SciPy (override with PYTHON=...). The data (~330 MB) goes to
# bin/data (git-ignored) and is reused when present with the same row count.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-/usr/bin/python3}"
runs="${1:-5}"
rows="${2:-1000000}"
data="$here/bin/data/$rows"

dotnet build "$here/PipelineDsl.MonitoringBenchmarks.csproj" -c Release -v quiet -nologo
if [[ ! -f "$data/categories.json" ]]; then
  "$python" "$here/make_data.py" "$data" "$rows"
fi
"$python" "$here/scipy_bench.py" "$data" "$data/scipy-results.json" 3
"$here/bin/Release/net10.0/PipelineDsl.MonitoringBenchmarks" "$data" "$data/scipy-results.json" \
  "$here/results/monitoring-benchmark.md" "$runs"
