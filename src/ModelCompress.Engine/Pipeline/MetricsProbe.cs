using ModelCompress.Engine.Caching;
using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Measures one model the same way every time in a run: ONNX Runtime for quality and latency, the graph for
/// parameters, sparsity and MACs. Warnings (a CUDA fallback, say) are passed on once per run, not once per model measured.
/// Evaluation errors without a position are placed at the YAML line they concern. Results are reused from the
/// evaluation cache when the same model (by content hash) was measured on the same rows, settings and machine.
/// </summary>
internal sealed class MetricsProbe(ModelConfig config, EvaluationCache evaluations)
{
    private readonly EvaluationSettings settings = config.Evaluation;
    private readonly string modelName = config.Name;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>The evaluation options every measurement of this model uses.</summary>
    public EvaluationOptions Options => new(settings.Warmup, settings.Iterations, settings.Threads, settings.Provider.ToString().ToLowerInvariant(), settings.BatchSize)
    {
        Generate = config.Generate,
    };

    public sealed record Probe(ModelMetrics Metrics, ReferenceOutputs Reference, IReadOnlyList<Diagnostic> Warnings, bool Reused = false);

    /// <summary>What of the rows and settings makes a measurement; with the model's bytes it keys the evaluation cache.</summary>
    public string MeasurementKey(EvalDataset? data) => ContentHash.OfParts(
        StepDataKey.ForSections(data, ["evaluation"]),
        System.Text.Json.JsonSerializer.Serialize(config.Generate),
        System.Text.Json.JsonSerializer.Serialize(Options),
        MachineIdentity.Current,
        EngineIdentity.Current.OnnxRuntimeVersion,
        EngineIdentity.Current.EngineBuild);

    public Probe Measure(OnnxModel model, ModelArtifact artifact, EvalDataset? data, ReferenceOutputs? reference)
    {
        var referenceKey = reference is null
            ? "none"
            : ContentHash.OfParts($"{reference.Rows}x{reference.Width}", ContentHash.OfBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(reference.Values.AsSpan())));
        var key = ContentHash.OfParts("evaluation", artifact.Hash, referenceKey, MeasurementKey(data));
        if (evaluations.TryGet<Stored>(key) is var (stored, outputs))
        {
            var replayed = stored.Warnings.Select(w => new Diagnostic(w.Code, w.Severity, w.Message)).Where(w => _warned.Add(w.Code)).ToList();
            return new Probe(stored.Metrics, new ReferenceOutputs(outputs, stored.Rows, stored.Width), replayed, Reused: true);
        }

        var (metrics, measured, warnings) = MeasureNow(model, artifact, data, reference);
        var kept = warnings.Select(w => new StoredWarning(w.Code, w.Severity, w.Message)).ToList();
        evaluations.Put(key, new Stored(metrics, measured.Rows, measured.Width, kept), measured.Values);
        return new Probe(metrics, measured, warnings.Where(w => _warned.Add(w.Code)).ToList());
    }

    private sealed record StoredWarning(string Code, DiagnosticSeverity Severity, string Message);

    private sealed record Stored(ModelMetrics Metrics, int Rows, int Width, IReadOnlyList<StoredWarning> Warnings);

    private (ModelMetrics Metrics, ReferenceOutputs Reference, IReadOnlyList<Diagnostic> Warnings) MeasureNow(OnnxModel model, ModelArtifact artifact, EvalDataset? data, ReferenceOutputs? reference)
    {
        var statistics = ModelStatistics.Compute(model);
        var options = Options;
        EvaluationResult result;
        try
        {
            result = ModelEvaluator.Evaluate(artifact.Source, data, options, reference, modelName);
        }
        catch (CompressionException e)
        {
            throw new CompressionException(e.Diagnostics.Select(Place).ToList());
        }

        var latency = result.Iterations > 0
            ? new LatencyStats(result.P50Ms, result.P95Ms, result.P99Ms, result.MeanMs, result.Iterations, result.Threads)
            : null;
        var metrics = new ModelMetrics(
            artifact.SizeBytes,
            statistics.ParameterCount,
            statistics.NonZeroParameterCount,
            result.Accuracy,
            result.Agreement,
            result.MaxAbsError,
            result.Samples,
            latency,
            result.Provider,
            MacCounter.Count(model));
        return (metrics, result.Outputs, result.Warnings);
    }

    private Diagnostic Place(Diagnostic d) => d.Position is not null ? d : d with
    {
        Position = d.Code switch
        {
            "MC4092" or "MC4093" => settings.ProviderPosition ?? config.Position,
            "MC4130" => config.Data?.Labels?.Position ?? config.Data?.PathPosition ?? config.Position,
            "MC3020" => config.SourcePosition,
            "MC4131" => config.Generate is { Count: > 0 } g ? g[0].Position : config.SourcePosition,
            _ => null,
        },
    };
}
