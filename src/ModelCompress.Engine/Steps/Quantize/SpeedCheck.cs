namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// A short interleaved latency comparison of a model before and after quantization on the evaluation provider
/// (batch 1, the configured threads), enough to tell "faster" from "slower" for the step's warning; the
/// figures in the report come from the full evaluation afterwards.
/// </summary>
internal static class SpeedCheck
{
    private const int Rounds = 3;

    /// <summary>Median over rounds of each model's p50, in ms.</summary>
    public static (double Before, double After) Measure(OnnxModel before, OnnxModel after, IReadOnlyDictionary<string, NdArray> inputs, EvaluationOptions options)
    {
        var rows = inputs.Values.Select(a => a.Rows).DefaultIfEmpty(0).Min();
        if (rows == 0)
        {
            return (0, 0);
        }

        var quick = options with { Warmup = 5, Iterations = Math.Clamp(options.Iterations / 2, 10, 50) };
        using var a = OrtSession.Create(before.ToBytes(), "the model before quantization", quick);
        using var b = OrtSession.Create(after.ToBytes(), "the quantized model", quick);
        var beforeTimes = new double[Rounds];
        var afterTimes = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            beforeTimes[round] = LatencyMeter.Measure(a.Session, inputs, rows, quick).P50;
            afterTimes[round] = LatencyMeter.Measure(b.Session, inputs, rows, quick).P50;
        }

        Array.Sort(beforeTimes);
        Array.Sort(afterTimes);
        return (beforeTimes[Rounds / 2], afterTimes[Rounds / 2]);
    }
}
