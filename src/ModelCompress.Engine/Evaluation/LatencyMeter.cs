using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Data;

namespace ModelCompress.Engine.Evaluation;

/// <summary>Batch-1 latency: warm-up, then a fixed number of timed runs cycling through the rows in order.</summary>
internal static class LatencyMeter
{
    // Distinct rows kept ready as ORT values; cycling over these keeps tensor creation out of the timing.
    private const int MaxDistinctRows = 64;

    public static (double P50, double P95, double P99, double Mean) Measure(
        InferenceSession session, IReadOnlyDictionary<string, NdArray> inputs, int rows, EvaluationOptions options)
    {
        if (options.Iterations == 0)
        {
            return (0, 0, 0, 0);
        }

        var names = inputs.Keys.ToArray();
        var outputNames = new[] { session.OutputNames[0] };
        var samples = new List<OrtValue[]>();
        try
        {
            for (var r = 0; r < Math.Min(rows, MaxDistinctRows); r++)
            {
                samples.Add(names.Select(n => OrtTensors.Create(rows == 1 ? inputs[n] : inputs[n].SliceRows(r, 1))).ToArray());
            }

            using var runOptions = new RunOptions();
            for (var i = 0; i < options.Warmup; i++)
            {
                Run(session, runOptions, names, samples[i % samples.Count], outputNames);
            }

            var times = new double[options.Iterations];
            for (var i = 0; i < options.Iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                Run(session, runOptions, names, samples[i % samples.Count], outputNames);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            var mean = times.Average();
            Array.Sort(times);
            return (Percentile(times, 50), Percentile(times, 95), Percentile(times, 99), mean);
        }
        finally
        {
            foreach (var value in samples.SelectMany(s => s))
            {
                value.Dispose();
            }
        }
    }

    // Nearest rank on sorted times, so p50 <= p95 <= p99 always holds.
    private static double Percentile(double[] sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Run(InferenceSession session, RunOptions runOptions, string[] names, OrtValue[] values, string[] outputNames)
    {
        using var outputs = session.Run(runOptions, names, values, outputNames);
    }
}
