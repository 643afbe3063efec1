using ModelCompress.Engine.Steps.Quantize.WeightOnly;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

public sealed class WeightOnlyQuantizerTests(ITestOutputHelper output)
{
    private const int DefaultLevel = WeightOnlyQuantizeSettings.DefaultAccuracyLevel;

    public static TheoryData<int, bool> Schemes => new() { { 4, true }, { 4, false }, { 8, true }, { 8, false } };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Mlp_gemms_become_matmulnbits_that_agree_with_float_in_under_0_3x_the_weight_bytes(int bits, bool symmetric)
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));
        var reference = OrtEval.Logits(original.ToBytes());

        var result = Quantizer(bits, symmetric, DefaultLevel).Quantize(original);
        var logits = OrtEval.Logits(result.Model.ToBytes());

        var agreement = Fp16Checks.Agreement(reference, logits);
        var ratio = (double)result.PackedBytes / result.FloatBytes;
        output.WriteLine($"MLP int{bits} {(symmetric ? "sym" : "zp")}: agreement {agreement:F4}, top-1 {OrtEval.Accuracy(logits):F4} (float {OrtEval.Accuracy(reference):F4}), weights {result.FloatBytes} -> {result.PackedBytes} B ({ratio:F4}x)");
        Assert.Equal(3, result.Model.Graph.Nodes.Count(n => n.OpType == "MatMulNBits"));
        Assert.DoesNotContain(result.Model.Graph.Nodes, n => n.OpType == "Gemm");
        Assert.False(result.Model.Graph.IsInitializer("fc1.weight"));
        Assert.True(ratio <= 0.3, $"{ratio}");
        Assert.True(agreement >= (bits == 8 ? 0.99 : 0.97), $"agreement {agreement}");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Ort_output_equals_a_float_matmul_on_the_weights_decoded_from_the_packing(int bits, bool symmetric)
    {
        // accuracy_level 0: the kernel computes in float, so only the packing can make a difference.
        var quantized = Quantizer(bits, symmetric, 0).Quantize(TransformerBlock.Create()).Model;

        var packed = TransformerBlock.Run(quantized.ToBytes());
        var decoded = TransformerBlock.Run(NBitsDecoder.Dequantized(quantized).ToBytes());

        var scale = decoded.Max(MathF.Abs);
        var error = OrtEval.MaxAbsDifference(packed, decoded) / scale;
        output.WriteLine($"int{bits} {(symmetric ? "sym" : "zp")}: max |MatMulNBits - decoded float| / max |y| = {error:G3}");
        Assert.True(error < 1e-5, $"{error}");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Transformer_block_quantizes_every_constant_weight_and_stays_close_to_float(int bits, bool symmetric)
    {
        var model = TransformerBlock.Create();
        var reference = TransformerBlock.Run(model.ToBytes());

        var result = Quantizer(bits, symmetric, DefaultLevel).Quantize(model);
        var y = TransformerBlock.Run(result.Model.ToBytes());

        var rows = reference.Length / 10;
        var agreement = (double)Enumerable.Range(0, rows).Count(r =>
            Fp16Checks.ArgMax(reference.AsSpan(r * 10, 10)) == Fp16Checks.ArgMax(y.AsSpan(r * 10, 10))) / rows;
        var rms = Math.Sqrt(reference.Zip(y, (a, b) => (double)(a - b) * (a - b)).Average() / reference.Average(a => (double)a * a));
        var ratio = (double)result.PackedBytes / result.FloatBytes;
        output.WriteLine($"block int{bits} {(symmetric ? "sym" : "zp")}: relative RMS error {rms:G3}, arg-max agreement {agreement:F4} ({rows} rows), weights {ratio:F4}x");
        Assert.Equal(["q_proj", "k_proj", "v_proj", "o_proj", "ff1", "ff2", "head"], result.Nodes.Where(n => n.Quantized).Select(n => n.Node));
        Assert.Equal(["scores", "context"], result.Nodes.Where(n => !n.Quantized).Select(n => n.Node));
        Assert.DoesNotContain(result.Model.Graph.Nodes, n => n.OpType == "Constant");
        Assert.True(ratio <= 0.3, $"{ratio}");
        Assert.True(rms < (bits == 8 ? 0.01 : 0.1), $"relative RMS {rms}");
    }

    [Fact]
    public void Included_node_that_cannot_be_rewritten_is_mc3092()
    {
        var ex = Assert.Throws<CompressionException>(() =>
            new WeightOnlyQuantizer(new WeightOnlyOptions(4, 32, true, 0, ["scores", "relu"], [])).Quantize(TransformerBlock.Create()));

        Assert.Equal(["MC3092", "MC3092"], ex.Diagnostics.Select(d => d.Code));
        Assert.Contains("not a constant", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_quantize_is_mc3091_with_the_reasons()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));

        var ex = Assert.Throws<CompressionException>(() =>
            new WeightOnlyQuantizer(new WeightOnlyOptions(4, 32, true, 0, [], ["/fc1/Gemm", "/fc2/Gemm", "/fc3/Gemm"])).Quantize(model));

        Assert.Equal("MC3091", Assert.Single(ex.Diagnostics).Code);
        Assert.Contains("excluded by name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var quantizer = Quantizer(4, false, DefaultLevel);

        Assert.Equal(quantizer.Quantize(TransformerBlock.Create()).Model.ToBytes(), quantizer.Quantize(TransformerBlock.Create()).Model.ToBytes());
    }

    private static WeightOnlyQuantizer Quantizer(int bits, bool symmetric, int level) => new(new WeightOnlyOptions(bits, 32, symmetric, level, [], []));
}
