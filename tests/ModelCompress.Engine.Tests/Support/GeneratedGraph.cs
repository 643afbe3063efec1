using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Tests.Support;

/// <summary>What the generated test graphs share: an empty model with input x [batch, 4, width], seeded weights, a run in ORT.</summary>
internal static class GeneratedGraph
{
    public static OnnxModel Empty(string name, int width)
    {
        var proto = new GraphProto { Name = name };
        proto.Input.Add(new ValueInfoProto
        {
            Name = "x",
            Type = new OnnxTensorType(OnnxDataType.Float, [OnnxDim.Named("batch"), OnnxDim.Of(4), OnnxDim.Of(width)]).ToProto(),
        });
        proto.Output.Add(new ValueInfoProto { Name = "y" });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = proto });
        model.SetOpsetVersion("", 13);
        return model;
    }

    /// <summary>Runs the model on seeded random input [2, 4, width] and returns y.</summary>
    public static float[] Run(OnnxModel model, int width, int seed)
    {
        var x = Random(new Random(seed), 2 * 4 * width);
        using var session = new InferenceSession(model.ToBytes(), new SessionOptions { IntraOpNumThreads = 1 });
        using var input = OrtValue.CreateTensorValueFromMemory(x, [2, 4, width]);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Sets the elements of an initializer whose flat index matches to zero.</summary>
    public static void Zero(OnnxGraph g, string name, Func<int, bool> zero)
    {
        Assert.True(g.TryGetInitializer(name, out var t));
        g.SetInitializer(OnnxTensor.FromFloats(name, t.Dims, t.ToFloatArray().Select((v, i) => zero(i) ? 0f : v).ToArray()));
    }

    public static float[] Random(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
