#!/usr/bin/env bash
# The wide CNN with 50 % of its channels removed and distilled from the original (bench/ChannelWide), or with
# static int8 after that (bench/ChannelWideInt8, pass --int8); then ONNX Runtime batch-1 latency of original vs
# result in alternating rounds, one thread. Epochs are judged on x_calib, calibration uses x_calib; x_test is only
# the final evaluation. Usage: scripts/channel-wide.sh [--int8] [output folder]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench=ChannelWide
if [[ "${1:-}" == "--int8" ]]; then
  bench=ChannelWideInt8
  shift
fi
out="${1:-$root/bench/$bench/obj/out}"
dotnet build "$root/src/ModelCompress.Cli" -v q -nologo >/dev/null
cli="$root/src/ModelCompress.Cli/bin/Debug/net10.0/modelcompress"
"$cli" run --config "$root/bench/$bench/compression.yaml" --output "$out" --plain
grep -E '^\| (original|after)' "$out/report.md"
"$cli" bench latency "$root/tests/TestData/digits-wide/digits_wide_cnn.onnx" "$out/wide.onnx" --rounds 21 --iterations 50 --warmup 10 --threads 1
