using ModelCompress.Engine.Config;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Evaluation;
using ModelCompress.Engine.Reporting;
using ModelCompress.Onnx;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Measures one model the same way every time in a run: ONNX Runtime for quality and latency, the graph for
/// parameters and sparsity. Warnings (a CUDA fallback, say) are passed on once per run, not once per model measured.
/// Evaluation errors without a position are placed at the YAML line they concern.
/// </summary>
internal sealed class MetricsProbe(ModelConfig config)
{
    private readonly EvaluationSettings settings = config.Evaluation;
    private readonly string modelName = config.Name;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>The evaluation options every measurement of this model uses.</summary>
    public EvaluationOptions Options => new(settings.Warmup, settings.Iterations, settings.Threads, settings.Provider.ToString().ToLowerInvariant(), settings.BatchSize)
    {
        Generate = config.Generate,
    };

    public sealed record Probe(ModelMetrics Metrics, ReferenceOutputs Reference, IReadOnlyList<Diagnostic> Warnings);

    public Probe Measure(OnnxModel model, byte[] bytes, EvalDataset? data, ReferenceOutputs? reference)
    {
        var statistics = ModelStatistics.Compute(model);
        var options = Options;
        EvaluationResult result;
        try
        {
            result = ModelEvaluator.Evaluate(bytes, data, options, reference, modelName);
        }
        catch (CompressionException e)
        {
            throw new CompressionException(e.Diagnostics.Select(Place).ToList());
        }

        var latency = result.Iterations > 0
            ? new LatencyStats(result.P50Ms, result.P95Ms, result.P99Ms, result.MeanMs, result.Iterations, result.Threads)
            : null;
        var metrics = new ModelMetrics(
            bytes.LongLength,
            statistics.ParameterCount,
            statistics.NonZeroParameterCount,
            result.Accuracy,
            result.Agreement,
            result.MaxAbsError,
            result.Samples,
            latency,
            result.Provider);
        var fresh = result.Warnings.Where(w => _warned.Add(w.Code)).ToList();
        return new Probe(metrics, result.Outputs, fresh);
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
