#!/usr/bin/env bash
# Point-in-time feature benchmark: generates the data once (peer/generate_events.py), builds in Release, then runs
# PipelineDsl's generated batch path and the pandas peer on the same files in the same run, writing
# results/temporal-benchmark.md (all cores) and results/temporal-benchmark-1core.md (DOTNET_PROCESSOR_COUNT=1).
# Needs python3 with numpy and pandas (Debian: apt-get install -y python3-pandas).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${PDSL_BENCH_DATA:-${TMPDIR:-/tmp}/pdsl-temporal-bench}"
scale="${PDSL_BENCH_SCALE:-1.0}"
python="${PDSL_PYTHON:-$( [[ -x /usr/bin/python3 ]] && echo /usr/bin/python3 || echo python3 )}"
export PDSL_PYTHON="$python"
if [[ ! -f "$data/events.csv" || ! -f "$data/rates.csv" ]]; then
  mkdir -p "$data"
  "$python" "$here/peer/generate_events.py" "$data" "$scale"
fi
dotnet build "$here/PipelineDsl.TemporalBenchmarks.csproj" -c Release -v quiet -nologo
exe="$here/bin/Release/net10.0/PipelineDsl.TemporalBenchmarks"
"$exe" "$data" "$here/results/temporal-benchmark.md" 5
DOTNET_PROCESSOR_COUNT=1 "$exe" "$data" "$here/results/temporal-benchmark-1core.md" 3
