using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Steps.Quantize.Fp16;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

public sealed class Fp16ConverterTests(ITestOutputHelper output)
{
    private static readonly Fp16Options Defaults = new(true, [], []);

    public static TheoryData<string> Fixtures => new()
    {
        "digits/digits_mlp.onnx", "digits/digits_cnn.onnx", "digits/digits_cnn_bn.onnx", "digits-wide/digits_student_small_init.onnx",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_digits_fixture_agrees_with_float32_at_half_the_size_and_keeps_float32_io(string file)
    {
        var original = OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", file));
        var reference = OrtEval.Logits(original.ToBytes());

        var result = new Fp16Converter(Defaults).Convert(original);
        var bytes = result.Model.ToBytes();
        var logits = OrtEval.Logits(bytes);

        var agreement = Fp16Checks.Agreement(reference, logits);
        var ratio = (double)bytes.Length / original.ToBytes().Length;
        output.WriteLine($"{file}: agreement {agreement:F4}, max abs logit diff {OrtEval.MaxAbsDifference(reference, logits):G3}, size {ratio:F3}x, casts {result.Casts}, kept {result.Kept.Count}");
        Assert.True(agreement >= 0.99, $"agreement {agreement}");
        // Float weights take exactly half; the file also holds names and graph, which is most of the 18 KB student.
        Assert.Equal(0.5, (double)FloatBytes(result.Model) / FloatBytes(original));
        Assert.InRange(ratio, 0.45, file.Contains("student", StringComparison.Ordinal) ? 0.6 : 0.52);
        Assert.Equal(2, result.Casts);
        Assert.All(result.Model.Graph.Inputs.Concat(result.Model.Graph.Outputs), io => Assert.Equal(OnnxDataType.Float, io.Type!.ElementType));
        Assert.All(result.Model.Graph.Initializers.Where(t => t.DataType.IsFloatingPoint()), t => Assert.Equal(OnnxDataType.Float16, t.DataType));
    }

    [Fact]
    public void Without_keep_io_types_the_graph_takes_and_gives_float16_and_needs_no_cast()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var reference = OrtEval.Logits(original.ToBytes());

        var result = new Fp16Converter(Defaults with { KeepIoTypes = false }).Convert(original);

        Assert.Equal(0, result.Casts);
        Assert.Equal(OnnxDataType.Float16, result.Model.Graph.Inputs[0].Type!.ElementType);
        Assert.Equal(OnnxDataType.Float16, result.Model.Graph.Outputs[0].Type!.ElementType);
        var (x, shape) = DigitsData.XTest;
        var halves = Array.ConvertAll(x, v => (Float16)v);
        using var session = new InferenceSession(result.Model.ToBytes());
        using var input = OrtValue.CreateTensorValueFromMemory(halves, shape);
        using var outputs = session.Run(new RunOptions(), ["input"], [input], ["logits"]);
        var logits = outputs[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => h.ToFloat()).ToArray();
        Assert.True(Fp16Checks.Agreement(reference, logits) >= 0.99);
    }

    [Fact]
    public void Excluded_node_and_op_stay_float32_with_casts_only_around_them()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var reference = OrtEval.Logits(original.ToBytes());
        var conv = original.Graph.Nodes.First(n => n.OpType == "Conv").Name;

        var result = new Fp16Converter(new Fp16Options(true, [conv], ["GlobalAveragePool"])).Convert(original);
        var graph = result.Model.Graph;

