namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Removes attention heads (<see cref="AttentionBlock"/>): the Q, K and V projection columns and bias entries of the
/// removed heads, the output projection rows, and the head count in the Reshape shape constants (each Reshape gets
/// its own initializer, since exporters share one constant between layers; Constant-node shapes are read too, and
/// Concat shapes computed from Shape/Gather as the PyTorch exporter writes them for a dynamic batch). Importance is the head's L1 norm over all four
/// projections; the same fraction of heads goes in every block, and a sparsity that would remove every head of a
/// block is an error (MC3160); ties keep the lower index.
/// </summary>
public sealed class HeadPruner(double sparsity, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null,
    PruneImportance importance = PruneImportance.L1, int seed = 0, Func<string, SourcePosition>? at = null) : IBlockKind<AttentionBlock>
{
    string IBlockKind<AttentionBlock>.Units => "heads";

    /// <summary>Prunes a copy of <paramref name="model"/>; blocks are selected by their output projection's node name.</summary>
    /// <exception cref="CompressionException">MC3234 when the model has no attention block in this pattern; MC3160 when a block would lose every head.</exception>
    public NeuronPruneResult Prune(OnnxModel model) =>
        BlockPruning.Prune(model, new BlockPruneOptions(sparsity, include, exclude, importance, seed, At: at), this);

    (List<AttentionBlock> Blocks, List<string> Reasons) IBlockKind<AttentionBlock>.Find(OnnxGraph graph, NodeSelection selection)
    {
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

        return (blocks, reasons);
    }

    Diagnostic IBlockKind<AttentionBlock>.NoBlock(OnnxGraph graph, IReadOnlyList<string> reasons, SourcePosition? at) => Diagnostic.Error("MC3234",
        $"method: heads found no attention block (Q/K/V MatMul → Reshape to heads → Transpose → MatMul → Softmax → MatMul → Transpose → Reshape → MatMul) in graph '{graph.Name}'"
        + (reasons.Count > 0 ? $": {string.Join("; ", reasons.Take(8))}" : ": it has no Softmax")
        + ". Use method: neurons, magnitude or nm for this model.", at);

    string IBlockKind<AttentionBlock>.Name(AttentionBlock block) => block.Output.DisplayName;

    int IBlockKind<AttentionBlock>.Width(AttentionBlock block) => block.Heads;

    void IBlockKind<AttentionBlock>.Score(OnnxGraph graph, AttentionBlock block, PruneImportance importance, double[] scores)
    {
        foreach (var (matmul, _, _) in block.Projections)
        {
            BlockPruning.AddScores(graph, matmul.Input(1), 1, block.HeadSize, importance, scores);
        }

        BlockPruning.AddScores(graph, block.Output.Input(1), 0, block.HeadSize, importance, scores);
    }

    (string Up, string Down, int Before, int After) IBlockKind<AttentionBlock>.Remove(OnnxGraph graph, AttentionBlock block, List<int> kept)
    {
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
        return (block.Name, block.Output.DisplayName, block.Heads, kept.Count);
    }
}
