# Sourced by scripts/package-e2e.sh and scripts/bench-package.sh: a consumer of the packages, outside the repository.
# Needs: repo (the repository), feed (the local feed), version (of the packages).
global=${NUGET_PACKAGES:-$HOME/.nuget/packages}
# A consumer: console app + compression.yaml + the digits model and data, outside the repository.
make_app() { # $1 folder, $2 steps yaml
  local app=$1
  mkdir -p "$app/models" "$app/data"
  cp "$repo/testprojects/DigitsApp/models/digits_cnn.onnx" "$app/models/"
  cp "$repo/testprojects/DigitsApp/data/digits.npz" "$repo/testprojects/DigitsApp/data/digits_test.csv" "$app/data/"
  cp "$repo/testprojects/DigitsApp/Program.cs" "$app/Program.cs"
  sed -i 's/using DigitsApp;/using Consumer;/' "$app/Program.cs"
  cat > "$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>Consumer</RootNamespace>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ModelCompress.Build" Version="$version" PrivateAssets="all" />
    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.0" />
  </ItemGroup>
  <ItemGroup>
    <None Include="data/digits_test.csv" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>
XML
  cat > "$app/nuget.config" <<XML
<configuration>
  <config><add key="globalPackagesFolder" value="packages" /></config>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="machine" value="$global" />
  </packageSources>
  <!-- ModelCompress packages only from the fresh feed, never a stale copy in the machine's folder. -->
  <packageSourceMapping>
    <packageSource key="local"><package pattern="ModelCompress.*" /></packageSource>
    <packageSource key="machine"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
  # The data block is shared with scripts/lib/kill_trials.py (scripts/lib/digits-data.yaml).
  cat > "$app/compression.yaml" <<YAML
version: 1
models:
  digits:
    source: models/digits_cnn.onnx
$(cat "$repo/scripts/lib/digits-data.yaml")
    steps:
$2
    budgets:
      accuracy: { metric: top1, max_drop: 0.03 }
      size: { max_kb: 300 }
YAML
}
