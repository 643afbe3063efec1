using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelCompress.Onnx.Tests.Support;

/// <summary>Runs a model in ONNX Runtime (CPU) on one float input and returns every requested output.</summary>
internal static class OrtRunner
{
    public static float[] Run(byte[] model, float[] input, long[] shape, string output = "logits") =>
        RunMany(model, input, shape, output)[output].Data;

    public static float[] RunFile(string path, float[] input, long[] shape, string output = "logits")
    {
        using var session = new InferenceSession(path);
        return Execute(session, input, shape, [output])[output].Data;
    }

    public static Dictionary<string, (float[] Data, long[] Shape)> RunMany(byte[] model, float[] input, long[] shape, params string[] outputs)
    {
        using var session = new InferenceSession(model);
        return Execute(session, input, shape, outputs);
    }

    public static float[] RandomInput(int seed, long[] shape)
    {
        var random = new Random(seed);
        var data = new float[shape.Aggregate(1L, (p, d) => p * d)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return data;
    }

    private static Dictionary<string, (float[] Data, long[] Shape)> Execute(InferenceSession session, float[] input, long[] shape, string[] outputs)
    {
        var name = session.InputMetadata.Keys.Single();
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var results = session.Run(new RunOptions(), [name], [value], outputs);
        var map = new Dictionary<string, (float[], long[])>();
        for (var i = 0; i < outputs.Length; i++)
        {
            var info = results[i].GetTensorTypeAndShape();
            map[outputs[i]] = (results[i].GetTensorDataAsSpan<float>().ToArray(), info.Shape);
        }

        return map;
    }
}
