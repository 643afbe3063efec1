#!/usr/bin/env bash
# The wide CNN with 50 % of its channels removed and distilled from the original (bench/ChannelWide), then
# ONNX Runtime batch-1 latency of original vs result in alternating rounds, one thread. Epochs are judged on
# x_calib; x_test is only the final evaluation. Usage: scripts/channel-wide.sh [output folder]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/ChannelWide/obj/out}"
dotnet build "$root/src/ModelCompress.Cli" -v q -nologo >/dev/null
cli="$root/src/ModelCompress.Cli/bin/Debug/net10.0/modelcompress"
"$cli" run --config "$root/bench/ChannelWide/compression.yaml" --output "$out" --plain
grep -E '^\| (original|after)' "$out/report.md"
"$cli" bench latency "$root/tests/TestData/digits-wide/digits_wide_cnn.onnx" "$out/wide.onnx" --rounds 21 --iterations 50 --warmup 10 --threads 1
