using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Prepare;

namespace ModelCompress.Engine.Tests.Steps.Prepare;

/// <summary>Graph preparation on the real fixtures, checked in ONNX Runtime against the unprepared model.</summary>
public sealed class GraphPreparationTests
{
    // Prepared and original logits agree to float rounding: |a − b| ≤ 1e-5 · max(1, |a|).
    private const float Tolerance = 1e-5f;

    public static TheoryData<string> Fixtures() =>
    [
        "digits/digits_cnn.onnx",
        "digits/digits_cnn_bn.onnx",
        "digits/digits_mlp.onnx",
        "digits-wide/digits_wide_cnn.onnx",
        "digits-wide/digits_wide_cnn_fused.onnx",
        "digits-wide/digits_student_small_init.onnx",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Prepared_fixture_computes_the_same_logits(string fixture)
    {
        var original = Load(fixture);
        var model = original.Clone();

        GraphPreparation.Run(model);

        AssertSameLogits(original, model);
        Assert.Equal(original.Graph.Inputs.Select(i => i.Name), model.Graph.Inputs.Select(i => i.Name));
        Assert.Equal(original.Graph.Outputs.Select(o => o.Name), model.Graph.Outputs.Select(o => o.Name));
    }

    [Theory]
    [InlineData("digits/digits_cnn_bn.onnx", 3)]
    [InlineData("digits-wide/digits_wide_cnn.onnx", 6)]
    [InlineData("digits-wide/digits_student_small_init.onnx", 3)]
    [InlineData("digits-wide/digits_wide_cnn_fused.onnx", 0)]
    [InlineData("digits/digits_cnn.onnx", 0)]
    public void Batch_norms_fold_into_their_convs(string fixture, int expected)
    {
        var model = Load(fixture);
        Assert.Equal(expected, model.Graph.Nodes.Count(n => n.OpType == "BatchNormalization"));

        var report = GraphPreparation.Run(model);

        Assert.Equal(expected, report.BatchNormsFolded);
        Assert.DoesNotContain(model.Graph.Nodes, n => n.OpType == "BatchNormalization");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Preparing_twice_gives_the_same_bytes_as_once(string fixture)
    {
        var once = Load(fixture);
        GraphPreparation.Run(once);
        var twice = OnnxModel.FromBytes(once.ToBytes());

        var report = GraphPreparation.Run(twice);

        Assert.False(report.ChangedGraph, string.Join(", ", report.ToFacts().Select(f => $"{f.Key}={f.Value}")));
        Assert.Equal(once.ToBytes(), twice.ToBytes());
    }

    [Fact]
    public void Same_model_gives_the_same_bytes_every_time()
    {
        var a = ConstantWeights.AsTf2OnnxLike(Load("digits/digits_cnn_bn.onnx"));
        var b = OnnxModel.FromBytes(a.ToBytes());

        GraphPreparation.Run(a);
        GraphPreparation.Run(b);

        Assert.Equal(a.ToBytes(), b.ToBytes());
    }

    [Theory]
    [InlineData("digits/digits_cnn.onnx")]
    [InlineData("digits/digits_cnn_bn.onnx")]
    [InlineData("digits/digits_mlp.onnx")]
    public void Weights_in_constant_nodes_become_initializers(string fixture)
    {
        var original = Load(fixture);
        var model = ConstantWeights.AsConstantNodes(original);
        var constants = model.Graph.Nodes.Count(n => n.OpType == "Constant");
        Assert.Empty(model.Graph.Initializers);

        var report = GraphPreparation.Run(model);

        Assert.Equal(constants, report.ConstantsConverted);
        Assert.DoesNotContain(model.Graph.Nodes, n => n.OpType == "Constant");
        AssertSameLogits(original, model);
        var pruned = new MagnitudePruner(new MagnitudePruneOptions(0.5)).Prune(model);
        Assert.NotEmpty(pruned.Layers);
        Assert.Equal(0.5, pruned.Sparsity, 3);
    }

    [Theory]
    [InlineData("digits/digits_cnn.onnx")]
    [InlineData("digits/digits_cnn_bn.onnx")]
    public void Transposed_and_reshaped_weights_fold_back_into_initializers(string fixture)
    {
        var original = Load(fixture);
        var model = ConstantWeights.AsTf2OnnxLike(original);
        var rewrites = model.Graph.Nodes.Count(n => n.OpType is "Transpose" or "Reshape") - original.Graph.Nodes.Count(n => n.OpType is "Transpose" or "Reshape");
        Assert.True(rewrites > 0);

        var report = GraphPreparation.Run(model);

        Assert.Equal(rewrites, report.NodesFolded);
        Assert.Equal(original.Graph.Nodes.Count(n => n.OpType is "Transpose" or "Reshape"), model.Graph.Nodes.Count(n => n.OpType is "Transpose" or "Reshape"));
        AssertSameLogits(original, model);
        var weights = model.Graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm").Select(n => n.Input(1)).ToList();
        Assert.All(weights, w => Assert.True(model.Graph.IsInitializer(w), $"{w} should be an initializer"));
        var quantized = new DynamicQuantizer(new DynamicQuantizeOptions(true, ["MatMul", "Gemm", "Conv"], [], [])).Quantize(model);
        Assert.Equal(weights.Count, quantized.QuantizedCount);
    }

    [Fact]
    public void A_graph_with_a_cycle_is_refused_with_MC3060_and_left_unchanged()
    {
        var model = Load("digits/digits_mlp.onnx");
        var first = model.Graph.Nodes[0];
        var last = model.Graph.Nodes[^1];
        first.SetInput(0, last.Outputs[0]);
        var before = model.ToBytes();

        var error = Assert.Throws<CompressionException>(() => GraphPreparation.Run(model));

        Assert.Equal("MC3060", Assert.Single(error.Diagnostics).Code);
        Assert.Contains("cycle", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, model.ToBytes());
    }

    [Fact]
    public void A_model_onnx_runtime_refuses_gives_MC3061_and_is_left_unchanged()
    {
        var model = ConstantWeights.AsConstantNodes(Load("digits/digits_mlp.onnx"));
        model.Graph.Nodes.First(n => n.OpType == "Gemm").Proto.OpType = "NoSuchOp";
        model.Graph.Invalidate();
        var before = model.ToBytes();

        var error = Assert.Throws<CompressionException>(() => GraphPreparation.Run(model));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC3061", diagnostic.Code);
        Assert.Contains("NoSuchOp", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.ToBytes());
    }

    [Fact]
    public void Constants_onnx_runtime_cannot_compute_give_MC3062_and_the_rest_still_runs()
    {
        var model = Tiny(graph =>
        {
            graph.SetInitializer(OnnxTensor.FromFloats("table", [3], [1f, 2f, 3f]));
            graph.SetInitializer(OnnxTensor.FromInt64s("index", [1], [7]));
            graph.AddNode(OnnxNode.Create("Gather", "bad_gather", ["table", "index"], ["picked"]));
            graph.AddNode(OnnxNode.Create("Identity", "noop", ["x"], ["x2"]));
            graph.AddNode(OnnxNode.Create("Add", "add", ["x2", "picked"], ["y"]));
        });

        var report = GraphPreparation.Run(model);

        var warning = Assert.Single(report.Warnings);
        Assert.Equal("MC3062", warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("bad_gather", warning.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.NodesFolded);
        Assert.Equal(1, report.IdentitiesRemoved);
        Assert.Equal(["Gather", "Add"], model.Graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void A_constant_of_shape_into_a_huge_tensor_is_never_computed_and_is_reported()
    {
        var model = Tiny(graph =>
        {
            graph.SetInitializer(OnnxTensor.FromInt64s("shape", [2], [1L << 16, 1L << 16]));
            graph.SetInitializer(OnnxTensor.FromInt64s("axes", [2], [0, 1]));
            graph.AddNode(OnnxNode.Create("ConstantOfShape", "fill", ["shape"], ["zeros"]));
            graph.AddNode(OnnxNode.Create("ReduceSum", "sum", ["zeros", "axes"], ["total"]));
            graph.AddNode(OnnxNode.Create("Add", "add", ["x", "total"], ["y"]));
        });

        var report = GraphPreparation.Run(model);

        Assert.Equal(0, report.NodesFolded);
        Assert.Contains(report.NotFolded, n => n.StartsWith("fill (ConstantOfShape): would grow the model by 17179869168 bytes", StringComparison.Ordinal));
        Assert.Contains(report.ToFacts(), f => f.Key == "not folded" && f.Value.Contains("fill", StringComparison.Ordinal));
    }

    // x: float[1, 3] in, y out; the callback adds the rest.
    private static OnnxModel Tiny(Action<OnnxGraph> build)
    {
        var proto = new Onnx.Proto.ModelProto { IrVersion = 8, Graph = new Onnx.Proto.GraphProto { Name = "tiny" } };
        proto.OpsetImport.Add(new Onnx.Proto.OperatorSetIdProto { Domain = "", Version = 17 });
        proto.Graph.Input.Add(new Onnx.Proto.ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, 1, 3).ToProto() });
        proto.Graph.Output.Add(new Onnx.Proto.ValueInfoProto { Name = "y" });
        var model = new OnnxModel(proto);
        build(model.Graph);
        return OnnxModel.FromBytes(model.ToBytes());
    }

    internal static OnnxModel Load(string fixture) => OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", fixture));

    internal static void AssertSameLogits(OnnxModel expected, OnnxModel actual)
    {
        var a = OrtEval.Logits(expected.ToBytes());
        var b = OrtEval.Logits(actual.ToBytes());
        Assert.Equal(a.Length, b.Length);
        var worst = a.Zip(b, (x, y) => MathF.Abs(x - y) / MathF.Max(1f, MathF.Abs(x))).Max();
        Assert.True(worst <= Tolerance, $"largest relative logit difference {worst:E2}");
    }
}
