using ModelCompress.Onnx.Dependencies;
using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// Per-group channel ratios for a MACs target, by a measured greedy search: from nothing pruned, each move removes
/// one more eighth of one group's channels; every candidate move is applied and scored on the search rows
/// (calibration data, never the test split), and the move that loses least accuracy per MAC saved wins, until the
/// model's MACs are at or below the target. The first layer (its producer reads a graph input) and groups feeding
/// a graph output (the classifier's width) are left alone, as mature pruners do; no group passes
/// <c>maxLayerSparsity</c>.
/// </summary>
public static class ChannelAutoSearch
{
    private const double Step = 0.125;

    /// <summary>Searches ratios so that MACs ≤ <paramref name="macsRatio"/> × the original's.</summary>
    /// <exception cref="CompressionException">MC3250 when the target is below what pruning the allowed groups can reach.</exception>
    public static ChannelAutoResult ForMacs(OnnxModel model, EvalDataset data, double macsRatio, double maxLayerSparsity, SourcePosition at)
    {
        ArgumentNullException.ThrowIfNull(model);
        var original = MacCounter.Count(model).Macs;
        return Search(model, data, maxLayerSparsity, m => (double)MacCounter.Count(m).Macs / original, macsRatio, floor => Diagnostic.Error(
            "MC3250",
            $"target macs_ratio {macsRatio} is below what channel pruning can reach here ({floor:0.0000} with every allowed group at max_layer_sparsity {maxLayerSparsity}; first layer and classifier left alone); raise the target or max_layer_sparsity.",
            at));
    }

    /// <summary>
    /// Searches ratios so that the measured ORT p50 (batch 1, 1 thread, alternating rounds against the original in one
    /// process) is ≤ <paramref name="latencyRatio"/> × the original's. Moves are still ranked by accuracy lost per MAC
    /// saved (timing every candidate of every move would multiply the cost by the group count); only the stop is
    /// measured, after each accepted move. Noisy: two runs on a loaded machine can stop one move apart.
    /// </summary>
    /// <exception cref="CompressionException">MC3141 when the target is below what pruning the allowed groups reaches.</exception>
    public static ChannelAutoResult ForLatency(
        OnnxModel model, EvalDataset data, double latencyRatio, double maxLayerSparsity, EvaluationOptions timing, SourcePosition at)
    {
        ArgumentNullException.ThrowIfNull(model);
        var original = model.ToBytes();
        return Search(model, data, maxLayerSparsity, m => 1.0 / AlternatingLatency.Measure(original, m.ToBytes(), LatencyRounds, timing).MedianRoundSpeedup, latencyRatio,
            floor => Diagnostic.Error(
                "MC3141",
                $"target latency_ratio {latencyRatio} is below what channel pruning reaches here (measured {floor:0.0000} with every allowed group at max_layer_sparsity {maxLayerSparsity}; first layer and classifier left alone). Latency is measured and noisy: raise the target, raise max_layer_sparsity, or use macs_ratio.",
                at));
    }

    /// <summary>Rounds per latency measurement: an odd count so the median is one round's ratio.</summary>
    internal const int LatencyRounds = 7;

    private static ChannelAutoResult Search(
        OnnxModel model, EvalDataset data, double maxLayerSparsity, Func<OnnxModel, double> ratioOf, double target, Func<double, Diagnostic> unreachable)
    {
        ArgumentNullException.ThrowIfNull(data);
        var original = MacCounter.Count(model).Macs;
        var (groups, leftAlone) = Allowed(model);
        var ratios = groups.ToDictionary(g => g.Id, _ => 0.0);
        var current = model;
        // Without labels the unpruned model's predictions are the reference (agreement).
        var reference = data.Labels is null ? Evaluate(model, data, null).Outputs : null;
        var score = Score(model, data, reference);
        var reached = ratioOf(current);
        while (reached > target)
        {
            var macs = MacCounter.Count(current).Macs;
            (int Id, OnnxModel Model, double Score, double Value)? best = null;
            foreach (var group in groups.Where(g => ratios[g.Id] + Step <= maxLayerSparsity + 1e-9))
            {
                var trial = new Dictionary<int, double>(ratios) { [group.Id] = ratios[group.Id] + Step };
                var pruned = ChannelRatioPlan.Apply(model, trial);
                var saved = macs - MacCounter.Count(pruned).Macs;
                if (saved <= 0)
                {
                    continue;
                }

                var trialScore = Score(pruned, data, reference);
                // Least loss per MAC saved; a move that loses nothing is preferred by the MACs it saves.
                var value = (score - trialScore + 1e-6) / saved;
                if (best is null || value < best.Value.Value)
                {
                    best = (group.Id, pruned, trialScore, value);
                }
            }

            if (best is not { } move)
            {
                throw new CompressionException(unreachable(reached));
            }

            ratios[move.Id] += Step;
            current = move.Model;
            score = move.Score;
            reached = ratioOf(current);
        }

        var names = groups.Where(g => ratios[g.Id] > 0).ToDictionary(g => g.Name, g => ratios[g.Id], StringComparer.Ordinal);
        return new ChannelAutoResult(names, (double)MacCounter.Count(current).Macs / original, score, leftAlone) { Reached = reached };
    }

    /// <summary>The groups a search may prune, and the names of those it leaves alone with why.</summary>
    internal static (List<ChannelGroup> Groups, List<string> LeftAlone) Allowed(OnnxModel model)
    {
        var inputs = model.Graph.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var firstLayer = model.Graph.Nodes.Where(n => n.Inputs.Any(inputs.Contains)).Select(n => n.DisplayName).ToHashSet(StringComparer.Ordinal);
        var groups = new List<ChannelGroup>();
        var leftAlone = new List<string>();
        foreach (var group in ChannelDependencies.Build(model.Clone()).Groups.Where(g => g.IsPrunable && !g.FeedsGraphOutput))
        {
            if (group.Producers.Any(firstLayer.Contains))
            {
                leftAlone.Add($"{group.Name}: first layer (reads a graph input)");
            }
            else
            {
                groups.Add(group);
            }
        }

        return (groups, leftAlone);
    }

    /// <summary>Accuracy against the labels, or agreement with the reference outputs without labels.</summary>
    internal static double Score(OnnxModel model, EvalDataset data, ReferenceOutputs? reference)
    {
        var result = Evaluate(model, data, reference);
        return result.Accuracy ?? result.Agreement ?? 0;
    }

    private static EvaluationResult Evaluate(OnnxModel model, EvalDataset data, ReferenceOutputs? reference) =>
        ModelEvaluator.Evaluate(model.ToBytes(), data, EvaluationOptions.Default with { Warmup = 0, Iterations = 0 }, reference);
}
