using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Proto;

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
        var proto = new GraphProto { Name = "ffn" };
        proto.Input.Add(new ValueInfoProto
        {
            Name = "x",
            Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("batch"), OnnxDim.Of(4), OnnxDim.Of(Model)]).ToProto(),
        });
        proto.Output.Add(new ValueInfoProto { Name = "y" });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = proto });
        model.SetOpsetVersion("", 13);
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
        Zero(g, "w1", (i, _) => neurons.Contains(i % Hidden));
        Zero(g, "b1", (i, _) => neurons.Contains(i));
        Zero(g, "w2", (i, _) => neurons.Contains(i / Model));
    }

    /// <summary>Runs the model on seeded random input [2, 4, Model].</summary>
    public static float[] Run(OnnxModel model)
    {
        var x = Random(new Random(99), 2 * 4 * Model);
        using var session = new InferenceSession(model.ToBytes(), new SessionOptions { IntraOpNumThreads = 1 });
        using var input = OrtValue.CreateTensorValueFromMemory(x, [2, 4, Model]);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void Zero(OnnxGraph g, string name, Func<int, float, bool> zero)
    {
        Assert.True(g.TryGetInitializer(name, out var t));
        g.SetInitializer(OnnxTensor.FromFloats(name, t.Dims, t.ToFloatArray().Select((v, i) => zero(i, v) ? 0f : v).ToArray()));
    }

    private static float[] Random(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
