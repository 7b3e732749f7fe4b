#!/usr/bin/env bash
# Backtest-engine benchmarks (issue 4): the 400-symbol, one-year synthetic universe of 1-minute bars through
# features, signals, portfolio simulation and output; and a parameter sweep on 50 symbols x 1 year.
#   benchmarks/backtest.sh [WORKDIR]        (default: a temp folder, removed at the end)
# Stores are reused when WORKDIR already holds them. Prints wall time and peak RSS of each command.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-}"
if [ -z "$WORK" ]; then WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
mkdir -p "$WORK"
QUANT="$ROOT/quant"
peak() { /usr/bin/time -f "  wall %e s, peak RSS %M KiB" "$@"; }
[ -d "$WORK/syn400/bars" ] || "$QUANT" generate --symbols 400 --days 250 --timeframe 1m --seed 1 --output "$WORK/syn400"
[ -d "$WORK/syn50/bars" ] || "$QUANT" generate --symbols 50 --days 250 --timeframe 1m --seed 1 --output "$WORK/syn50"
printf 'outputs: {features: false, wide: false}\n' > "$WORK/big.yaml"
echo "== backtest, 400 symbols x 250 days of 1m bars (features and wide tables off)" >&2
JAVA_OPTS="-Xmx16g" peak "$QUANT" backtest --data "$WORK/syn400" --config "$WORK/big.yaml" --output "$WORK/run" 2>&1 \
  | grep -E 'finished in|Backtest of|wall'
echo "== the same with a low-turnover strategy (benchmarks/low-turnover.yaml)" >&2
JAVA_OPTS="-Xmx16g" peak "$QUANT" backtest --data "$WORK/syn400" --config "$ROOT/benchmarks/low-turnover.yaml" \
  --output "$WORK/run-low" 2>&1 | grep -E 'finished in|Backtest of|wall'
echo "== optimize, 12-trial grid, 50 symbols x 250 days" >&2
sed -e '/^window:/,/warmupDays/{/start:/d;/end:/d}' -e 's/max: 40, step: 10/max: 30, step: 10/' \
  -e 's/points: 3}/points: 2}/' "$ROOT/config/optimize.yaml" > "$WORK/opt.yaml"
JAVA_OPTS="-Xmx12g" peak "$QUANT" optimize --config "$WORK/opt.yaml" --data "$WORK/syn50" --output "$WORK/opt" 2>&1 \
  | grep -E 'Optimisation:|Results in|wall'
