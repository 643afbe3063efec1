namespace ModelCompress.Engine.Evaluation;

/// <summary>What one evaluation of a model measured.</summary>
public sealed record EvaluationResult
{
    /// <summary>Top-1 accuracy against the labels; null without labels.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Fraction of rows whose argmax matches the reference's; null without a reference.</summary>
    public double? Agreement { get; init; }

    /// <summary>Largest absolute difference of the first output from the reference; null without a reference.</summary>
    public double? MaxAbsError { get; init; }

    /// <summary>Rows evaluated for accuracy/agreement; null when accuracy was not measured (no data).</summary>
    public int? Samples { get; init; }

    /// <summary>Median latency at batch 1, ms (0 when no iterations ran).</summary>
    public double P50Ms { get; init; }

    /// <summary>95th percentile latency, ms.</summary>
    public double P95Ms { get; init; }

    /// <summary>99th percentile latency, ms.</summary>
    public double P99Ms { get; init; }

    /// <summary>Mean latency, ms.</summary>
    public double MeanMs { get; init; }

    /// <summary>Timed iterations.</summary>
    public int Iterations { get; init; }

    /// <summary>Intra-op threads.</summary>
    public int Threads { get; init; }

    /// <summary>Model size in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>The execution provider used: <c>cpu</c> or <c>cuda</c>.</summary>
    public string Provider { get; init; } = "cpu";

    /// <summary>Warnings raised on the way (provider fallback, accuracy not measured).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>The first output of every evaluated row: the reference for the compressed model.</summary>
    public ReferenceOutputs Outputs { get; init; } = new([], 0, 0);
}
