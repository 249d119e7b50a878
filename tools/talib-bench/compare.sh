#!/usr/bin/env bash
# Same-run ratios of our batch indicators to TA-Lib C: builds TA-Lib 0.6.0-dev (the C source bundled in npm talib@2.0.5)
# with gcc -O2 once, writes the benchmark's random walk to a file, then alternates the two benchmarks (C, ours, C, ours...)
# and prints the median of each side and of the per-round ratios.
# Usage: tools/talib-bench/compare.sh [rounds=3] [bars=1000000]. OURS=dir runs an already built TradingBlazor.dll from dir;
# BEFORE=dir also runs another build (e.g. of main) in the same rounds, for a before/after table.
set -euo pipefail
rounds=${1:-3}
bars=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${TALIB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tradingblazor-talib}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ ! -x "$cache/talib_bench" || "$here/talib_bench.c" -nt "$cache/talib_bench" ]]; then
  mkdir -p "$cache"
  if [[ ! -f "$cache/libta.a" ]]; then
    (cd "$work" && npm pack --silent talib@2.0.5 >/dev/null && tar xzf talib-*.tgz)
    lib="$work/package/src/lib"
    (cd "$work" && gcc -O2 -c -I "$lib/include" -I "$lib/src/ta_common" "$lib"/src/ta_common/*.c "$lib"/src/ta_func/*.c \
      && ar rcs "$cache/libta.a" ./*.o && rm ./*.o)
    cp -r "$lib/include" "$cache/include"
  fi
  gcc -O2 -I "$cache/include" -o "$cache/talib_bench" "$here/talib_bench.c" "$cache/libta.a" -lm
fi

ours=${OURS:-$work/app}
if [[ -z "${OURS:-}" ]]; then
  dotnet build -c Release "$repo/TradingBlazor/TradingBlazor.csproj" -o "$ours" >"$work/build.log" || { cat "$work/build.log"; exit 1; }
fi
dotnet "$ours/TradingBlazor.dll" bench indicators --bars "$bars" --runs 1 --only obv --write-bars "$work/bars.bin" >/dev/null

# Alternate per indicator (TA-Lib, ours, [before]) so both sides of a ratio see the same load on a shared machine.
others=vwap,vwma,keltner,donchian,supertrend # ours only: TA-Lib has no such function
mapfile -t names < <("$cache/talib_bench" --names)
for ((r = 1; r <= rounds; r++)); do
  for name in "${names[@]}"; do
    "$cache/talib_bench" "$work/bars.bin" 7 "$name" >>"$work/talib.$r"
    dotnet "$ours/TradingBlazor.dll" bench indicators --bars "$bars" --runs 7 --only "${name%%(*}" >>"$work/ours.$r"
    if [[ -n "${BEFORE:-}" ]]; then
      dotnet "$BEFORE/TradingBlazor.dll" bench indicators --bars "$bars" --runs 7 --only "${name%%(*}" >>"$work/before.$r"
    fi
  done
  dotnet "$ours/TradingBlazor.dll" bench indicators --bars "$bars" --runs 7 --only "$others" >>"$work/ours.$r"
  [[ -z "${BEFORE:-}" ]] || dotnet "$BEFORE/TradingBlazor.dll" bench indicators --bars "$bars" --runs 7 --only "$others" >>"$work/before.$r"
  echo "round $r of $rounds done" >&2
done

python3 - "$work" "$rounds" <<'PY'
import os, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def table(path):
    rows = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) >= 2 and cells[1].replace(".", "").isdigit():
            rows[cells[0]] = [float(c) for c in cells[1:]]
    return rows
def rounds_of(side):
    return [table(f"{work}/{side}.{r}") for r in range(1, rounds + 1)] if os.path.exists(f"{work}/{side}.1") else None
talib, ours, before = rounds_of("talib"), rounds_of("ours"), rounds_of("before")
def ratio(side, name):
    if side is None or name not in talib[0]:
        return ""
    ratios = [o[name][0] / t[name][0] for o, t in zip(side, talib)]
    return f"{statistics.median(ratios):.2f}× ({', '.join(f'{x:.2f}' for x in ratios)})"
def med(side, name, column):
    return f"{statistics.median(s[name][column] for s in side):.2f}" if side else ""
print("| indicator | TA-Lib batch | before batch | before/TA-Lib | after batch | after/TA-Lib | before streaming | after streaming | bytes/update |")
print("|---|---:|---:|---|---:|---|---:|---:|---:|")
for name in ours[0]:
    ta = f"{statistics.median(t[name][0] for t in talib):.2f}" if name in talib[0] else ""
    alloc = max(o[name][2] for o in ours)
    print(f"| {name} | {ta} | {med(before, name, 0)} | {ratio(before, name)} | {med(ours, name, 0)} | {ratio(ours, name)} "
          f"| {med(before, name, 1)} | {med(ours, name, 1)} | {alloc:.2f} |")
PY
