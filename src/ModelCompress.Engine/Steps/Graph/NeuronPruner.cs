using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Onnx;

namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Removes intermediate neurons of feed-forward blocks (<see cref="FfnBlock"/>): the columns of the up weight, the
/// bias entries and the rows of the down weight of the least important neurons, so both MatMuls shrink. Importance
/// is the group's L1 norm (up column + bias + down row), as DepGraph sums a group's members; the same fraction is
/// removed from every block, at least one neuron is always kept, and ties keep the lower index.
/// </summary>
public sealed class NeuronPruner(double sparsity, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null,
    PruneImportance importance = PruneImportance.L1, int seed = 0)
{
    /// <summary>Prunes a copy of <paramref name="model"/>.</summary>
    /// <exception cref="CompressionException">MC3233 when the model has no feed-forward block (each candidate's reason named).</exception>
    public NeuronPruneResult Prune(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var selection = NodeSelection.Create(graph, "prune", include, exclude);
        var blocks = new List<FfnBlock>();
        var reasons = new List<string>();
        foreach (var node in graph.Nodes.Where(n => n.OpType is "MatMul" or "Gemm" && n.Domain is "" or "ai.onnx" && selection.Reject(n) is null).ToList())
        {
            var (block, why) = FfnBlock.From(graph, node);
            if (block is not null)
            {
                blocks.Add(block);
            }
            else
            {
                reasons.Add($"{node.DisplayName}: {why}");
            }
        }

        if (blocks.Count == 0)
        {
            throw new CompressionException(Diagnostic.Error("MC3233",
                $"method: neurons found no feed-forward block (MatMul/Gemm → element-wise activation → MatMul/Gemm, float weight initializers) in graph '{graph.Name}'. "
                + $"Candidates: {(reasons.Count == 0 ? "none" : string.Join("; ", reasons.Take(8)))}. Use method: magnitude or nm for this model."));
        }

        var widths = new List<(string, string, int, int)>();
        foreach (var (block, index) in blocks.Select((b, i) => (b, i)))
        {
            var keep = Keep(graph, block, index);
            AxisSlice.Replace(graph, block.Up.Input(1), block.UpAxis, keep);
            AxisSlice.Replace(graph, block.Down.Input(1), block.DownAxis, keep);
            if (block.Bias is { } bias)
            {
                AxisSlice.Replace(graph, bias, 0, keep);
            }

            // Stale declared shapes of the hidden values would contradict the new width.
            var stale = graph.Proto.ValueInfo.Where(v => block.Hidden.Contains(v.Name)).ToList();
            stale.ForEach(v => graph.Proto.ValueInfo.Remove(v));
            graph.Invalidate();
            widths.Add((block.Up.DisplayName, block.Down.DisplayName, block.Width, keep.Count));
        }

        return new NeuronPruneResult(result, widths);
    }

    private List<int> Keep(OnnxGraph graph, FfnBlock block, int index)
    {
        var scores = importance == PruneImportance.Random ? BlockImportance.Random(block.Width, seed, index) : new double[block.Width];
        if (importance != PruneImportance.Random)
        {
            AddScores(graph, block.Up.Input(1), block.UpAxis, scores);
            AddScores(graph, block.Down.Input(1), block.DownAxis, scores);
            if (block.Bias is { } bias)
            {
                AddScores(graph, bias, 0, scores);
            }
        }

        var removed = (int)Math.Round(sparsity * block.Width, MidpointRounding.AwayFromZero);
        var kept = Math.Max(1, block.Width - removed);
        return Enumerable.Range(0, block.Width).OrderByDescending(j => scores[j]).ThenBy(j => j).Take(kept).Order().ToList();
    }

    private void AddScores(OnnxGraph graph, string name, int axis, double[] scores)
    {
        graph.TryGetInitializer(name, out var tensor);
        var values = tensor!.ToFloatArray();
        var inner = tensor.Dims.Skip(axis + 1).Aggregate(1L, (a, d) => a * d);
        var length = tensor.Dims[axis];
        for (var i = 0; i < values.Length; i++)
        {
            scores[(int)(i / inner % length)] += BlockImportance.Of(values[i], importance);
        }
    }
}
