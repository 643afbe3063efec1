#!/usr/bin/env bash
# Packs ModelCompress.Build, the RID-specific ModelCompress.Tool packages (+ the portable `any` one) and the
# ModelCompress.Tool.Training.<rid> packages into a folder usable as a NuGet feed, then lists them with sizes.
# Builds under a separate artifacts folder, so the repository's own bin/ and obj/ (and their restore) are untouched.
# Usage: scripts/pack.sh [--feed DIR] [--rids "linux-x64 win-x64 osx-arm64"] [--no-training] [--work DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed="$repo/artifacts/feed"
rids="linux-x64 win-x64 osx-arm64"
training=1
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) feed=$2; shift 2 ;;
    --rids) rids=$2; shift 2 ;;
    --no-training) training=0; shift ;;
    --work) work=$2; shift 2 ;;
    *) echo "pack.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
work=${work:-$repo/artifacts/pack}
mkdir -p "$feed" "$work"
feed=$(cd "$feed" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
common=(-c Release -o "$feed" -nologo -v:q -p:UseArtifactsOutput=true "-p:ArtifactsPath=$work/")

echo "pack: ModelCompress.Build"
dotnet pack "$repo/src/ModelCompress.Build.Tasks" "${common[@]}"
echo "pack: ModelCompress.Tool for $rids and any"
dotnet pack "$repo/src/ModelCompress.Cli" "${common[@]}" -p:ModelCompressToolPack=true "-p:ModelCompressToolRids=$rids"
if [ "$training" = 1 ]; then
  for rid in $rids; do
    echo "pack: ModelCompress.Tool.Training.$rid"
    dotnet pack "$repo/src/ModelCompress.Tool.Training" "${common[@]}" "-p:ModelCompressTrainingRid=$rid"
  done
fi
echo "packages in $feed:"
for f in "$feed"/*.nupkg; do
  printf '  %-55s %8.1f MB\n' "$(basename "$f")" "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)"
done
