#!/usr/bin/env bash
# The digits transformer with 50 % of heads removed (and separately 50 % of FFN neurons), then KD from the original
# (bench/TransformerHeads); report rows (one-shot and after KD), file sizes, and ONNX Runtime batch-1 latency of
# original vs result in alternating rounds, one thread. Usage: scripts/transformer-heads.sh [output folder]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/TransformerHeads/obj/out}"
dotnet build "$root/src/ModelCompress.Cli" -v q -nologo >/dev/null
cli="$root/src/ModelCompress.Cli/bin/Debug/net10.0/modelcompress"
original="$root/tests/TestData/digits-transformer/digits_transformer.onnx"
"$cli" run --config "$root/bench/TransformerHeads/compression.yaml" --output "$out" --plain
grep -E '^\| (original|after)|^## ' "$out/report.md"
grep -oE 'attention [^|;]*heads|block [^|;]*neurons' "$out/report.md" || true
for m in heads neurons; do
  echo "$m: file $(stat -c %s "$original") -> $(stat -c %s "$out/$m.onnx") bytes"
  "$cli" bench latency "$original" "$out/$m.onnx" --rounds 21 --iterations 50 --warmup 10 --threads 1
done