        Assert.Equal(["excluded by name", "op type in exclude_ops"], result.Kept.Select(k => k.Reason));
        Assert.Equal(OnnxDataType.Float, graph.Initializers.First(t => t.Name == graph.FindNode(conv)!.Input(1)).DataType);
        // Input feeds the float32 conv directly; one Cast after it, one each side of the pool, one at the output.
        Assert.Equal(4, result.Casts);
        Assert.True(Fp16Checks.Agreement(reference, OrtEval.Logits(result.Model.ToBytes())) >= 0.99);
    }

    [Fact]
    public void Shape_math_and_resize_scales_stay_float32_and_ort_matches_the_float_model()
    {
        var model = Fp16Checks.ShapeMathModel();
        var x = Enumerable.Range(0, 2 * 3 * 4).Select(i => MathF.Sin(i * 0.7f)).ToArray();
        var reference = Fp16Checks.Run(model.ToBytes(), x, [2, 1, 3, 4]);

        var result = new Fp16Converter(Defaults).Convert(model);
        var converted = Fp16Checks.Run(result.Model.ToBytes(), x, [2, 1, 3, 4]);

        var graph = result.Model.Graph;
        Assert.Contains(result.Kept, k => k.OpType == "Range");
        Assert.Contains(result.Kept, k => k.OpType == "Concat");
        Assert.Equal(OnnxDataType.Float, graph.Initializers.Single(t => t.Name == "scales_hw").DataType);
        Assert.Equal("scales", graph.FindNode("resize")!.Input(2));
        Assert.Equal(1 + 1 + 1, result.Casts); // x in, range out to the float16 Add, y out
        Assert.Equal(OnnxDataType.Float16, graph.Initializers.Single(t => t.Name == "w").DataType);
        Assert.Equal(OnnxDataType.Float16, graph.Producer("c")!.GetTensor("value")!.DataType);
        Assert.True(OrtEval.MaxAbsDifference(reference, converted) < 0.01f, $"{OrtEval.MaxAbsDifference(reference, converted)}");
    }

    [Fact]
    public void Out_of_range_constants_are_clamped_and_counted_and_tiny_ones_keep_their_sign()
    {
        var model = Fp16Checks.ShapeMathModel();
        model.Graph.SetInitializer(OnnxTensor.FromFloats("w", [4], [1e6f, -float.PositiveInfinity, 1e-9f, -1e-9f]));

        var result = new Fp16Converter(Defaults).Convert(model);

        Assert.Equal((2L, 2L), (result.Clamped, result.Raised));
        var w = result.Model.Graph.Initializers.Single(t => t.Name == "w").ToFloatArray();
        Assert.Equal([65504f, -65504f], w[..2]);
        Assert.True(w[2] > 0 && w[3] < 0);
        _ = Fp16Checks.Run(result.Model.ToBytes(), new float[24], [2, 1, 3, 4]);
    }

    [Fact]
    public void A_float16_output_read_inside_the_graph_keeps_its_name_and_stale_value_info_is_rewritten()
    {
        var model = Fp16Checks.ShapeMathModel();
        model.Graph.Proto.Output.Add(new ValueInfoProto { Name = "r", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        ShapeInference.Infer(model).WriteValueInfo(model);
        Assert.Contains(model.Graph.ValueInfos, v => v.Type?.ElementType == OnnxDataType.Float);

        var result = new Fp16Converter(Defaults).Convert(model);

        var graph = result.Model.Graph;
        Assert.Equal(["y", "r"], graph.Outputs.Select(o => o.Name));
        Assert.Equal("Cast", graph.Producer("r")!.OpType);
        Assert.All(graph.ValueInfos.Where(v => graph.Producer(v.Name) is { OpType: "Mul" or "Add" }), v => Assert.Equal(OnnxDataType.Float16, v.Type!.ElementType));
        _ = Fp16Checks.Run(result.Model.ToBytes(), new float[24], [2, 1, 3, 4]);
    }

    [Fact]
    public void If_stays_float32_and_its_bodies_read_float32_copies_of_outer_float16_values()
    {
        var model = Fp16Checks.IfModel();
        var x = new[] { -1f, 0.5f, 2f, -3f, 4f, 0.25f };
        var reference = Fp16Checks.Run(model.ToBytes(), x, [2, 3]);

        var result = new Fp16Converter(Defaults).Convert(model);
        var converted = Fp16Checks.Run(result.Model.ToBytes(), x, [2, 3]);

        var branch = result.Model.Graph.FindNode("branch")!;
        Assert.Equal("If", Assert.Single(result.Kept).OpType);
        Assert.All(branch.Proto.Attribute.SelectMany(a => a.G.Node), n => Assert.DoesNotContain("r", n.Input));
        Assert.Equal(OnnxDataType.Float16, result.Model.Graph.Producer("half")!.GetTensor("value")!.DataType);
        Assert.True(OrtEval.MaxAbsDifference(reference, converted) < 0.01f, $"{OrtEval.MaxAbsDifference(reference, converted)}");
    }

    [Fact]
    public void Nothing_convertible_is_mc3090()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));

        var ex = Assert.Throws<CompressionException>(() => new Fp16Converter(new Fp16Options(true, [], ["Gemm", "Relu", "Flatten"])).Convert(model));

        Assert.Equal("MC3090", Assert.Single(ex.Diagnostics).Code);
    }

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn_bn.onnx"));
        var converter = new Fp16Converter(Defaults);

        Assert.Equal(converter.Convert(model).Model.ToBytes(), converter.Convert(model).Model.ToBytes());
    }

    private static long FloatBytes(OnnxModel model) => model.Graph.Initializers.Where(t => t.DataType.IsFloatingPoint()).Sum(t => t.ByteSize);
}
