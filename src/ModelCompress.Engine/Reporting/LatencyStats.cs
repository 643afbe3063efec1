namespace ModelCompress.Engine.Reporting;

/// <summary>Latency at batch 1 in milliseconds, measured after warm-up with a fixed iteration and thread count.</summary>
public sealed record LatencyStats(double P50Ms, double P95Ms, double P99Ms, double MeanMs, int Iterations, int Threads)
{
    public double AtPercentile(int percentile) => percentile switch
    {
        50 => P50Ms,
        95 => P95Ms,
        99 => P99Ms,
        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Only 50, 95 and 99 are measured."),
    };
}
