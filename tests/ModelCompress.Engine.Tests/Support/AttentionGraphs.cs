namespace ModelCompress.Engine.Tests.Support;

/// <summary>
/// A BERT-style self-attention generated in C# with seeded random weights, laid out as PyTorch exports it: Q/K/V
/// MatMul + Add, Reshape to [0, 0, heads, size] (one shared shape constant), Transpose, MatMul(Q, Kᵀ), Div, Softmax,
/// MatMul(V), Transpose, Reshape to [0, 0, D], output MatMul + Add.
/// </summary>
internal static class AttentionGraphs
{
    public const int Heads = 4;

    public const int Size = 2;

    public const int Model = Heads * Size;

    public static OnnxModel SelfAttention(int seed = 11, bool constantNodeShapes = false)
    {
        var random = new Random(seed);
        var model = GeneratedGraph.Empty("attention", Model);
        var g = model.Graph;
        if (constantNodeShapes)
        {
            g.AddNode(OnnxNode.Create("Constant", "split_shape", [], ["split"]).SetAttribute("value", OnnxTensor.FromInt64s("split", [4], [0, 0, Heads, Size])));
        }
        else
        {
            g.SetInitializer(OnnxTensor.FromInt64s("split", [4], [0, 0, Heads, Size]));
        }

        g.SetInitializer(OnnxTensor.FromInt64s("merge", [3], [0, 0, Model]));
        g.SetInitializer(OnnxTensor.FromFloats("scale", [], [MathF.Sqrt(Size)]));
        foreach (var (p, perm) in new[] { ("q", new long[] { 0, 2, 1, 3 }), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3]) })
        {
            g.SetInitializer(OnnxTensor.FromFloats($"w{p}", [Model, Model], Random(random, Model * Model)));
            g.SetInitializer(OnnxTensor.FromFloats($"b{p}", [Model], Random(random, Model)));
            g.AddNode(OnnxNode.Create("MatMul", $"{p}_proj", ["x", $"w{p}"], [$"{p}0"]));
            g.AddNode(OnnxNode.Create("Add", $"{p}_bias", [$"{p}0", $"b{p}"], [$"{p}1"]));
            g.AddNode(OnnxNode.Create("Reshape", $"{p}_split", [$"{p}1", "split"], [$"{p}2"]));
            g.AddNode(OnnxNode.Create("Transpose", $"{p}_heads", [$"{p}2"], [p]).SetAttribute("perm", perm));
        }

        g.SetInitializer(OnnxTensor.FromFloats("wo", [Model, Model], Random(random, Model * Model)));
        g.SetInitializer(OnnxTensor.FromFloats("bo", [Model], Random(random, Model)));
        g.AddNode(OnnxNode.Create("MatMul", "scores", ["q", "k"], ["s0"]));
        g.AddNode(OnnxNode.Create("Div", "scaled", ["s0", "scale"], ["s1"]));
        g.AddNode(OnnxNode.Create("Softmax", "softmax", ["s1"], ["probs"]).SetAttribute("axis", -1L));
        g.AddNode(OnnxNode.Create("MatMul", "context", ["probs", "v"], ["c0"]));
        g.AddNode(OnnxNode.Create("Transpose", "c_heads", ["c0"], ["c1"]).SetAttribute("perm", [0L, 2, 1, 3]));
        g.AddNode(OnnxNode.Create("Reshape", "c_merge", ["c1", "merge"], ["c2"]));
        g.AddNode(OnnxNode.Create("MatMul", "out_proj", ["c2", "wo"], ["o0"]));
        g.AddNode(OnnxNode.Create("Add", "out_bias", ["o0", "bo"], ["y"]));
        return model;
    }

    /// <summary>Zeroes the heads' Q/K/V columns and biases and their output projection rows.</summary>
    public static void ZeroHeads(OnnxModel model, IReadOnlyCollection<int> heads)
    {
        var g = model.Graph;
        foreach (var name in new[] { "wq", "wk", "wv" })
        {
            GeneratedGraph.Zero(g, name, i => heads.Contains(i % Model / Size));
        }

        foreach (var name in new[] { "bq", "bk", "bv" })
        {
            GeneratedGraph.Zero(g, name, i => heads.Contains(i / Size));
        }

        GeneratedGraph.Zero(g, "wo", i => heads.Contains(i / Model / Size));
    }

    /// <summary>Runs the model on seeded random input [2, 4, Model].</summary>
    public static float[] Run(OnnxModel model) => GeneratedGraph.Run(model, Model, 5);

    private static float[] Random(Random random, int count) => GeneratedGraph.Random(random, count);
}
