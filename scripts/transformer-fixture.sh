#!/usr/bin/env bash
# Re-makes tests/TestData/digits-transformer: writes the untrained encoder (bench/TransformerFixture, seed 0), trains
# it with the project's own finetune step (bench/TransformerFixture/compression.yaml: epochs judged on x_calib,
# x_test only evaluated), and copies the trained model plus its measured test accuracy.
# Usage: scripts/transformer-fixture.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/bench/TransformerFixture/obj"
dest="$root/tests/TestData/digits-transformer"
dotnet build "$root/bench/TransformerFixture" -v q -nologo >/dev/null
dotnet build "$root/src/ModelCompress.Cli" -v q -nologo >/dev/null
mkdir -p "$work/out" "$dest"
dotnet "$root/bench/TransformerFixture/bin/Debug/net10.0/TransformerFixture.dll" "$work/out/digits_transformer_init.onnx"
rm -rf "$work/trained"
"$root/src/ModelCompress.Cli/bin/Debug/net10.0/modelcompress" run --config "$root/bench/TransformerFixture/compression.yaml" --output "$work/trained" --plain
cp "$work/trained/transformer.onnx" "$dest/digits_transformer.onnx"
accuracy="$(grep -o '"accuracy": *[0-9.]*' "$work/trained/report.json" | sed -n 2p | grep -o '[0-9.]*$')"
cat > "$dest/digits_transformer.json" <<JSON
{
  "model": "digits_transformer.onnx",
  "task": "sklearn load_digits, 10 classes; input N x 1 x 8 x 8 float32 in [0,1]; each image row is one token of 8 features",
  "architecture": "Reshape (Shape/Gather/Concat) to [N,8,8]; linear embed to 32 + learned positions; 2 encoder layers (4 heads of 8, Q/K/V MatMul+Add, Reshape, Transpose, MatMul, Div sqrt(8), Softmax, MatMul, Transpose, Reshape, out MatMul+Add, residual, LayerNormalization; FFN 32-64-32 with Erf GELU, residual, LayerNormalization); layer 0 head reshapes computed by Shape/Gather/Unsqueeze/Concat, layer 1 constant; ReduceMean over tokens; Gemm to 10",
  "opset": 17,
  "test_accuracy": $accuracy,
  "test_count": 497,
  "recipe": "bench/TransformerFixture (weights seed 0) trained by modelcompress finetune: adamw lr 0.003, weight decay 0.01, cosine, 2 warmup epochs, batch 32, 40 epochs, seed 0, x_train only; best epoch judged on x_calib; x_test evaluated once",
  "generator": "scripts/transformer-fixture.sh"
}
JSON
sha256sum "$dest/digits_transformer.onnx"
echo "test accuracy $accuracy"
