#!/usr/bin/env bash
# Serving load benchmark for the churn model (run by hand, never by dotnet test). Usage: run.sh [SECONDS] (default 20).
# In one run, one server at a time, on this machine: the PipelineDsl churn service (`ChurnPrediction.dll serve`), a bare
# ASP.NET Core minimal API (parse the body, answer a constant: the framework's ceiling) and the FastAPI + uvicorn +
# scikit-learn peer (twice: default threads and OMP_NUM_THREADS=1). Each: start, wait for /ready, 5 s wrk warm-up,
# wrk saturation (-t2 -c16 -dSECONDS), then LoadClient at a fixed 1,000 req/s (the peer also at 50 req/s).
# Also sklearn's in-process single-row predict_proba latency. Writes results/serving-benchmark.md.
# Env: SKIP_PIPELINEDSL=1 leaves out the PipelineDsl service (no sample build, no training);
#      PDSL_PYTHON (default /usr/bin/python3, which needs python3-fastapi python3-uvicorn python3-sklearn python3-pandas);
#      KEEP_WORK=1 keeps the temp folder (store, raw outputs, server logs).
# Needs: wrk, curl, the .NET 10 SDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-20}"
python="${PDSL_PYTHON:-$( [[ -x /usr/bin/python3 ]] && echo /usr/bin/python3 || echo python3 )}"
skip_pdsl="${SKIP_PIPELINEDSL:-0}"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the repository
csv="$root/samples/ChurnPrediction/data/churn.csv"
body="$here/bodies/churn-row.json"
work="$(mktemp -d "${TMPDIR:-/tmp}/pdsl-serving-bench.XXXXXX")"
raw="$work/raw"
mkdir -p "$raw"
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

for tool in wrk curl dotnet; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 1; }
done

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_ready() { # URL TIMEOUT_S
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    if [[ -n "$server_pid" ]] && ! kill -0 "$server_pid" 2>/dev/null; then echo "server exited before ready" >&2; return 1; fi
    if (( SECONDS > deadline )); then echo "not ready after $2 s: $1" >&2; return 1; fi
    sleep 0.2
  done
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  sleep 1
}

# bench NAME PORT RATES...: the server already started (server_pid); everything it answers goes to $raw/NAME.*.
bench() {
  local name="$1" port="$2"; shift 2
  local url="http://127.0.0.1:$port/predict"
  echo "== $name: waiting for /ready"
  wait_ready "http://127.0.0.1:$port/ready" 180
  cat /proc/loadavg > "$raw/$name.loadavg.txt" 2>/dev/null || true
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$body" "$url" > "$raw/$name.sample-response.json"
  echo "   answer: $(cat "$raw/$name.sample-response.json")"
  echo "   warm-up 5 s"
  BODY="$body" wrk -t2 -c16 -d5s -s "$here/post.lua" "$url" > /dev/null
  echo "   wrk saturation ${seconds} s"
  BODY="$body" wrk -t2 -c16 -d"${seconds}s" --latency -s "$here/post.lua" "$url" > "$raw/$name.wrk.txt"
  grep -E "Requests/sec|^ +(50|99)%" "$raw/$name.wrk.txt" | sed 's/^ */   /'
  for rate in "$@"; do
    sleep 2
    echo "   LoadClient fixed $rate req/s, ${seconds} s"
    "$loadclient" --url "$url" --rps "$rate" --seconds "$seconds" --connections 16 --body "$body" --warmup 3 \
      > "$raw/$name.fixed$rate.json"
    echo "   $(cat "$raw/$name.fixed$rate.json")"
  done
  stop_server
}

cat /proc/loadavg > "$raw/loadavg-start.txt" 2>/dev/null || true
dotnet --version > "$raw/dotnet-version.txt"
echo "== build (Release)"
dotnet build "$here/BareEndpoint/BareEndpoint.csproj" -c Release -v quiet -nologo
dotnet build "$here/LoadClient/LoadClient.csproj" -c Release -v quiet -nologo
bare="$here/BareEndpoint/bin/Release/net10.0/BareEndpoint"
loadclient="$here/LoadClient/bin/Release/net10.0/LoadClient"
"$python" "$here/bodies/make_body.py" "$csv" "$body"

if [[ "$skip_pdsl" != 1 ]]; then
  dotnet build "$root/samples/ChurnPrediction/ChurnPrediction.csproj" -c Release -v quiet -nologo
  dll="$root/samples/ChurnPrediction/bin/Release/net10.0/ChurnPrediction.dll"
  store="$work/store"
  mkdir -p "$work/cwd"
  echo "== train: dotnet ChurnPrediction.dll run --store $store"
  (cd "$work/cwd" && dotnet "$dll" run --store "$store") > "$raw/pipelinedsl.train.txt" 2>&1 \
    || { cat "$raw/pipelinedsl.train.txt"; exit 1; }
  tail -n 3 "$raw/pipelinedsl.train.txt"
  # serve answers with the production version only: promote the trained one, as a release would.
  (cd "$work/cwd" && dotnet "$dll" promote churn 1 --to production --approve "benchmark: serving load test" --store "$store") > "$raw/pipelinedsl.promote.txt" 2>&1 \
    || { cat "$raw/pipelinedsl.promote.txt"; exit 1; }
  echo "== in-process single-row prediction (features + model)"
  dotnet build "$here/InProcess/InProcess.csproj" -c Release -v quiet -nologo
  mkdir -p "$here/results"
  dotnet "$here/InProcess/bin/Release/net10.0/InProcess.dll" "$store" "$csv" "$here/results/inprocess.json"
  port="$(free_port)"
  (cd "$work/cwd" && exec dotnet "$dll" serve --urls "http://127.0.0.1:$port" --store "$store") > "$raw/pipelinedsl.server.log" 2>&1 &
  server_pid=$!
  bench pipelinedsl "$port" 1000
else
  echo "== PipelineDsl service skipped (SKIP_PIPELINEDSL=1)"
fi

port="$(free_port)"
"$bare" "$port" > "$raw/bare.server.log" 2>&1 &
server_pid=$!
bench bare "$port" 1000

for variant in peer peer-omp1; do
  port="$(free_port)"
  omp=()
  [[ "$variant" == peer-omp1 ]] && omp=(OMP_NUM_THREADS=1)
  env "${omp[@]}" CHURN_CSV="$csv" "$python" -m uvicorn churn_fastapi:app --app-dir "$here/peer" \
    --host 127.0.0.1 --port "$port" --workers 1 --log-level warning --no-access-log > "$raw/$variant.server.log" 2>&1 &
  server_pid=$!
  bench "$variant" "$port" 50 1000
done

echo "== sklearn in-process single row"
CHURN_CSV="$csv" "$python" "$here/peer/sklearn_single_row.py" "$csv" > "$raw/sklearn-single-row.json"
cat "$raw/sklearn-single-row.json"
OMP_NUM_THREADS=1 CHURN_CSV="$csv" "$python" "$here/peer/sklearn_single_row.py" "$csv" > "$raw/sklearn-single-row-omp1.json"
cat "$raw/sklearn-single-row-omp1.json"

mkdir -p "$here/results"
"$python" "$here/report.py" "$raw" "$here/results" "$seconds" "$skip_pdsl"
echo "wrote $here/results/serving-benchmark.md"
