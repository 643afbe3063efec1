using ModelCompress.Onnx.Preparation;

namespace ModelCompress.Onnx.Tests.Preparation;

/// <summary>The pure graph passes of preparation on hand-made graphs, each checked in ONNX Runtime where it computes.</summary>
public sealed class PassTests
{
    private static readonly long[] Shape = [2, 4];

    [Fact]
    public void Identity_writing_a_graph_output_hands_its_name_to_the_producer()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y");
        tiny.Node("Relu", ["x"], "r");
        tiny.Node("Identity", ["r"], "y");
        var model = tiny.Build();
        var expected = Run(model);

        var (identities, _) = PassThroughRemoval.Run(model);

        Assert.Equal(1, identities);
        Assert.Equal(["Relu"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal("y", model.Graph.Nodes[0].Outputs[0]);
        Assert.Equal(expected, Run(model));
    }

    [Fact]
    public void Identity_from_a_graph_input_to_a_graph_output_stays()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y");
        tiny.Node("Identity", ["x"], "y");
        var model = tiny.Build();

        Assert.Equal((0, 0), PassThroughRemoval.Run(model));
        Assert.Single(model.Graph.Nodes);
    }

    [Fact]
    public void Dropout_goes_unless_its_mask_is_read_or_it_trains()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y").Output("m").Output("t");
        tiny.Tensor(OnnxTensor.FromBools("on", [], [true]));
        tiny.Tensor(OnnxTensor.Scalar("ratio", 0.5f));
        tiny.Node("Dropout", ["x"], "d");
        tiny.Node("Dropout", ["d"], "d2", "mask");
        tiny.Node("Relu", ["d2"], "y");
        tiny.Node("Cast", ["mask"], "m").SetAttribute("to", (long)OnnxDataType.Float);
        tiny.Node("Dropout", ["x", "ratio", "on"], "t");
        var model = tiny.Build();

