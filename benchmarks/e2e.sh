#!/usr/bin/env bash
# End-to-end benchmark: generate a synthetic universe, then time quant backtest over it and over the bundled sample.
#   benchmarks/e2e.sh [SYMBOLS] [DAYS]      (default 50 symbols x 20 days of 1m bars)
# Prints a Markdown table for docs/benchmarks.md. Scratch data goes to a temp folder that is removed at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SYMBOLS="${1:-50}"
DAYS="${2:-20}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
QUANT="$ROOT/quant"
"$QUANT" --version >/dev/null   # builds the jar first if needed, outside the timings

seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }; awk -v a="$(date +%s.%N)" -v b="$s" 'BEGIN { printf "%.2f", a - b }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

echo "generating $SYMBOLS symbols x $DAYS days of 1m bars ..." >&2
GEN=$(seconds "$QUANT" generate --symbols "$SYMBOLS" --days "$DAYS" --timeframe 1m --seed 1 --output "$WORK/syn")
BARS=$(find "$WORK/syn" -name '*.parquet' | wc -l)
echo "backtesting the bundled sample ..." >&2
SAMPLE=$(seconds "$QUANT" backtest --output "$WORK/sample")
SAMPLE_BARS=$(grep -o '"bars" : [0-9]*' "$WORK/sample/metrics.json" | grep -o '[0-9]*$')
echo "backtesting the synthetic universe (batch) ..." >&2
SYN=$(seconds "$QUANT" backtest --data "$WORK/syn" --output "$WORK/bt")
SYN_BARS=$(grep -o '"bars" : [0-9]*' "$WORK/bt/metrics.json" | grep -o '[0-9]*$')
echo "backtesting the synthetic universe (streaming replay) ..." >&2
STREAM=$(seconds "$QUANT" backtest --data "$WORK/syn" --output "$WORK/bt-stream" --mode streaming)
cmp -s "$WORK/bt/equity.parquet" "$WORK/bt-stream/equity.parquet" || { echo "streaming and batch differ!" >&2; exit 1; }

printf '| what | bars | wall time (s) | bars/s |\n|---|---|---|---|\n'
printf '| `quant generate --symbols %s --days %s --timeframe 1m` (%s files) | %s | %s | %s |\n' "$SYMBOLS" "$DAYS" "$BARS" "$SYN_BARS" "$GEN" "$(rate "$SYN_BARS" "$GEN")"
printf '| `quant backtest` (bundled sample, 8 symbols) | %s | %s | %s |\n' "$SAMPLE_BARS" "$SAMPLE" "$(rate "$SAMPLE_BARS" "$SAMPLE")"
printf '| `quant backtest --data <synthetic>` (batch) | %s | %s | %s |\n' "$SYN_BARS" "$SYN" "$(rate "$SYN_BARS" "$SYN")"
printf '| `quant backtest --data <synthetic> --mode streaming` | %s | %s | %s |\n' "$SYN_BARS" "$STREAM" "$(rate "$SYN_BARS" "$STREAM")"
