using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Onnx;

namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Removes attention heads (<see cref="AttentionBlock"/>): the Q, K and V projection columns and bias entries of the
/// removed heads, the output projection rows, and the head count in the Reshape shape constants (each Reshape gets
/// its own initializer, since exporters share one constant between layers; Constant-node shapes are read too, and
/// Concat shapes computed from Shape/Gather as the PyTorch exporter writes them for a dynamic batch). Importance is the head's L1 norm over all four
/// projections; the same fraction of heads goes in every block, at least one stays, ties keep the lower index.
/// </summary>
public sealed class HeadPruner(double sparsity, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null,
    PruneImportance importance = PruneImportance.L1, int seed = 0)
{
    /// <summary>Prunes a copy of <paramref name="model"/>; blocks are selected by their output projection's node name.</summary>
    /// <exception cref="CompressionException">MC3234 when the model has no attention block in this pattern.</exception>
    public NeuronPruneResult Prune(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var selection = NodeSelection.Create(graph, "prune", include, exclude);
        var blocks = new List<AttentionBlock>();
        var reasons = new List<string>();
        foreach (var softmax in graph.Nodes.Where(n => n.OpType == "Softmax").ToList())
        {
            var (block, why) = AttentionBlock.From(graph, softmax);
            if (block is null)
            {
                reasons.Add($"{softmax.DisplayName}: {why}");
            }
            else if (selection.Reject(block.Output) is null)
            {
                blocks.Add(block);
            }
        }

        if (blocks.Count == 0)
        {
            throw new CompressionException(Diagnostic.Error("MC3234",
                $"method: heads found no attention block (Q/K/V MatMul → Reshape to heads → Transpose → MatMul → Softmax → MatMul → Transpose → Reshape → MatMul) in graph '{graph.Name}'"
                + (reasons.Count > 0 ? $": {string.Join("; ", reasons.Take(8))}" : ": it has no Softmax")
                + ". Use method: neurons, magnitude or nm for this model."));
        }

        var widths = new List<(string, string, int, int)>();
        foreach (var (block, index) in blocks.Select((b, i) => (b, i)))
        {
            var kept = Keep(graph, block, index);
            var channels = kept.SelectMany(h => Enumerable.Range(h * block.HeadSize, block.HeadSize)).ToList();
            foreach (var (matmul, bias, reshape) in block.Projections)
            {
                AxisSlice.Replace(graph, matmul.Input(1), 1, channels);
                if (bias is not null)
                {
                    AxisSlice.Replace(graph, bias, 0, channels);
                }

                AttentionBlock.SetShape(graph, reshape, 2, kept.Count);
            }

            AxisSlice.Replace(graph, block.Output.Input(1), 0, channels);
            if (AttentionBlock.ShapeOf(graph, block.Merge)![2] > 0)
            {
                AttentionBlock.SetShape(graph, block.Merge, 2, channels.Count);
            }

            var stale = graph.Proto.ValueInfo.Where(v => block.Values.Contains(v.Name)).ToList();
            stale.ForEach(v => graph.Proto.ValueInfo.Remove(v));
            graph.Invalidate();
            widths.Add((block.Name, block.Output.DisplayName, block.Heads, kept.Count));
        }

        return new NeuronPruneResult(result, widths);
    }

    private List<int> Keep(OnnxGraph graph, AttentionBlock block, int index)
    {
        var scores = importance == PruneImportance.Random ? BlockImportance.Random(block.Heads, seed, index) : new double[block.Heads];
        if (importance != PruneImportance.Random)
        {
            foreach (var (matmul, _, _) in block.Projections)
            {
                AddScores(graph, matmul.Input(1), columns: true, block.HeadSize, scores);
            }

            AddScores(graph, block.Output.Input(1), columns: false, block.HeadSize, scores);
        }

        var removed = (int)Math.Round(sparsity * block.Heads, MidpointRounding.AwayFromZero);
        var kept = Math.Max(1, block.Heads - removed);
        return Enumerable.Range(0, block.Heads).OrderByDescending(h => scores[h]).ThenBy(h => h).Take(kept).Order().ToList();
    }

    private void AddScores(OnnxGraph graph, string name, bool columns, int headSize, double[] scores)
    {
        graph.TryGetInitializer(name, out var tensor);
        var values = tensor!.ToFloatArray();
        var width = tensor.Dims[1];
        for (var i = 0; i < values.Length; i++)
        {
            var channel = columns ? i % width : i / width;
            scores[channel / headSize] += BlockImportance.Of(values[i], importance);
        }
    }
}
