using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// Channel-pruning sensitivity for <c>modelcompress sensitivity --method channel</c>: every prunable channel group
/// is pruned alone (L1 group importance, as the one-shot pruner does) to each ratio, the channels physically
/// removed, and the smaller model scored in ONNX Runtime. No training. The caller chooses the rows: pass
/// calibration or validation data, never the test split, when the curves will steer a choice.
/// </summary>
public static class ChannelSensitivity
{
    /// <summary>Measures every prunable group at every ratio; returns the unpruned score, the metric name and the rows.</summary>
    public static (double Baseline, string Metric, IReadOnlyList<ChannelSensitivityRow> Rows) Analyze(
        OnnxModel model, EvalDataset data, IReadOnlyList<double> ratios)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ratios);
        var options = EvaluationOptions.Default with { Warmup = 0, Iterations = 0 };
        var original = ModelEvaluator.Evaluate(model.ToBytes(), data, options, null);
        var labelled = original.Accuracy is not null;
        // Without labels the unpruned model's outputs are the reference: agreement 1.0 means nothing changed.
        var reference = labelled ? null : original.Outputs;
        var groups = ChannelDependencies.Build(model.Clone()).Groups.Where(g => g.IsPrunable && !g.FeedsGraphOutput).ToList();
        var rows = new List<ChannelSensitivityRow>();
        foreach (var group in groups)
        {
            foreach (var ratio in ratios)
            {
                var pruned = ChannelRatioPlan.Apply(model, new Dictionary<int, double> { [group.Id] = ratio });
                var kept = group.RoundToPartitions(ChannelRatioPlan.Kept(group.Channels, ratio));
                var result = ModelEvaluator.Evaluate(pruned.ToBytes(), data, options, reference);
                var score = (labelled ? result.Accuracy : result.Agreement) ?? 0;
                rows.Add(new ChannelSensitivityRow(group.Name, string.Join("+", group.Producers), group.Channels, kept, ratio, score));
            }
        }

        var baseline = (labelled ? original.Accuracy : 1.0) ?? 0;
        return (baseline, labelled ? "accuracy" : "agreement", rows);
    }
}
