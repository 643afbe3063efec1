namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// For the bench commands: batch-1 latency of two models measured in alternating rounds in one process (A, B, A, B, …), so that a
/// noisy machine slows both alike; the ratio is what a speed claim may quote. Inputs are the generated rows
/// of the first model's signature. Budgets use <see cref="InterleavedLatency"/>, which also judges the noise.
/// </summary>
public static class AlternatingLatency
{
    /// <summary>Measures <paramref name="baseline"/> and <paramref name="candidate"/> over <paramref name="rounds"/> rounds.</summary>
    public static InterleavedLatencyResult Measure(ModelSource baseline, ModelSource candidate, int rounds, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = baseline.Load();
        var feed = GeneratedInputs.Create(model, ModelSignature.FromOnnx(model), options.Generate);
        using var a = OrtSession.Create(baseline, "baseline", options);
        using var b = OrtSession.Create(candidate, "candidate", options);
        var perRound = new List<(double A, double B)>();
        for (var r = 0; r < rounds; r++)
        {
            var pa = LatencyMeter.Measure(a.Session, feed.Inputs, feed.Rows, options).P50;
            var pb = LatencyMeter.Measure(b.Session, feed.Inputs, feed.Rows, options).P50;
            perRound.Add((pa, pb));
        }

        return new InterleavedLatencyResult(Median(perRound.Select(p => p.A)), Median(perRound.Select(p => p.B)), perRound);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
