namespace ModelCompress.Onnx.Tests;

public sealed class OnnxGraphTests
{
    [Fact]
    public void Producers_consumers_and_data_inputs_follow_the_edges()
    {
        var graph = OnnxModel.Load(TestFiles.Cnn).Graph;

        Assert.Equal("/conv1/Conv", graph.Producer("/conv1/Conv_output_0")!.Name);
        Assert.Null(graph.Producer("input"));
        Assert.Null(graph.Producer("fc.weight"));
        Assert.Equal(["/conv1/Conv"], graph.Consumers("input").Select(n => n.Name));
        Assert.Equal(["/fc/Gemm"], graph.Consumers("fc.weight").Select(n => n.Name));
        Assert.Empty(graph.Consumers("logits"));
        Assert.Equal(["input"], graph.DataInputs.Select(i => i.Name));
        Assert.True(graph.IsInitializer("fc.bias"));
        Assert.True(graph.IsGraphOutput("logits"));
    }

    [Fact]
    public void Topological_order_sorts_a_shuffled_graph_and_keeps_a_sorted_one()
    {
        var model = OnnxModel.Load(TestFiles.Cnn);
        var original = model.Graph.Nodes.Select(n => n.Name).ToArray();
        Assert.Equal(original, model.Graph.TopologicalOrder().Select(n => n.Name));

        var nodes = model.Graph.Proto.Node.ToArray();
        model.Graph.Proto.Node.Clear();
        model.Graph.Proto.Node.AddRange(nodes.Reverse());
        model.Graph.Invalidate();

        Assert.Equal(original, model.Graph.TopologicalOrder().Select(n => n.Name));
    }

    [Fact]
    public void Topological_order_among_ready_nodes_follows_file_order()
    {
        var graph = TwoBranches();
        Assert.Equal(["b2", "a1", "a2", "b1", "join"], graph.TopologicalOrder().Select(n => n.Name));

        var late = graph.FindNode("join")!;
        graph.RemoveNode(late);
        graph.AddNode(late, 0);

        Assert.Equal(["b2", "a1", "a2", "b1", "join"], graph.TopologicalOrder().Select(n => n.Name));
        Assert.Equal("join", graph.Nodes[0].Name);
    }

    [Fact]
    public void Cycle_is_reported_with_a_node_name()
    {
        var graph = TwoBranches();
        graph.FindNode("b2")!.SetInput(0, "j");

        var ex = Assert.Throws<InvalidOperationException>(() => graph.TopologicalOrder());

        Assert.Contains("cycle", ex.Message);
    }

    [Fact]
    public void Replace_remove_and_rename_keep_the_index_current()
    {
        var model = OnnxModel.Load(TestFiles.Mlp);
        var graph = model.Graph;
        var relu = graph.FindNode("/relu1/Relu")!;

        var sigmoid = OnnxNode.Create("Sigmoid", graph.UniqueName("/relu1/Relu"), relu.Inputs, relu.Outputs);
        graph.ReplaceNode(relu, [sigmoid]);

        Assert.Equal("/relu1/Relu_1", sigmoid.Name);
        Assert.Equal("Sigmoid", graph.Producer("/relu1/Relu_output_0")!.OpType);
        Assert.Equal(6, graph.Nodes.Count);
        Assert.Equal(2, graph.Nodes.ToList().FindIndex(n => ReferenceEquals(n.Proto, sigmoid.Proto)));

        var extra = graph.AddNode(OnnxNode.Create("Identity", graph.UniqueName("id"), ["/fc1/Gemm_output_0"], [graph.UniqueName("id_out")]));
        Assert.Equal(2, graph.Consumers("/fc1/Gemm_output_0").Count);
        Assert.True(graph.RemoveNode(extra));
        Assert.False(graph.RemoveNode(extra));
        Assert.Single(graph.Consumers("/fc1/Gemm_output_0"));

        Assert.Equal(1, graph.ReplaceAllUses("/relu2/Relu_output_0", "/fc2/Gemm_output_0"));
        Assert.Equal("/fc2/Gemm_output_0", graph.FindNode("/fc3/Gemm")!.Input(0));
        Assert.Empty(graph.Consumers("/relu2/Relu_output_0"));
    }

