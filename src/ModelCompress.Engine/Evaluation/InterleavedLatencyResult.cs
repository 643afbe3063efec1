namespace ModelCompress.Engine.Evaluation;

/// <summary>What <see cref="AlternatingLatency"/> measured: the median over rounds of each model's p50, and each round.</summary>
/// <param name="BaselineP50">Median over rounds of the baseline's p50 (ms).</param>
/// <param name="CandidateP50">Median over rounds of the candidate's p50 (ms).</param>
/// <param name="Rounds">Each round's p50 pair (ms).</param>
public sealed record InterleavedLatencyResult(double BaselineP50, double CandidateP50, IReadOnlyList<(double Baseline, double Candidate)> Rounds)
{
    /// <summary>How many times faster the candidate is (baseline p50 / candidate p50).</summary>
    public double Speedup => BaselineP50 / CandidateP50;

    /// <summary>The median of the per-round ratios: each ratio compares two measurements taken moments apart, so
    /// load that comes and goes on a shared machine cancels within a round.</summary>
    public double MedianRoundSpeedup
    {
        get
        {
            var sorted = Rounds.Select(r => r.Baseline / r.Candidate).Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
