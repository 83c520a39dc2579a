#!/usr/bin/env bash
# Generator and analyzer benchmark: builds in Release and writes results/generator-benchmark.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build "$here/PipelineDsl.GeneratorBenchmarks.csproj" -c Release -v quiet -nologo
"$here/bin/Release/net10.0/PipelineDsl.GeneratorBenchmarks" "$here/results/generator-benchmark.md" "${1:-5}"
