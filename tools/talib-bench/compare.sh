#!/usr/bin/env bash
# Same-run ratios of our batch indicators to TA-Lib C. Builds TA-Lib 0.6.0-dev (the C source bundled in npm
# talib@2.0.5) with gcc -O2 -fPIC once into a small shared library (talib_bench.c), then runs `bench indicators --talib`,
# which times TA-Lib and our batch call alternately in one process on the same bars, `rounds` times.
# Usage: tools/talib-bench/compare.sh [rounds=3] [bars=1000000] [runs=9]
#   OURS=dir   use an already built TradingBlazor.dll from dir (default: a Release build of this checkout)
#   BEFORE=dir also run another build (e.g. of main) in each round, right after ours, for a before/after table
#   CLOCK=thread time with the thread's CPU time instead of wall time (a loaded machine's waits left out; both builds
#              must know --clock)
set -euo pipefail
rounds=${1:-3}
bars=${2:-1000000}
runs=${3:-9}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${TALIB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tradingblazor-talib}
library="$cache/libtalib_bench.so"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ ! -f "$library" || "$here/talib_bench.c" -nt "$library" ]]; then
  mkdir -p "$cache"
  if [[ ! -f "$cache/libta.a" ]]; then
    (cd "$work" && npm pack --silent talib@2.0.5 >/dev/null && tar xzf talib-*.tgz)
    lib="$work/package/src/lib"
    mkdir -p "$work/objects"
    (cd "$work/objects" && gcc -O2 -fPIC -c -I "$lib/include" -I "$lib/src/ta_common" "$lib"/src/ta_common/*.c "$lib"/src/ta_func/*.c \
      && ar rcs "$cache/libta.a" ./*.o)
    rm -rf "$cache/include" && cp -r "$lib/include" "$cache/include"
  fi
  gcc -O2 -fPIC -shared -I "$cache/include" -o "$library" "$here/talib_bench.c" "$cache/libta.a" -lm
fi

clock=${CLOCK:-wall}
ours=${OURS:-$work/app}
if [[ -z "${OURS:-}" ]]; then
  dotnet build -c Release "$repo/TradingBlazor/TradingBlazor.csproj" -o "$ours" >"$work/build.log" || { cat "$work/build.log"; exit 1; }
fi

for ((r = 1; r <= rounds; r++)); do
  dotnet "$ours/TradingBlazor.dll" bench indicators --bars "$bars" --runs "$runs" --talib "$library" --clock "$clock" >"$work/ours.$r"
  if [[ -n "${BEFORE:-}" ]]; then
    dotnet "$BEFORE/TradingBlazor.dll" bench indicators --bars "$bars" --runs "$runs" --talib "$library" --clock "$clock" >"$work/before.$r"
  fi
  echo "round $r of $rounds done" >&2
done

python3 - "$work" "$rounds" <<'PY'
import os, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def table(path):
    rows = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) >= 6 and cells[1].replace(".", "").isdigit():
            rows[cells[0]] = [float(c) if c else None for c in cells[1:]]
    return rows
def side(name):
    return [table(f"{work}/{name}.{r}") for r in range(1, rounds + 1)] if os.path.exists(f"{work}/{name}.1") else None
ours, before = side("ours"), side("before")
def cell(tables, name, column, suffix=""):
    if not tables or name not in tables[0] or tables[0][name][column] is None:
        return ""
    values = [t[name][column] for t in tables]
    each = f" ({', '.join(f'{v:.2f}' for v in values)})" if suffix else ""
    return f"{statistics.median(values):.2f}{suffix}{each}"
print(open(f"{work}/ours.1").readline().strip())
print(f"rounds: {rounds}; each cell is the median over the rounds; ratios are batch / TA-Lib of the same round (per round in brackets)")
print("| indicator | TA-Lib ns/bar | before ns/bar | before / TA-Lib | after ns/bar | after / TA-Lib | streaming before | streaming after | bytes/update |")
print("|---|---:|---:|---|---:|---|---:|---:|---:|")
for name in ours[0]:
    print(f"| {name} | {cell(ours, name, 3)} | {cell(before, name, 0)} | {cell(before, name, 4, '×')} | {cell(ours, name, 0)} "
          f"| {cell(ours, name, 4, '×')} | {cell(before, name, 1)} | {cell(ours, name, 1)} | {cell(ours, name, 2)} |")
PY