        Assert.Equal((0, 1), PassThroughRemoval.Run(model));
        Assert.Equal(["Dropout", "Relu", "Cast", "Dropout"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal("x", model.Graph.Nodes[0].Inputs[0]);
    }

    [Fact]
    public void A_value_read_inside_a_subgraph_keeps_its_identity()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y");
        tiny.Tensor(OnnxTensor.FromBools("cond", [], [true]));
        tiny.Node("Identity", ["x"], "inner");
        var body = new GraphProto { Name = "then" };
        body.Node.Add(OnnxNode.Create("Relu", "in_body", ["inner"], ["z"]).Proto);
        body.Output.Add(new ValueInfoProto { Name = "z", Type = OnnxTensorType.Of(OnnxDataType.Float, Shape).ToProto() });
        var @if = tiny.Node("If", ["cond"], "y");
        @if.Proto.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = body });
        @if.Proto.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = body.Clone() });
        var model = tiny.Build();
        var expected = Run(model);

        Assert.Equal((0, 0), PassThroughRemoval.Run(model));
        Assert.Equal(expected, Run(model));
    }

    [Fact]
    public void Every_constant_attribute_form_becomes_an_initializer()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y").Output("kept");
        tiny.Node("Constant", [], "f").SetAttribute("value_float", 2f);
        tiny.Node("Constant", [], "fs").SetAttribute("value_floats", new[] { 1f, 2f, 3f, 4f });
        tiny.Node("Constant", [], "i").SetAttribute("value_int", 1L);
        tiny.Node("Constant", [], "is").SetAttribute("value_ints", new long[] { 4, 2 });
        tiny.Node("Constant", [], "t").SetAttribute("value", OnnxTensor.FromFloats("ignored", Shape, new float[8]));
        tiny.Node("Constant", [], "s").SetAttribute("value_string", "hello");
        tiny.Node("Constant", [], "kept").SetAttribute("value_float", 5f);
        tiny.Node("Add", ["x", "t"], "a");
        tiny.Node("Mul", ["a", "f"], "b");
        tiny.Node("Add", ["b", "fs"], "y");
        var model = tiny.Build();
        var expected = Run(model);

        Assert.Equal(6, ConstantLifting.Run(model));

        Assert.Equal(["Constant", "Add", "Mul", "Add"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.True(model.Graph.TryGetInitializer("is", out var ints));
        Assert.Equal([4L, 2L], ints.ToInt64Array());
        Assert.True(model.Graph.TryGetInitializer("i", out var scalar));
        Assert.Empty(scalar.Dims);
        Assert.True(model.Graph.TryGetInitializer("s", out var text));
        Assert.Equal(OnnxDataType.String, text.DataType);
        Assert.Equal(expected, Run(model));
    }

    [Fact]
    public void Before_ir_4_a_lifted_constant_is_also_listed_as_a_graph_input()
    {
        var tiny = new TinyModel(opset: 8).Input("x", Shape).Output("y");
        tiny.Node("Constant", [], "c").SetAttribute("value", OnnxTensor.FromFloats("c", Shape, new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        tiny.Node("Add", ["x", "c"], "y");
        var model = tiny.Build();
        model.Proto.IrVersion = 3;
        var expected = Run(model);

        Assert.Equal(1, ConstantLifting.Run(model));

        Assert.Contains(model.Graph.Inputs, i => i.Name == "c");
        Assert.Equal(["x"], model.Graph.DataInputs.Select(i => i.Name));
        Assert.Equal(expected, Run(model));
    }

    [Fact]
    public void Constant_subgraph_skips_what_would_grow_the_model_and_what_is_random()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y").Output("big").Output("r");
        tiny.Weight("w", Shape);
        tiny.Tensor(OnnxTensor.FromInt64s("huge", [2], [1L << 20, 1L << 20]));
        tiny.Node("Transpose", ["w"], "wt");
        tiny.Node("Transpose", ["wt"], "w2");
        tiny.Node("Add", ["x", "w2"], "y");
        tiny.Node("ConstantOfShape", ["huge"], "zeros");
        tiny.Node("ReduceSum", ["zeros"], "big");
        tiny.Node("RandomNormalLike", ["w"], "rand");
        tiny.Node("Relu", ["rand"], "r");
        var model = tiny.Build();
        var types = DeclaredTypes.Of(model).ToDictionary();
        types["zeros"] = OnnxTensorType.Of(OnnxDataType.Float, 1L << 20, 1L << 20);

        var subgraph = ConstantSubgraph.Find(model, types);

        Assert.Equal(["Transpose", "Transpose"], subgraph.Nodes.Select(n => n.OpType));
        Assert.Equal(["w2"], subgraph.Outputs);
        var skipped = Assert.Single(subgraph.Skipped);
        Assert.Contains("ConstantOfShape", skipped, StringComparison.Ordinal);
        Assert.Contains("would grow the model", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_of_static_dimensions_folds_around_a_symbolic_batch()
    {
        var tiny = new TinyModel(opset: 15).Output("y").Output("n");
        tiny.Graph.Proto.Input.Add(new ValueInfoProto
        {
            Name = "x",
            Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("batch"), OnnxDim.Of(3), OnnxDim.Of(5)]).ToProto(),
        });
        tiny.Node("Shape", ["x"], "tail").SetAttribute("start", 1L);
        tiny.Node("Shape", ["x"], "all");
        tiny.Node("Cast", ["tail"], "y").SetAttribute("to", (long)OnnxDataType.Float);
        tiny.Node("Cast", ["all"], "n").SetAttribute("to", (long)OnnxDataType.Float);
        var model = tiny.Build();

        Assert.Equal(1, StaticShapeFolding.Run(model, DeclaredTypes.Of(model)));

        Assert.True(model.Graph.TryGetInitializer("tail", out var tail));
        Assert.Equal([3L, 5L], tail.ToInt64Array());
        Assert.False(model.Graph.IsInitializer("all"));
    }

    [Fact]
    public void Gemm_matmul_and_matmul_add_absorb_their_batch_norm()
    {
        var tiny = new TinyModel().Input("x", Shape).Output("y");
        tiny.Weight("g_w", [3, 4], 2).Weight("g_c", [3], 3).Weight("m_w", [3, 5], 4).Weight("a_w", [5, 6], 5).Weight("a_b", [6], 6);
        foreach (var (prefix, channels) in new[] { ("bn1", 3L), ("bn2", 5L), ("bn3", 6L) })
        {
            tiny.Weight(prefix + "_s", [channels], 7).Weight(prefix + "_b", [channels], 8).Weight(prefix + "_m", [channels], 9);
            tiny.Tensor(OnnxTensor.FromFloats(prefix + "_v", [channels], Enumerable.Range(1, (int)channels).Select(v => v * 0.3f).ToArray()));
        }

        tiny.Node("Gemm", ["x", "g_w", "g_c"], "g").SetAttribute("transB", 1L).SetAttribute("beta", 0.5f);
        tiny.Node("BatchNormalization", ["g", "bn1_s", "bn1_b", "bn1_m", "bn1_v"], "n1");
        tiny.Node("MatMul", ["n1", "m_w"], "m");
        tiny.Node("BatchNormalization", ["m", "bn2_s", "bn2_b", "bn2_m", "bn2_v"], "n2");
        tiny.Node("MatMul", ["n2", "a_w"], "a");
        tiny.Node("Add", ["a_b", "a"], "a2");
        tiny.Node("BatchNormalization", ["a2", "bn3_s", "bn3_b", "bn3_m", "bn3_v"], "y");
        var model = tiny.Build();
        var expected = Run(model);

        Assert.Equal(3, BatchNormFolding.Run(model));

        Assert.Equal(["Gemm", "MatMul", "Add", "MatMul", "Add"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal("y", model.Graph.Nodes[^1].Outputs[0]);
        AssertClose([expected], [Run(model)]);
    }

    [Fact]
    public void A_conv_weight_shared_with_another_conv_is_copied_not_changed()
    {
        var tiny = new TinyModel().Input("x", 1, 2, 5, 5).Output("y").Output("z");
        tiny.Weight("w", [3, 2, 3, 3]).Weight("s", [3], 2).Weight("b", [3], 3).Weight("m", [3], 4);
        tiny.Tensor(OnnxTensor.FromFloats("v", [3], [0.5f, 1f, 2f]));
        tiny.Node("Conv", ["x", "w"], "c");
        tiny.Node("BatchNormalization", ["c", "s", "b", "m", "v"], "y");
        tiny.Node("Conv", ["x", "w"], "z");
        var model = tiny.Build();
        var expected = Run(model, "y", "z");

        Assert.Equal(1, BatchNormFolding.Run(model));

        Assert.Equal("w", model.Graph.Nodes[1].Inputs[1]);
        Assert.NotEqual("w", model.Graph.Nodes[0].Inputs[1]);
        AssertClose(expected, Run(model, "y", "z"));
    }

    [Fact]
    public void A_batch_norm_in_training_mode_or_after_a_shared_output_stays()
    {
        var tiny = new TinyModel().Input("x", 1, 2, 5, 5).Output("y").Output("c").Output("t");
        tiny.Weight("w", [3, 2, 3, 3]).Weight("s", [3], 2).Weight("b", [3], 3).Weight("m", [3], 4);
        tiny.Tensor(OnnxTensor.FromFloats("v", [3], [0.5f, 1f, 2f]));
        tiny.Node("Conv", ["x", "w"], "c");
        tiny.Node("BatchNormalization", ["c", "s", "b", "m", "v"], "y");
        tiny.Node("Conv", ["x", "w"], "c2");
        tiny.Node("BatchNormalization", ["c2", "s", "b", "m", "v"], "t", "rm", "rv").SetAttribute("training_mode", 1L);
        var model = tiny.Build();

        Assert.Equal(0, BatchNormFolding.Run(model));
    }

    private static float[] Run(OnnxModel model) => Run(model, model.Graph.Outputs[0].Name)[0];

    private static float[][] Run(OnnxModel model, params string[] outputs)
    {
        var input = model.Graph.DataInputs[0];
        var shape = input.Type!.Dims!.Select(d => d.Value ?? 1).ToArray();
        var results = OrtRunner.RunMany(model.ToBytes(), OrtRunner.RandomInput(11, shape), shape, outputs);
        return outputs.Select(o => results[o].Data).ToArray();
    }

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            var worst = expected[i].Zip(actual[i], (a, b) => MathF.Abs(a - b) / MathF.Max(1f, MathF.Abs(a))).Max();
            Assert.True(worst <= 1e-5f, $"output {i}: largest relative difference {worst:E2}");
        }
    }
}
