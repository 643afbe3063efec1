#!/usr/bin/env bash
# End-to-end check of the packages as a user gets them (issue 8): packs ModelCompress.Build, ModelCompress.Tool
# (linux-x64 + any) and ModelCompress.Tool.Training.linux-x64 into a local feed in a temp folder, creates console
# apps OUTSIDE the repository that reference ModelCompress.Build from that feed, builds and runs them (a graph-only
# prune + quantize config, and a prune + finetune + quantize config that trains through the packaged libtorch on
# this host), measures each consumer's NuGet packages folder, and checks the bad-input diagnostics.
# Each consumer restores into its own NuGet packages folder; the machine's folder serves only as a read-only feed.
# Prints one "Passed!/Failed!" line like dotnet test, so .ci/run adds these checks to its totals.
# Usage: scripts/package-e2e.sh [--keep] [--feed DIR (already packed: skip packing)]
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mc-package-e2e.XXXXXX")
keep=0; packed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1; shift ;;
    --feed) packed=$(cd "$2" && pwd); shift 2 ;;
    *) echo "package-e2e.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
passed=0; failed=0
check() { # $1 name, $2 0|1 ok
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "  ok   $1"; else failed=$((failed + 1)); echo "  FAIL $1"; fi
}
has() { grep -q -- "$2" "$1"; }
mb() { du -sm "$1" 2>/dev/null | cut -f1; }

start=$(date +%s)
if [ -n "$packed" ]; then
  ln -s "$packed" "$work/feed"
