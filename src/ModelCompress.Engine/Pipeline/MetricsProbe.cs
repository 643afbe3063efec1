using ModelCompress.Engine.Config;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Evaluation;
using ModelCompress.Engine.Reporting;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Measures one model the same way every time in a run: ONNX Runtime for quality and latency, the graph for
/// parameters, sparsity and MACs. Warnings (a CUDA fallback, say) are passed on once per run, not once per model measured.
/// </summary>
internal sealed class MetricsProbe(EvaluationSettings settings, string modelName)
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public sealed record Probe(ModelMetrics Metrics, ReferenceOutputs Reference, IReadOnlyList<Diagnostic> Warnings);

    public Probe Measure(OnnxModel model, byte[] bytes, EvalDataset? data, ReferenceOutputs? reference)
    {
        var statistics = ModelStatistics.Compute(model);
        var options = new EvaluationOptions(settings.Warmup, settings.Iterations, settings.Threads, settings.Provider.ToString().ToLowerInvariant(), settings.BatchSize);
        var result = ModelEvaluator.Evaluate(bytes, data, options, reference, modelName);
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
            result.Provider,
            MacCounter.Count(model));
        var fresh = result.Warnings.Where(w => _warned.Add(w.Code)).ToList();
        return new Probe(metrics, result.Outputs, fresh);
    }
}
