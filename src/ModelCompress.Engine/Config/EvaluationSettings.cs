namespace ModelCompress.Engine.Config;

/// <summary>How a model is measured: latency runs, threads, execution provider and batch size for accuracy.</summary>
/// <param name="Warmup">Untimed runs before latency is measured (default 10).</param>
/// <param name="Iterations">Timed single-sample runs for latency percentiles (default 100).</param>
/// <param name="Threads">ONNX Runtime intra-op threads (default 1, so latency is comparable across machines).</param>
/// <param name="Provider">Execution provider (default auto).</param>
/// <param name="BatchSize">Batch size of the accuracy pass (default 64).</param>
public sealed record EvaluationSettings(int Warmup, int Iterations, int Threads, ExecutionProvider Provider, int BatchSize)
{
    /// <summary>The settings used when a model has no <c>evaluation:</c> section.</summary>
    public static EvaluationSettings Default { get; } = new(10, 100, 1, ExecutionProvider.Auto, 64);

    /// <summary>The <c>provider:</c> key, where provider errors (MC4092, MC4093) are reported; null when not written.</summary>
    public SourcePosition? ProviderPosition { get; init; }

    /// <summary>Settings are equal when they measure the same way; where they were written does not matter.</summary>
    public bool Equals(EvaluationSettings? other) =>
        other is not null && (Warmup, Iterations, Threads, Provider, BatchSize) == (other.Warmup, other.Iterations, other.Threads, other.Provider, other.BatchSize);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Warmup, Iterations, Threads, Provider, BatchSize);

    internal static EvaluationSettings Read(MappingReader? map)
    {
        if (map is null)
        {
            return Default;
        }

        return new EvaluationSettings(
            map.Integer("warmup", NumberRange.AtLeast(0)) ?? Default.Warmup,
            map.Integer("iterations", NumberRange.AtLeast(1)) ?? Default.Iterations,
            ReadThreads(map) ?? Default.Threads,
            map.Choice<ExecutionProvider>("provider") ?? Default.Provider,
            map.Integer("batch_size", NumberRange.AtLeast(1)) ?? Default.BatchSize)
        {
            ProviderPosition = map.KeyAt("provider"),
        };
    }

    private static int? ReadThreads(MappingReader map)
    {
        var threads = map.Integer("threads", NumberRange.AtLeast(1));
        if (threads > LimitDiagnostics.MaxThreads)
        {
            map.Context.Report(LimitDiagnostics.TooManyThreads(map.Value("threads")!.Position, threads.Value));
            return null;
        }

        if (threads > Environment.ProcessorCount)
        {
            // Capped here, at the YAML line, rather than by the evaluator later without a position.
            map.Context.Report(LimitDiagnostics.ThreadsCapped(threads.Value, Environment.ProcessorCount, map.Value("threads")!.Position));
            return Environment.ProcessorCount;
        }

        return threads;
    }
}
