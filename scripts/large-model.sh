#!/usr/bin/env bash
# Proves the engine handles a model over protobuf's 2 GB limit: writes a float MatMul chain whose weights (layers x
# dim x dim float32, default 9 x 8192 x 8192 = 2.25 GiB) stream into one external data file (bench/LargeModel), runs
# `prepare` + `quantize: { mode: weight_only, bits: 4 }` on it with `modelcompress run` under /usr/bin/time -v, then
# loads the result in ONNX Runtime and runs one inference of each model. Prints sizes, wall times and peak RSS.
# Usage: scripts/large-model.sh [work folder] [layers] [dim]   (needs ~7 GiB of disk; removes its work folder after)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$root/bench/LargeModel/obj/run}"
layers="${2:-9}"
dim="${3:-8192}"
dotnet build "$root/bench/LargeModel" -v q -nologo >/dev/null
dotnet build "$root/src/ModelCompress.Cli" -v q -nologo >/dev/null
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
tool="$root/bench/LargeModel/bin/Debug/net10.0/LargeModel.dll"
dotnet "$tool" write "$work" "$layers" "$dim"
cat > "$work/compression.yaml" <<YAML
version: 1
models:
  large:
    source: large.onnx
    steps:
      - prepare: {}
      - quantize: { mode: weight_only, bits: 4 }
    evaluation: { warmup: 0, iterations: 1, threads: 2, batch_size: 1, provider: cpu }
YAML
/usr/bin/time -v "$root/src/ModelCompress.Cli/bin/Debug/net10.0/modelcompress" run --config "$work/compression.yaml" \
  --output "$work/out" --cache-dir "$work/cache" --plain 2> "$work/time.txt" | tail -n 15 || { cat "$work/time.txt"; exit 1; }
grep -E "Elapsed \(wall|Maximum resident" "$work/time.txt" | sed 's/^\s*/engine run: /'
echo "files:"
ls -l "$work"/large.onnx* "$work"/out/large.onnx* | awk '{print "  " $5 " bytes  " $9}'
echo "cache entries:"
find "$work/cache" -name 'artifact.onnx*' -printf '  %s bytes  %P\n' | sort -k3
dotnet "$tool" infer "$work/large.onnx" "$work/out/large.onnx"
