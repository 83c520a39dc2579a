#!/usr/bin/env bash
# Store, DAG-executor and step-cache benchmark: builds this project and the churn sample in Release, then writes
# results/store-benchmark.md. Usage: run.sh [RUNS] (default 5; every figure is the median of RUNS after a warm-up).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/samples/ChurnPrediction/ChurnPrediction.csproj" -c Release -v quiet -nologo
dotnet build "$here/PipelineDsl.StoreBenchmarks.csproj" -c Release -v quiet -nologo
"$here/bin/Release/net10.0/PipelineDsl.StoreBenchmarks" "$here/results/store-benchmark.md" "${1:-5}" \
  "$root/samples/ChurnPrediction/bin/Release/net10.0/ChurnPrediction.dll"
