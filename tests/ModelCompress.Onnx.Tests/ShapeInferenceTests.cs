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

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void Pad_reduce_and_argmax_as_other_exporters_write_them_match_onnx_runtime(int opset)
    {
        // tf2onnx: ReduceMean over H, W (axes an attribute below opset 18); Paddle2ONNX: an explicit Pad; ReduceSum
        // takes its axes as an input from opset 13.
        var model = Empty("reduce", 5, 6, "arg", opset);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromInt64s("pads", [8], [0, 0, 1, 0, 0, 0, 2, 1]));
        g.AddNode(OnnxNode.Create("Pad", "pad", ["x", "pads"], ["padded"]));
        g.AddNode(OnnxNode.Create("ReduceMean", "mean", ["padded"], ["mean"]).SetAttribute("axes", [2L, 3]).SetAttribute("keepdims", 0L));
        g.AddNode(OnnxNode.Create("ReduceMax", "max", ["padded"], ["max"]).SetAttribute("axes", [-1L]));
        if (opset >= 13)
        {
            g.SetInitializer(OnnxTensor.FromInt64s("sum_axes", [1], [1]));
            g.AddNode(OnnxNode.Create("ReduceSum", "sum", ["max", "sum_axes"], ["sum"]));
        }
        else
        {
            g.AddNode(OnnxNode.Create("ReduceSum", "sum", ["max"], ["sum"]).SetAttribute("axes", [1L]));
        }

        g.AddNode(OnnxNode.Create("ArgMax", "argmax", ["mean"], ["arg"]).SetAttribute("axis", 1L).SetAttribute("keepdims", 0L));

        var result = ShapeInference.Infer(model);

        Assert.Empty(result.SkippedNodes);
        Assert.Equal("FLOAT[n,3,8,7]", result["padded"]!.ToString());
        Assert.Equal("FLOAT[n,3]", result["mean"]!.ToString());
        Assert.Equal("FLOAT[n,1,8,1]", result["sum"]!.ToString());
        Assert.Equal("INT64[n]", result["arg"]!.ToString());
        // The ORT comparison reads float outputs only.
        g.RemoveNode(g.FindNode("argmax")!);
        g.Proto.Output[0].Name = "sum";
        AssertMatchesOrt(model, [2, 3, 5, 6], "n", 2);
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

    [Fact]
    public void Transformer_reshapes_computed_from_shape_are_inferred_and_match_onnx_runtime()
    {
        var model = OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "digits-transformer", "digits_transformer.onnx"));

        var result = ShapeInference.Infer(model);

        Assert.Empty(result.SkippedNodes);
        Assert.Equal("FLOAT[batch,10]", result["logits"]!.ToString());
        AssertMatchesOrt(model, [3, 1, 8, 8], "batch", 3);
    }

    [Fact]
    public void Shape_gather_and_shape_slice_targets_carry_the_symbolic_batch_into_the_reshape()
    {
        // PyTorch: x.view(x.size(0), -1) with a dynamic batch; tf2onnx: Slice the shape's first entry, Concat a constant.
        var graph = new GraphProto { Name = "shapes" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("n"), OnnxDim.Of(3), OnnxDim.Of(4), OnnxDim.Of(4)]).ToProto() });
        graph.Output.Add(new ValueInfoProto { Name = "sum" });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", 13);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromInt64s("zero", [], [0]));
        g.SetInitializer(OnnxTensor.FromInt64s("axes", [1], [0]));
        g.SetInitializer(OnnxTensor.FromInt64s("minus_one", [1], [-1]));
        g.SetInitializer(OnnxTensor.FromInt64s("one", [1], [1]));
        g.SetInitializer(OnnxTensor.FromInt64s("features", [1], [48]));
        g.AddNode(OnnxNode.Create("Shape", "shape", ["x"], ["s"]));
        g.AddNode(OnnxNode.Create("Gather", "gather", ["s", "zero"], ["batch"]).SetAttribute("axis", 0L));
        g.AddNode(OnnxNode.Create("Unsqueeze", "unsqueeze", ["batch", "axes"], ["batch1"]));
        g.AddNode(OnnxNode.Create("Concat", "torch_target", ["batch1", "minus_one"], ["t1"]).SetAttribute("axis", 0L));
        g.AddNode(OnnxNode.Create("Reshape", "torch_flatten", ["x", "t1"], ["a"]));
        g.AddNode(OnnxNode.Create("Slice", "slice", ["s", "axes", "one"], ["first"]));
        g.AddNode(OnnxNode.Create("Concat", "tf_target", ["first", "features"], ["t2"]).SetAttribute("axis", 0L));
        g.AddNode(OnnxNode.Create("Reshape", "tf_flatten", ["x", "t2"], ["b"]));
        g.AddNode(OnnxNode.Create("Add", "add", ["a", "b"], ["sum"]));

        var result = ShapeInference.Infer(model);

        Assert.Equal([OnnxDim.Named("n"), OnnxDim.Of(-1)], result.ShapeValue("t1"));
        Assert.Equal([OnnxDim.Named("n"), OnnxDim.Of(48)], result.ShapeValue("t2"));
        Assert.Equal("FLOAT[n,48]", result["a"]!.ToString());
        Assert.Equal("FLOAT[n,48]", result["b"]!.ToString());
        Assert.Equal("FLOAT[n,48]", result["sum"]!.ToString());
        Assert.Null(result.ShapeValue("features"));
        AssertMatchesOrt(model, [2, 3, 4, 4], "n", 2);
    }

    private static void AssertMatchesOrt(OnnxModel model, long[] inputShape, string symbol, long batch)
    {
        var inferred = ShapeInference.Infer(model);
        var probe = model.Clone();
        // Float values only: the runner reads float tensors (the integer shape values are checked through the shapes they give).
        var values = probe.Graph.Nodes.SelectMany(n => n.Outputs).Where(v => inferred[v]?.ElementType == OnnxDataType.Float).ToArray();
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
        var model = Empty("small", 4, 4, "out", 13);
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

    // A model with input x [n, 3, height, width] and one output, no nodes yet.
    private static OnnxModel Empty(string name, int height, int width, string output, int opset)
    {
        var graph = new GraphProto { Name = name };
        graph.Input.Add(new ValueInfoProto
        {
            Name = "x",
            Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("n"), OnnxDim.Of(3), OnnxDim.Of(height), OnnxDim.Of(width)]).ToProto(),
        });
        graph.Output.Add(new ValueInfoProto { Name = output });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", opset);
        return model;
    }
}
