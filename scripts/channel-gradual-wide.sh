#!/usr/bin/env bash
# The wide CNN with 50 % of its channels removed two ways with KD (bench/ChannelWideGradual): gradual (masks on the
# cubic ramp while distilling, channels removed at the end) against one-shot then distill, same epochs. Prints the
# test top-1 of each (epochs judged on x_calib; x_test is only the final evaluation), the file sizes, and ONNX
# Runtime batch-1 latency (one thread) in alternating A/B rounds: original vs each, and one-shot vs gradual.
# Usage: scripts/channel-gradual-wide.sh [output folder]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/ChannelWideGradual/obj/out}"
dotnet build "$root/src/ModelCompress.Cli" -v q -nologo >/dev/null
cli="$root/src/ModelCompress.Cli/bin/Debug/net10.0/modelcompress"
original="$root/tests/TestData/digits-wide/digits_wide_cnn.onnx"
mkdir -p "$out"
"$cli" run --config "$root/bench/ChannelWideGradual/compression.yaml" --output "$out" --plain 2>&1 | tee "$out/run.log"
grep -E '^(## |\| (original|after))' "$out/report.md"
grep -E 'step 1 prune |step 2 distill ' "$out/run.log" || true
wc -c "$original" "$out/gradual.onnx" "$out/oneshot.onnx"
"$cli" bench latency "$original" "$out/gradual.onnx" --rounds 11 --iterations 50 --warmup 10 --threads 1
"$cli" bench latency "$original" "$out/oneshot.onnx" --rounds 11 --iterations 50 --warmup 10 --threads 1
"$cli" bench latency "$out/oneshot.onnx" "$out/gradual.onnx" --rounds 11 --iterations 50 --warmup 10 --threads 1
