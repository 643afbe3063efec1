using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

public sealed class DynamicQuantizerTests(ITestOutputHelper output)
{
    [Fact]
    public void Mlp_int8_runs_in_ort_keeps_top1_and_shrinks_the_file()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));
        var reference = OrtEval.Logits(original.ToBytes());

        var result = new DynamicQuantizer(new DynamicQuantizeOptions()).Quantize(original);
        var bytes = result.Model.ToBytes();
        var logits = OrtEval.Logits(bytes);

        var accuracy = OrtEval.Accuracy(logits);
        var maxError = OrtEval.MaxAbsDifference(reference, logits);
        output.WriteLine($"top-1 {accuracy:F4}, max abs logit error {maxError:F4}, bytes {original.ToBytes().Length} -> {bytes.Length}");
        Assert.Equal(3, result.QuantizedCount);
        Assert.All(result.Nodes, n => Assert.True(n.Quantized, n.Reason));
        Assert.InRange(accuracy, 0.9718 - 0.01, 1.0);
        Assert.True(maxError < 0.25f, $"max abs logit error {maxError}");
        Assert.True(bytes.Length < original.ToBytes().Length * 0.4, $"{bytes.Length} bytes");
        var ops = result.Model.Graph.Nodes.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, ops["MatMulInteger"]);
        Assert.Equal(3, ops["DynamicQuantizeLinear"]);
        Assert.False(ops.ContainsKey("Gemm"));
        Assert.False(result.Model.Graph.IsInitializer("fc1.weight"));
    }

    [Fact]
    public void Per_tensor_scales_also_run_and_stay_close()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));

        var result = new DynamicQuantizer(new DynamicQuantizeOptions(PerChannel: false)).Quantize(original);
        var logits = OrtEval.Logits(result.Model.ToBytes());

        Assert.True(result.Model.Graph.TryGetInitializer("fc1.weight_scale", out var scale));
        Assert.Empty(scale.Dims);
        Assert.InRange(OrtEval.Accuracy(logits), 0.9718 - 0.01, 1.0);
    }

    [Fact]
    public void Shared_activation_is_quantized_once_and_matmul_with_3d_input_matches_float()
    {
        var model = TwoMatMulsOnOneInput();
        var x = Enumerable.Range(0, 2 * 5 * 6).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var reference = Run(model.ToBytes(), x);

        var result = new DynamicQuantizer(new DynamicQuantizeOptions()).Quantize(model);
        var quantized = Run(result.Model.ToBytes(), x);

        Assert.Single(result.Model.Graph.Nodes, n => n.OpType == "DynamicQuantizeLinear");
        Assert.Equal(2, result.QuantizedCount);
        Assert.True(OrtEval.MaxAbsDifference(reference, quantized) < 0.05f, $"{OrtEval.MaxAbsDifference(reference, quantized)}");
    }

    [Fact]
    public void Gemm_alpha_beta_and_untransposed_b_are_honoured()
    {
        var model = TwoMatMulsOnOneInput();
        var g = model.Graph;
        var mm = g.FindNode("mm1")!;
        var gemm = OnnxNode.Create("Gemm", "gemm", ["x2d", "w1", "c"], ["g"]).SetAttribute("alpha", 0.5f).SetAttribute("beta", 2f);
        g.SetInitializer(OnnxTensor.FromFloats("c", [4], [1f, -1f, 0.5f, 0f]));
        g.SetInitializer(OnnxTensor.FromInt64s("shape2d", [2], [-1, 6]));
        g.SetInitializer(OnnxTensor.FromInt64s("shape3d", [3], [2, 5, 4]));
        g.ReplaceNode(mm, [
            OnnxNode.Create("Reshape", "flat", ["x", "shape2d"], ["x2d"]),
            gemm,
            OnnxNode.Create("Reshape", "unflat", ["g", "shape3d"], ["y1"]),
        ]);
        var x = Enumerable.Range(0, 2 * 5 * 6).Select(i => MathF.Cos(i * 0.21f)).ToArray();
        var reference = Run(model.ToBytes(), x);

        var result = new DynamicQuantizer(new DynamicQuantizeOptions(Include: ["gemm"])).Quantize(model);

        Assert.Equal([true, false], result.Nodes.Select(n => n.Quantized));
        Assert.Equal("not in the include list", result.Nodes[1].Reason);
        Assert.True(OrtEval.MaxAbsDifference(reference, Run(result.Model.ToBytes(), x)) < 0.05f);
    }

    [Fact]
    public void Cnn_with_conv_integer_runs_in_ort_and_keeps_top1()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new DynamicQuantizer(new DynamicQuantizeOptions(Ops: ["Conv", "Gemm"])).Quantize(original);
        var accuracy = OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes()));

        output.WriteLine($"CNN ConvInteger top-1 {accuracy:F4}");
        Assert.Equal(4, result.QuantizedCount);
        Assert.Equal(3, result.Model.Graph.Nodes.Count(n => n.OpType == "ConvInteger"));
        Assert.True(accuracy >= 0.98, $"top-1 {accuracy}");
    }

    [Fact]
    public void Default_ops_leave_conv_in_float()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new DynamicQuantizer(new DynamicQuantizeOptions()).Quantize(original);

        Assert.Equal("/fc/Gemm", Assert.Single(result.Nodes).Node);
        Assert.Equal(3, result.Model.Graph.Nodes.Count(n => n.OpType == "Conv"));
        Assert.True(OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes())) >= 0.98);
    }

    [Fact]
    public void Low_opset_is_raised_to_11()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));
        model.SetOpsetVersion("", 10);

        var result = new DynamicQuantizer(new DynamicQuantizeOptions()).Quantize(model);

        Assert.Equal(10, result.OpsetBefore);
        Assert.Equal(11, result.OpsetAfter);
        Assert.InRange(OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes())), 0.96, 1.0);
    }

    [Fact]
    public void Nothing_to_quantize_is_mc3053_with_the_reasons()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));

        var ex = Assert.Throws<CompressionException>(() =>
            new DynamicQuantizer(new DynamicQuantizeOptions(Exclude: ["/fc1/Gemm", "/fc2/Gemm", "/fc3/Gemm"])).Quantize(model));

        Assert.Equal("MC3053", Assert.Single(ex.Diagnostics).Code);
        Assert.Contains("/fc2/Gemm: excluded by name", ex.Message);
    }

    [Fact]
    public void Unsupported_op_is_refused() =>
        Assert.Contains("LSTM", Assert.Throws<ArgumentException>(() => new DynamicQuantizer(new DynamicQuantizeOptions(Ops: ["LSTM"]))).Message);

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var quantizer = new DynamicQuantizer(new DynamicQuantizeOptions(Ops: ["Conv", "Gemm", "MatMul"]));

        Assert.Equal(quantizer.Quantize(model).Model.ToBytes(), quantizer.Quantize(model).Model.ToBytes());
    }

    private static float[] Run(byte[] model, float[] x)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model);
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(x, [2, 5, 6]);
        using var outputs = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    // x [2,5,6] → MatMul(x, w1[6,4]) and MatMul(x, w2[6,4]) → Add → y: two consumers of one activation.
    private static OnnxModel TwoMatMulsOnOneInput()
    {
        var graph = new Onnx.Proto.GraphProto { Name = "two" };
        graph.Input.Add(new Onnx.Proto.ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, 2, 5, 6).ToProto() });
        graph.Output.Add(new Onnx.Proto.ValueInfoProto { Name = "y", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        var model = new OnnxModel(new Onnx.Proto.ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", 13);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromFloats("w1", [6, 4], Enumerable.Range(0, 24).Select(i => MathF.Sin(i) * 0.5f).ToArray()));
        g.SetInitializer(OnnxTensor.FromFloats("w2", [6, 4], Enumerable.Range(0, 24).Select(i => MathF.Cos(i * 1.3f)).ToArray()));
        g.AddNode(OnnxNode.Create("MatMul", "mm1", ["x", "w1"], ["y1"]));
        g.AddNode(OnnxNode.Create("MatMul", "mm2", ["x", "w2"], ["y2"]));
        g.AddNode(OnnxNode.Create("Add", "sum", ["y1", "y2"], ["y"]));
        return model;
    }
}
