using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>Batch-1 latency: warm-up, then a fixed number of timed runs cycling through the rows in order.</summary>
internal sealed class LatencyMeter : IDisposable
{
    // Distinct rows kept ready as ORT values; cycling over these keeps tensor creation out of the timing.
    private const int MaxDistinctRows = 64;

    private readonly InferenceSession _session;
    private readonly string[] _names;
    private readonly string[] _outputNames;
    private readonly List<OrtValue[]> _samples = [];
    private readonly RunOptions _runOptions = new();
    private int _next;

    public LatencyMeter(InferenceSession session, IReadOnlyDictionary<string, NdArray> inputs, int rows)
    {
        _session = session;
        _names = inputs.Keys.ToArray();
        _outputNames = [session.OutputNames[0]];
        try
        {
            for (var r = 0; r < Math.Min(rows, MaxDistinctRows); r++)
            {
                _samples.Add(_names.Select(n => OrtTensors.Create(rows == 1 ? inputs[n] : inputs[n].SliceRows(r, 1))).ToArray());
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static (double P50, double P95, double P99, double Mean) Measure(
        InferenceSession session, IReadOnlyDictionary<string, NdArray> inputs, int rows, EvaluationOptions options)
    {
        if (options.Iterations == 0)
        {
            return (0, 0, 0, 0);
        }

        using var meter = new LatencyMeter(session, inputs, rows);
        meter.Time(options.Warmup);
        var times = meter.Time(options.Iterations);
        var mean = times.Average();
        Array.Sort(times);
        return (Percentile(times, 50), Percentile(times, 95), Percentile(times, 99), mean);
    }

    /// <summary>Nearest rank on sorted times, so p50 &lt;= p95 &lt;= p99 always holds.</summary>
    public static double Percentile(double[] sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Runs <paramref name="iterations"/> timed inferences, continuing the cycle over the rows.</summary>
    public double[] Time(int iterations)
    {
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var values = _samples[_next++ % _samples.Count];
            var start = Stopwatch.GetTimestamp();
            using (_session.Run(_runOptions, _names, values, _outputNames))
            {
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        return times;
    }

    public void Dispose()
    {
        foreach (var value in _samples.SelectMany(s => s))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }
}
