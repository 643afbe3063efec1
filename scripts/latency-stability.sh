#!/usr/bin/env bash
# Is a latency budget something CI can rely on? Runs the same compression N times (default 5) while a parallel CPU
# load runs beside it (one busy loop per core), each time from a cold output folder with the step cache kept and
# --remeasure (so this machine's cached evaluation is not simply reused), and
# prints the latency ratio (compressed / original) each run reports, with its interval and verdict. The ratio is
# measured interleaved (A/B rounds) in one process. Prints figures and the spread; asserts nothing.
# Usage: scripts/latency-stability.sh [runs]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/mc latency XXXX")
load_pids=()
cleanup() { for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$repo/src/ModelCompress.Cli" -c Release -v:q -nologo >/dev/null
tool="$repo/src/ModelCompress.Cli/bin/Release/net10.0/modelcompress.dll"
mkdir -p "$work/models" "$work/data"
cp "$repo/tests/TestData/digits/digits_cnn.onnx" "$work/models/"
cp "$repo/tests/TestData/digits/digits.npz" "$work/data/"
cat > "$work/compression.yaml" <<'YAML'
version: 1
models:
  digits:
    source: models/digits_cnn.onnx
    data: { path: data/digits.npz, inputs: { input: x_test }, labels: y_test }
    steps:
      - prune: { method: magnitude, sparsity: 0.5, scope: global }
      - quantize: { mode: dynamic }
    evaluation: { iterations: 200, warmup: 20, provider: cpu }
    budgets:
      latency: { percentile: 95, max_ratio: 1.0 }
YAML

for _ in $(seq "$(nproc)"); do (while :; do :; done) & load_pids+=($!); done
echo "parallel load: ${#load_pids[@]} busy loops on $(nproc) cores"
printf '%-4s %-9s %-20s %-12s %s\n' run ratio interval verdict detail
ratios=()
for i in $(seq "$runs"); do
  rm -rf "$work/obj/modelcompress"
  dotnet "$tool" run --config "$work/compression.yaml" --cache-dir "$work/cache" --plain --budget-severity warning --remeasure >/dev/null 2>&1 || true
  line=$(python3 - "$work/obj/modelcompress/report.json" <<'PY'
import json, re, sys
b = json.load(open(sys.argv[1]))["models"][0]["budgets"][0]
m = re.search(r"ratio ([0-9.]+)x \(interval ([0-9.]+)–([0-9.]+)x\) over (\d+)", b["detail"])
print(m.group(1), f"{m.group(2)}-{m.group(3)}", b["verdict"], f"{m.group(4)} rounds")
PY
)
  read -r ratio interval verdict rest <<<"$line"
  ratios+=("$ratio")
  printf '%-4s %-9s %-20s %-12s %s\n' "$i" "$ratio" "$interval" "$verdict" "$rest"
done
python3 - "${ratios[@]}" <<'PY'
import statistics, sys
r = [float(x) for x in sys.argv[1:]]
m = statistics.median(r)
print(f"median ratio {m:.4f}; spread {min(r):.4f}..{max(r):.4f} = {100*(min(r)/m-1):+.1f} % .. {100*(max(r)/m-1):+.1f} % of the median")
PY
