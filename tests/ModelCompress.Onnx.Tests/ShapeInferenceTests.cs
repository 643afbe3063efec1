namespace ModelCompress.Onnx.Tests;

public sealed class ShapeInferenceTests
{
    [Fact]
    public void Cnn_gives_batch_by_10_logits_and_the_conv_shapes()
    {
        var result = ShapeInference.Infer(OnnxModel.Load(TestFiles.Cnn));

        Assert.Empty(result.SkippedNodes);
        Assert.Equal("FLOAT[batch,10]", result["logits"]!.ToString());
        Assert.Equal("FLOAT[batch,32,8,8]", result["/conv1/Conv_output_0"]!.ToString());
        Assert.Equal("FLOAT[batch,64,8,8]", result["/conv2/Conv_output_0"]!.ToString());
        Assert.Equal("FLOAT[batch,64,4,4]", result["/pool/MaxPool_output_0"]!.ToString());
        Assert.Equal("FLOAT[batch,64,4,4]", result["/conv3/Conv_output_0"]!.ToString());
        Assert.Equal("FLOAT[batch,64,1,1]", result["/gap/GlobalAveragePool_output_0"]!.ToString());
        Assert.Equal("FLOAT[batch,64]", result["/flatten/Flatten_output_0"]!.ToString());
        Assert.Equal(OnnxDim.Named("batch"), result["logits"]!.Dims![0]);
    }

    [Theory]
    [InlineData("digits_cnn.onnx")]
    [InlineData("digits_cnn_bn.onnx")]
    [InlineData("digits_mlp.onnx")]
    public void Inferred_shapes_match_what_onnx_runtime_produces(string file)
    {
        var model = OnnxModel.Load(TestFiles.Digits(file));
        AssertMatchesOrt(model, [5, 1, 8, 8], "batch", 5);
    }

    [Fact]
    public void Reshape_transpose_concat_resize_matmul_softmax_match_onnx_runtime()
    {
        var model = SmallGraph();

        var result = ShapeInference.Infer(model);

        Assert.Empty(result.SkippedNodes);
        Assert.Equal("FLOAT[n,8,2,2]", result["conv"]!.ToString());
        Assert.Equal("FLOAT[n,8,4,4]", result["resized"]!.ToString());
        Assert.Equal("FLOAT[n,4,4,8]", result["transposed"]!.ToString());
        Assert.Equal("FLOAT[n,16,8]", result["reshaped"]!.ToString());
        Assert.Equal("FLOAT[n,32,8]", result["concat"]!.ToString());
        Assert.Equal("FLOAT[n,32,3]", result["mm"]!.ToString());
        Assert.Equal("FLOAT[n,96]", result["out"]!.ToString());
        AssertMatchesOrt(model, [2, 3, 4, 4], "n", 2);
    }

    [Fact]
    public void Write_value_info_records_every_intermediate_and_onnx_runtime_still_loads_it()
    {
        var model = OnnxModel.Load(TestFiles.Cnn);
        var input = OrtRunner.RandomInput(3, [2, 1, 8, 8]);
        var before = OrtRunner.Run(model.ToBytes(), input, [2, 1, 8, 8]);

        ShapeInference.Infer(model).WriteValueInfo(model);

        Assert.Equal(9, model.Graph.ValueInfos.Count);
        Assert.Equal("/conv1/Conv_output_0: FLOAT[batch,32,8,8]", model.Graph.ValueInfos[0].ToString());
        Assert.Equal(before, OrtRunner.Run(model.ToBytes(), input, [2, 1, 8, 8]));
    }

    private static void AssertMatchesOrt(OnnxModel model, long[] inputShape, string symbol, long batch)
    {
        var inferred = ShapeInference.Infer(model);
        var probe = model.Clone();
        var values = probe.Graph.Nodes.SelectMany(n => n.Outputs).ToArray();
        foreach (var value in values.Where(v => !probe.Graph.IsGraphOutput(v)))
        {
            probe.Graph.Proto.Output.Add(new ValueInfoProto { Name = value });
        }

        var actual = OrtRunner.RunMany(probe.ToBytes(), OrtRunner.RandomInput(1, inputShape), inputShape, values);
        foreach (var value in values)
        {
            var dims = inferred[value]?.Dims;
            Assert.NotNull(dims);
            var concrete = dims.Select(d => d.Symbol == symbol ? batch : d.Value ?? -1).ToArray();
            Assert.True(actual[value].Shape.SequenceEqual(concrete), $"{value}: inferred [{string.Join(",", dims)}], ORT [{string.Join(",", actual[value].Shape)}]");
        }
    }

    private static OnnxModel SmallGraph()
    {
        var graph = new GraphProto { Name = "small" };
        graph.Input.Add(new ValueInfoProto
        {
            Name = "x",
            Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("n"), OnnxDim.Of(3), OnnxDim.Of(4), OnnxDim.Of(4)]).ToProto(),
        });
        graph.Output.Add(new ValueInfoProto { Name = "out" });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", 13);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromFloats("w", [8, 3, 3, 3], OrtRunner.RandomInput(2, [8, 3, 3, 3])));
        g.SetInitializer(OnnxTensor.FromFloats("scales", [4], [1f, 1f, 2f, 2f]));
        g.SetInitializer(OnnxTensor.FromInt64s("shape", [3], [0, -1, 8]));
        g.SetInitializer(OnnxTensor.FromFloats("m", [8, 3], OrtRunner.RandomInput(3, [8, 3])));
        g.SetInitializer(OnnxTensor.FromInt64s("flat", [2], [0, -1]));
        g.AddNode(OnnxNode.Create("Conv", "c", ["x", "w"], ["conv"])
            .SetAttribute("pads", [1L, 1, 1, 1]).SetAttribute("strides", [2L, 2]));
        g.AddNode(OnnxNode.Create("Resize", "r", ["conv", "", "scales"], ["resized"]).SetAttribute("mode", "nearest"));
        g.AddNode(OnnxNode.Create("Transpose", "t", ["resized"], ["transposed"]).SetAttribute("perm", [0L, 2, 3, 1]));
        g.AddNode(OnnxNode.Create("Reshape", "rs", ["transposed", "shape"], ["reshaped"]));
        g.AddNode(OnnxNode.Create("Concat", "cc", ["reshaped", "reshaped"], ["concat"]).SetAttribute("axis", 1L));
        g.AddNode(OnnxNode.Create("MatMul", "mm", ["concat", "m"], ["mm"]));
        g.AddNode(OnnxNode.Create("Reshape", "fl", ["mm", "flat"], ["flattened"]));
        g.AddNode(OnnxNode.Create("Softmax", "sm", ["flattened"], ["out"]));
        return model;
    }
}
