#!/usr/bin/env bash
# Measures the Backtests page under load: starts the Release build on a real Kestrel with a fresh data directory,
# stores RUNS finished backtests through the API (simulated minutes, so each run carries a few hundred KB of equity),
# then fires LOADS concurrent GETs of /backtests and reports the page size, status codes, latency and the app's RSS
# before, at its peak and after. Build first: dotnet build -c Release TradingBlazor
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-200}"
LOADS="${LOADS:-50}"
PORT="${PORT:-5199}"
app="TradingBlazor/bin/Release/net10.0/TradingBlazor.dll"
[ -f "$app" ] || { echo "build first: dotnet build -c Release TradingBlazor" >&2; exit 2; }
data="$(mktemp -d)"
base="http://127.0.0.1:$PORT"
dotnet "$app" --urls "$base" --environment Production --Storage:DataDirectory="$data" --Logs:Console=false >"$data/app.out" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"; }

echo "storing $RUNS backtests..."
last=0
for i in $(seq 1 "$RUNS"); do
  last=$(curl -sf -H 'Content-Type: application/json' -d '{ "config": { "version": 1, "name": "page load '"$i"'", "symbols": ["SPY"],
      "capital": 10000, "timeframe": "1m", "indicators": ["sma(10)", "sma(30)"], "entry": { "rule": "sma_10 crosses_above sma_30" },
      "exit": { "rule": "sma_10 crosses_below sma_30" } }, "from": "2025-01-06", "to": "2025-01-31", "source": "simulated" }' \
    "$base/api/backtests" | sed -E 's/.*"id":([0-9]+).*/\1/')
done
until curl -sf "$base/api/backtests/$last" | grep -Eq '"status":"(completed|failed|canceled)"'; do sleep 1; done
db_mb=$(du -m "$data/tradingblazor.db" | cut -f1)

curl -s -o /dev/null "$base/backtests" # warm: the first render compiles the page
sleep 1
before=$(kb VmRSS)
echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true
results="$data/loads.txt"
seq 1 "$LOADS" | xargs -P "$LOADS" -I{} curl -s -o /dev/null --max-time 120 -w '%{http_code} %{time_total} %{size_download}\n' "$base/backtests" >"$results"
peak=$(kb VmHWM)
sleep 2
after=$(kb VmRSS)

echo "$RUNS stored runs (database ${db_mb} MB), $LOADS concurrent GET /backtests:"
echo "  status codes: $(cut -d' ' -f1 "$results" | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')"
echo "  page size: $(cut -d' ' -f3 "$results" | sort -n | tail -1) bytes"
cut -d' ' -f2 "$results" | sort -n | awk '{ t[NR] = $1 } END { printf "  latency: p50 %.0f ms, p95 %.0f ms, max %.0f ms\n", t[int(NR * 0.5 + 0.5)] * 1000, t[int(NR * 0.95 + 0.5)] * 1000, t[NR] * 1000 }'
echo "  RSS: before $((before / 1024)) MB, peak $((peak / 1024)) MB, after $((after / 1024)) MB"
