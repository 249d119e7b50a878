#!/usr/bin/env bash
# Publishes the app as the Docker image does (Release, framework-dependent, ReadyToRun) and checks that the published build,
# started in Production mode, answers /health and serves the Blazor, MudBlazor and chart assets and the API reference.
set -euo pipefail
cd "$(dirname "$0")/.."

out="artifacts/publish"
rm -rf "$out"
# ReadyToRun (still framework-dependent) starts the app in about 0.8 s instead of 1.3 s.
dotnet publish TradingBlazor/TradingBlazor.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v quiet

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production Storage__DataDirectory="$data" Logs__Console=false \
  dotnet "$out/TradingBlazor.dll" --urls "$base" > "$data/stdout.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT

start=$(date +%s%N)
for _ in $(seq 1 300); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "smoke: published app exited:"; cat "$data/stdout.log"; exit 1; }
  sleep 0.1
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
health=$(curl -s -w ' HTTP %{http_code}' "$base/health")
echo "smoke: /health after ${elapsed_ms} ms: $(echo "$health" | tr -d '\n ' | cut -c1-120)"
case "$health" in *'HTTP 200') ;; *) echo "smoke: /health is not 200"; exit 1;; esac

for asset in "" _content/MudBlazor/MudBlazor.min.js _content/MudBlazor/MudBlazor.min.css app.css js/theme.js js/chart-theme.js \
             scalar/ openapi/v1.json _framework/blazor.web.js lib/lightweight-charts/lightweight-charts.standalone.production.js favicon.svg; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/$asset")
  [ "$code" = "200" ] || { echo "smoke: /$asset answered $code"; exit 1; }
done
echo "smoke: published app ($(du -sh "$out" | cut -f1)) serves /health and all assets in Production"
