namespace ModelCompress.Engine.Tests.Support;

/// <summary>
/// Small transformer pieces generated in C# with seeded random weights, as PyTorch exports them: a feed-forward
/// block x → MatMul → Add(bias) → GELU (Div, Erf, Add, Mul, Mul) → MatMul → Add(bias) → Add(x).
/// </summary>
internal static class TransformerGraphs
{
    public const int Model = 8;

    public const int Hidden = 16;

    public static OnnxModel FeedForward(int seed = 7)
    {
        var random = new Random(seed);
        var model = GeneratedGraph.Empty("ffn", Model);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromFloats("w1", [Model, Hidden], Random(random, Model * Hidden)));
        g.SetInitializer(OnnxTensor.FromFloats("b1", [Hidden], Random(random, Hidden)));
        g.SetInitializer(OnnxTensor.FromFloats("w2", [Hidden, Model], Random(random, Hidden * Model)));
        g.SetInitializer(OnnxTensor.FromFloats("b2", [Model], Random(random, Model)));
        g.SetInitializer(OnnxTensor.FromFloats("sqrt2", [], [1.4142135f]));
        g.SetInitializer(OnnxTensor.FromFloats("one", [], [1f]));
        g.SetInitializer(OnnxTensor.FromFloats("half", [], [0.5f]));
        g.AddNode(OnnxNode.Create("MatMul", "fc1", ["x", "w1"], ["h0"]));
        g.AddNode(OnnxNode.Create("Add", "fc1_bias", ["h0", "b1"], ["h1"]));
        g.AddNode(OnnxNode.Create("Div", "gelu_div", ["h1", "sqrt2"], ["g0"]));
        g.AddNode(OnnxNode.Create("Erf", "gelu_erf", ["g0"], ["g1"]));
        g.AddNode(OnnxNode.Create("Add", "gelu_add", ["g1", "one"], ["g2"]));
        g.AddNode(OnnxNode.Create("Mul", "gelu_mul", ["h1", "g2"], ["g3"]));
        g.AddNode(OnnxNode.Create("Mul", "gelu_half", ["g3", "half"], ["g4"]));
        g.AddNode(OnnxNode.Create("MatMul", "fc2", ["g4", "w2"], ["o0"]));
        g.AddNode(OnnxNode.Create("Add", "fc2_bias", ["o0", "b2"], ["o1"]));
        g.AddNode(OnnxNode.Create("Add", "residual", ["o1", "x"], ["y"]));
        return model;
    }

    /// <summary>Sets neurons to zero in the up weight's columns, the bias and the down weight's rows.</summary>
    public static void ZeroNeurons(OnnxModel model, IReadOnlyCollection<int> neurons)
    {
        var g = model.Graph;
        GeneratedGraph.Zero(g, "w1", i => neurons.Contains(i % Hidden));
        GeneratedGraph.Zero(g, "b1", i => neurons.Contains(i));
        GeneratedGraph.Zero(g, "w2", i => neurons.Contains(i / Model));
    }

    /// <summary>Runs the model on seeded random input [2, 4, Model].</summary>
    public static float[] Run(OnnxModel model) => GeneratedGraph.Run(model, Model, 99);

    private static float[] Random(Random random, int count) => GeneratedGraph.Random(random, count);
}