    [Fact]
    public void Initializers_are_replaced_in_place_added_and_removed()
    {
        var graph = OnnxModel.Load(TestFiles.Mlp).Graph;
        var names = graph.Initializers.Select(t => t.Name).ToArray();

        graph.SetInitializer(OnnxTensor.FromFloats("fc2.bias", [128], new float[128]));
        graph.SetInitializer(OnnxTensor.FromInt8s("extra", [2], [1, -1]));

        Assert.Equal(names.Append("extra"), graph.Initializers.Select(t => t.Name));
        Assert.True(graph.TryGetInitializer("fc2.bias", out var bias));
        Assert.All(bias.ToFloatArray(), v => Assert.Equal(0f, v));
        Assert.True(graph.RemoveInitializer("extra"));
        Assert.False(graph.TryGetInitializer("extra", out _));
        Assert.False(graph.RemoveInitializer("extra"));
    }

    [Fact]
    public void Unique_names_never_repeat_and_avoid_existing_values()
    {
        var graph = OnnxModel.Load(TestFiles.Cnn).Graph;

        var a = graph.UniqueName("fc.weight");
        var b = graph.UniqueName("fc.weight");
        var c = graph.UniqueName("fresh");

        Assert.Equal("fc.weight_1", a);
        Assert.Equal("fc.weight_2", b);
        Assert.Equal("fresh", c);
        Assert.Equal("fresh_1", graph.UniqueName("fresh"));
    }

    [Fact]
    public void Attribute_getters_return_values_or_defaults()
    {
        var graph = OnnxModel.Load(TestFiles.Cnn).Graph;
        var conv = graph.FindNode("/conv1/Conv")!;
        var gemm = graph.FindNode("/fc/Gemm")!;

        Assert.Equal([3L, 3], conv.GetInts("kernel_shape"));
        Assert.Equal(1, conv.GetInt("group"));
        Assert.Equal("NOTSET", conv.GetString("auto_pad", "NOTSET"));
        Assert.Null(conv.GetInts("output_padding"));
        Assert.Equal(1, gemm.GetInt("transB"));
        Assert.Equal(0, gemm.GetInt("transA"));
        Assert.Equal(1f, gemm.GetFloat("alpha", 1f));
        Assert.Equal(7f, gemm.GetFloat("gamma", 7f));
        Assert.False(conv.HasAttribute("value"));
        Assert.Null(conv.GetTensor("value"));

        conv.SetAttribute("label", "x").SetAttribute("ratio", 0.5f).SetAttribute("t", OnnxTensor.Scalar("s", 2f));
        Assert.Equal("x", conv.GetString("label"));
        Assert.Equal(0.5f, conv.GetFloat("ratio"));
        Assert.Equal([2f], conv.GetTensor("t")!.ToFloatArray());
        Assert.True(conv.RemoveAttribute("label"));
        Assert.False(conv.HasAttribute("label"));
    }

    private static OnnxGraph TwoBranches()
    {
        var model = new OnnxModel(new Proto.ModelProto { IrVersion = 8, Graph = new Proto.GraphProto() });
        var g = model.Graph;
        g.AddNode(OnnxNode.Create("Relu", "b2", ["x"], ["y"]));
        g.AddNode(OnnxNode.Create("Relu", "a2", ["a"], ["a_out"]));
        g.AddNode(OnnxNode.Create("Relu", "b1", ["y"], ["b"]));
        g.AddNode(OnnxNode.Create("Add", "join", ["a_out", "b"], ["j"]));
        g.AddNode(OnnxNode.Create("Relu", "a1", ["x"], ["a"]), 1);
        return g;
    }
}
