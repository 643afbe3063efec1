using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// Accuracy-aware fallback: when the model's accuracy budget fails after quantization, the int8 compute nodes
/// are ranked by the damage each does alone (only that node quantized; mean squared error of the output against
/// the float model on the calibration rows, never the test split), and the worst return to float one at a time
/// until the budget holds or <c>fallback.max_nodes</c> are spent. The budget itself is checked on
/// <c>data.validation</c> when there is one; otherwise on the evaluation data, which the report then says loudly.
/// </summary>
internal static class AccuracyFallback
{
    private const int RankingRows = 256;

    public static (StaticQuantizeResult Result, IReadOnlyList<StepFact> Facts) Apply(
        StepInput input, StepContext context, StaticQuantizeSettings settings, StaticQuantizeOptions options,
        IReadOnlyDictionary<string, TensorRange> ranges, IReadOnlyDictionary<string, NdArray> calibration, StaticQuantizeResult result)
    {
        var budget = input.ModelConfig.Budgets.Accuracy;
        if (budget is null || settings.FallbackMaxNodes == 0)
        {
            return (result, [new StepFact("fallback", budget is null ? "off (no accuracy budget)" : "off (fallback: none)")]);
        }

        var data = context.Data!;
        var (inputs, labels, where) = data.Validation is { } v && (v.Labels is not null || budget.Metric == AccuracyMetric.Agreement)
            ? (v.Inputs, v.Labels, "data.validation")
            : (data.Inputs, data.Labels, "the EVALUATION data (no data.validation; any search below saw the test split)");
        if (budget.Metric == AccuracyMetric.Top1 && labels is null)
        {
            return (result, [new StepFact("fallback", "off (top1 budget without labels)")]);
        }

        var reference = Outputs(input.Original, inputs);
        var baseline = Score(reference, reference, labels, budget.Metric);
        var allowed = budget.MaxDrop ?? (budget.MaxRelativeDrop ?? 0) * baseline;
        var facts = new List<StepFact> { new("fallback check", $"{YamlNames.Of(budget.Metric)} on {where}; original {F(baseline)}") };
        var score = Score(Outputs(result.Model, inputs), reference, labels, budget.Metric);
        facts.Add(new StepFact("fallback start", $"all quantized: {F(score)} (drop {F(baseline - score)}, allowed {F(allowed)})"));
        if (baseline - score <= allowed)
        {
            return (result, facts);
        }

        if (data.Validation is null || inputs != data.Validation.Inputs)
        {
            context.Report(StaticQuantizeDiagnostics.FallbackOnEvaluationData(input.Step.Position));
        }

        var ranking = Rank(input.Model, options, ranges, calibration, result);
        facts.Add(new StepFact("fallback ranking", string.Join(", ", ranking.Take(8).Select(r => $"{r.Node} {r.Damage.ToString("G3", CultureInfo.InvariantCulture)}"))));
        var excluded = (options.Exclude ?? []).ToList();
        foreach (var (node, _) in ranking.Take(settings.FallbackMaxNodes))
        {
            excluded.Add(node);
            var next = new StaticQuantizer(options with { Exclude = excluded.ToArray() });
            if (next.TryQuantize(input.Model, ranges) is not { } reverted)
            {
                break;
            }

            result = reverted;
            score = Score(Outputs(result.Model, inputs), reference, labels, budget.Metric);
            facts.Add(new StepFact($"fallback reverted {node}", $"{F(score)} (drop {F(baseline - score)})"));
            if (baseline - score <= allowed)
            {
                return (result, facts);
            }
        }

        facts.Add(new StepFact("fallback result", $"budget still fails after {excluded.Count - (options.Exclude?.Count ?? 0)} reverted nodes"));
        return (result, facts);
    }

    private static List<(string Node, double Damage)> Rank(OnnxModel model, StaticQuantizeOptions options,
        IReadOnlyDictionary<string, TensorRange> ranges, IReadOnlyDictionary<string, NdArray> calibration, StaticQuantizeResult result)
    {
        var rows = Math.Min(RankingRows, calibration.Values.Min(a => a.Rows));
        var slice = calibration.ToDictionary(p => p.Key, p => p.Value.SliceRows(0, rows), StringComparer.Ordinal);
        var reference = Outputs(model, slice);
        var ranking = new List<(string Node, double Damage)>();
        foreach (var node in result.Nodes.Where(n => n.Role == NodeRole.Compute && n.Node.Length > 0))
        {
            var alone = new StaticQuantizer(options with { Include = [node.Node] }).TryQuantize(model, ranges);
            if (alone is null)
            {
                continue;
            }

            var outputs = Outputs(alone.Model, slice);
            var error = 0d;
            for (var i = 0; i < outputs.Values.Length; i++)
            {
                var d = outputs.Values[i] - reference.Values[i];
                error += d * d;
            }

            ranking.Add((node.Node, error / Math.Max(1, outputs.Values.Length)));
        }

        return ranking.OrderByDescending(r => r.Damage).ThenBy(r => r.Node, StringComparer.Ordinal).ToList();
    }

    private static ReferenceOutputs Outputs(OnnxModel model, IReadOnlyDictionary<string, NdArray> inputs)
    {
        _ = OrtEnvironment.Instance;
        using var options = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model.ToBytes(), options);
        return BatchInference.Run(session, inputs, inputs.Values.Min(a => a.Rows), 64);
    }

    private static double Score(ReferenceOutputs outputs, ReferenceOutputs reference, long[]? labels, AccuracyMetric metric)
    {
        var hits = 0;
        for (var r = 0; r < outputs.Rows; r++)
        {
            var predicted = ArgMax(outputs.Row(r));
            hits += metric == AccuracyMetric.Top1 ? (predicted == labels![r] ? 1 : 0) : (predicted == ArgMax(reference.Row(r)) ? 1 : 0);
        }

        return outputs.Rows == 0 ? 0 : (double)hits / outputs.Rows;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            best = row[c] > row[best] ? c : best;
        }

        return best;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
