using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Tests.Support;

/// <summary>Runs a model in ONNX Runtime (CPU) over the digits test split.</summary>
internal static class OrtEval
{
    /// <summary>Logits for every test row, [rows, 10] flattened.</summary>
    public static float[] Logits(byte[] model)
    {
        var (x, shape) = DigitsData.XTest;
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(x, shape);
        using var outputs = session.Run(new RunOptions(), ["input"], [input], ["logits"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Top-1 accuracy against y_test.</summary>
    public static double Accuracy(float[] logits)
    {
        var labels = DigitsData.YTest;
        var correct = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            var span = logits.AsSpan(row * 10, 10);
            var best = 0;
            for (var c = 1; c < 10; c++)
            {
                best = span[c] > span[best] ? c : best;
            }

            correct += best == labels[row] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    public static float MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
}