else
  "$repo/scripts/pack.sh" --feed "$work/feed" --rids linux-x64 --work "$work/pack" || { echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - package-e2e (pack)"; exit 1; }
  rm -rf "$work/pack"
fi
version=$(ls "$work/feed" | sed -n 's/^ModelCompress\.Build\.\([0-9][^n]*\)\.nupkg$/\1/p')
echo "packed version $version in $(( $(date +%s) - start )) s"

feed="$work/feed"
# shellcheck source=scripts/lib/consumer-app.sh
source "$repo/scripts/lib/consumer-app.sh"
graph_steps='      - prune: { method: magnitude, sparsity: 0.5, scope: global }
      - quantize: { mode: dynamic }'
train_steps='      - prune: { method: magnitude, sparsity: 0.5, scope: global }
      - finetune: { training: { epochs: 2, lr: 0.0005 } }
      - quantize: { mode: dynamic }'

echo "consumer 1: graph-only (prune + quantize)"
make_app "$work/graph" "$graph_steps"
(cd "$work/graph" && dotnet build -nologo > build.log 2>&1); check "graph-only: first build (restore, then the engine's download, then compression)" $?
(cd "$work/graph" && rm -rf obj/Debug/net10.0/modelcompress && dotnet build -nologo > build2.log 2>&1) && ! has "$work/graph/build2.log" "ModelCompress: restoring"
check "graph-only: second build downloads nothing" $?
echo "  NuGet packages folder: $(mb "$work/graph/packages") MB, of which ModelCompress.*: $(du -scm "$work"/graph/packages/modelcompress.* | tail -1 | cut -f1) MB"
[ ! -d "$work/graph/packages/modelcompress.tool.training.linux-x64" ]; check "graph-only: no training backend downloaded" $?
(cd "$work/graph" && dotnet run --no-build > run.log 2>&1) && has "$work/graph/run.log" "accuracy: 0.9"; check "graph-only: app runs ($(grep accuracy "$work/graph/run.log"))" $?
html="$work/graph/obj/Debug/net10.0/modelcompress/report.html"
[ "$(grep -c '<svg' "$html" 2>/dev/null)" = 3 ] && ! grep -qiE 'https?://|<script|<link|Plot not drawn' "$html"
check "graph-only: report.html from the packaged tool has no URL or script and its 3 plots ($(stat -c %s "$html" 2>/dev/null) bytes)" $?

echo "consumer 1b: IDE and passthrough on a fresh copy (the engine never runs)"
make_app "$work/ide" "$graph_steps"
(cd "$work/ide" && dotnet msbuild -nologo -restore -t:Compile -p:DesignTimeBuild=true > design.log 2>&1) && [ ! -e "$work/ide/obj/Debug/net10.0/modelcompress/report.json" ]
check "design-time build compiles code using CompressedModels from compression.yaml alone" $?
(cd "$work/ide" && dotnet build -nologo -p:ModelCompressEnabled=false > passthrough.log 2>&1) && (cd "$work/ide" && dotnet run --no-build -p:ModelCompressEnabled=false > run.log 2>&1) && has "$work/ide/run.log" "accuracy: 0.99"
check "ModelCompressEnabled=false embeds the source model unchanged, app runs ($(grep accuracy "$work/ide/run.log" 2>/dev/null))" $?

echo "consumer 2: training (prune + finetune + quantize), Debian 12 libstdc++ ($(strings /usr/lib/x86_64-linux-gnu/libstdc++.so.6 2>/dev/null | grep -c '^GLIBCXX_3\.4\.32$') x GLIBCXX_3.4.32)"
make_app "$work/train" "$train_steps"
(cd "$work/train" && dotnet build -nologo > build.log 2>&1) && has "$work/train/build.log" "Build succeeded"; check "training: build trains through the packaged libtorch" $?
echo "  NuGet packages folder: $(mb "$work/train/packages") MB, of which ModelCompress.*: $(du -scm "$work"/train/packages/modelcompress.* | tail -1 | cut -f1) MB"
[ -f "$work/train/packages/modelcompress.tool.training.linux-x64/$version/native/libtorch_cpu.so" ]; check "training: the training backend was downloaded" $?
(cd "$work/train" && dotnet run --no-build > run.log 2>&1) && has "$work/train/run.log" "accuracy: 0.9"; check "training: app runs ($(grep accuracy "$work/train/run.log"))" $?
grep -q '"finetune"' "$work"/train/obj/Debug/net10.0/modelcompress/*report*.json 2>/dev/null || grep -rqs "finetune" "$work/train/obj/Debug/net10.0/modelcompress/"; check "training: report shows the finetune step" $?

echo "consumer 3: ModelCompress.Build as an MSBuild SDK (the engine is fetched by restore itself)"
make_app "$work/sdk" "$graph_steps"
sed -i '/ModelCompress.Build/d; s|<Project Sdk="Microsoft.NET.Sdk">|<Project Sdk="Microsoft.NET.Sdk">\n  <Sdk Name="ModelCompress.Build" Version="'"$version"'" />|' "$work/sdk/Consumer.csproj"
(cd "$work/sdk" && dotnet restore -nologo > restore.log 2>&1) && [ -f "$work/sdk/packages/modelcompress.tool.linux-x64/$version/tools/net10.0/linux-x64/modelcompress.dll" ]
check "sdk: dotnet restore fetches ModelCompress.Tool.linux-x64" $?
(cd "$work/sdk" && dotnet build --no-restore -nologo > build.log 2>&1) && ! has "$work/sdk/build.log" "ModelCompress: restoring" && (cd "$work/sdk" && dotnet run --no-build > run.log 2>&1) && has "$work/sdk/run.log" "accuracy: 0.9"
check "sdk: build --no-restore compresses without downloading, app runs" $?

echo "bad inputs"
# The graph-only consumer's packages folder has no training backend; its config gets a training step.
cp "$work/train/compression.yaml" "$work/graph/train.yaml"
(cd "$work/graph" && dotnet build --no-restore -nologo -p:ModelCompressConfig=train.yaml -p:ModelCompressTraining=none > none.log 2>&1)
has "$work/graph/none.log" "MC5210" && has "$work/graph/none.log" "ModelCompressTraining"; check "training step with the graph-only engine: MC5210 names ModelCompressTraining" $?
rm -f "$work/graph/train.yaml"
(cd "$work/graph" && dotnet build -nologo -p:ModelCompressToolVersion=9.9.9 > missing.log 2>&1)
has "$work/graph/missing.log" "NU1102" && has "$work/graph/missing.log" "MC5200"; check "tool version in no feed: NU1102 (package, version, feeds) and MC5200 with the fix" $?
mkdir -p "$work/graph/.config"
printf '{ "version": 1, "isRoot": true, "tools": { "modelcompress.tool": { "version": "%s", "commands": [ "modelcompress" ] } } }\n' "0.0.9" > "$work/graph/.config/dotnet-tools.json"
touch "$work/graph/compression.yaml"
(cd "$work/graph" && dotnet build --no-restore -nologo > mismatch.log 2>&1)
has "$work/graph/mismatch.log" "MC5202"; check "local tool manifest pins another version: MC5202" $?
printf '{ "version": 1, "isRoot": true, "tools": { "modelcompress.tool": { "version": "%s", "commands": [ "modelcompress" ] } } }\n' "$version" > "$work/graph/.config/dotnet-tools.json"
(cd "$work/graph" && dotnet build --no-restore -nologo > notrestored.log 2>&1)
has "$work/graph/notrestored.log" "MC5201" && has "$work/graph/notrestored.log" "dotnet tool restore"; check "local tool manifest not restored: MC5201 says dotnet tool restore" $?
rm -rf "$work/graph/.config"

echo "consumer 1c: multi-targeted (the package's buildMultiTargeting/ runs the engine once, in the outer build)"
sed -i 's|<TargetFramework>net10.0</TargetFramework>|<TargetFrameworks>net10.0</TargetFrameworks>|' "$work/graph/Consumer.csproj"
rm -rf "$work/graph/obj/Debug/net10.0/modelcompress"
(cd "$work/graph" && dotnet build -nologo -v:n -tl:off > multi.log 2>&1) && [ "$(grep -c 'ModelCompress: compressing the models of' "$work/graph/multi.log")" = 1 ] \
  && [ -f "$work/graph/obj/Debug/modelcompress/manifest.json" ] && [ ! -e "$work/graph/obj/Debug/net10.0/modelcompress/manifest.json" ] \
  && (cd "$work/graph" && dotnet run --no-build -f net10.0 > run-multi.log 2>&1) && has "$work/graph/run-multi.log" "accuracy: 0.9"
check "multi-target: one engine run into obj/Debug/modelcompress/, app runs" $?

echo "package sizes:"
for f in "$work"/feed/*.nupkg; do printf '  %-50s %8.1f MB\n' "$(basename "$f")" "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)"; done
for app in graph train sdk; do
  printf 'NuGet packages folder of the %s consumer: %s MB (ModelCompress.*: %s MB)\n' "$app" "$(mb "$work/$app/packages")" "$(du -scm "$work"/$app/packages/modelcompress.* | tail -1 | cut -f1)"
done
for log in "$work"/*/*.log; do
  if [ "$failed" != 0 ]; then echo "---- $log"; tail -n 15 "$log"; fi
done
echo "package e2e took $(( $(date +%s) - start )) s"
label=Passed!; [ "$failed" = 0 ] || label=Failed!
echo "$label  - Failed:     $failed, Passed:     $passed, Skipped:     0, Total:     $((passed + failed)) - package-e2e"
[ "$failed" = 0 ]
