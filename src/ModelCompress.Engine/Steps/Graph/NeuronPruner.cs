namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Removes intermediate neurons of feed-forward blocks (<see cref="FfnBlock"/>): the columns of the up weight, the
/// bias entries and the rows of the down weight of the least important neurons, so both MatMuls shrink. Importance
/// is the group's L1 norm (up column + bias + down row), as DepGraph sums a group's members; the same fraction is
/// removed from every block, kept counts are rounded to <c>round_to</c> and floored at <c>min_channels</c> as for
/// channels (without a floor, a sparsity that would empty a block is MC3160), and ties keep the lower index.
/// </summary>
public sealed class NeuronPruner(double sparsity, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null,
    PruneImportance importance = PruneImportance.L1, int seed = 0, int roundTo = 1, int? minNeurons = null,
    Func<string, SourcePosition>? at = null) : IBlockKind<FfnBlock>
{
    string IBlockKind<FfnBlock>.Units => "neurons";

    /// <summary>Prunes a copy of <paramref name="model"/>.</summary>
    /// <exception cref="CompressionException">MC3233 when the model has no feed-forward block (each candidate's reason named); MC3160/MC3161 for a count a block cannot keep.</exception>
    public NeuronPruneResult Prune(OnnxModel model) =>
        BlockPruning.Prune(model, new BlockPruneOptions(sparsity, include, exclude, importance, seed, roundTo, minNeurons, at), this);

    (List<FfnBlock> Blocks, List<string> Reasons) IBlockKind<FfnBlock>.Find(OnnxGraph graph, NodeSelection selection)
    {
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

        return (blocks, reasons);
    }

    Diagnostic IBlockKind<FfnBlock>.NoBlock(OnnxGraph graph, IReadOnlyList<string> reasons, SourcePosition? at) => Diagnostic.Error("MC3233",
        $"method: neurons found no feed-forward block (MatMul/Gemm → element-wise activation → MatMul/Gemm, float weight initializers) in graph '{graph.Name}'. "
        + $"Candidates: {(reasons.Count == 0 ? "none" : string.Join("; ", reasons.Take(8)))}. Use method: magnitude or nm for this model.", at);

    string IBlockKind<FfnBlock>.Name(FfnBlock block) => block.Up.DisplayName;

    int IBlockKind<FfnBlock>.Width(FfnBlock block) => block.Width;

    void IBlockKind<FfnBlock>.Score(OnnxGraph graph, FfnBlock block, PruneImportance importance, double[] scores)
    {
        BlockPruning.AddScores(graph, block.Up.Input(1), block.UpAxis, 1, importance, scores);
        BlockPruning.AddScores(graph, block.Down.Input(1), block.DownAxis, 1, importance, scores);
        if (block.Bias is { } bias)
        {
            BlockPruning.AddScores(graph, bias, 0, 1, importance, scores);
        }
    }

    (string Up, string Down, int Before, int After) IBlockKind<FfnBlock>.Remove(OnnxGraph graph, FfnBlock block, List<int> keep)
    {
        AxisSlice.Replace(graph, block.Up.Input(1), block.UpAxis, keep);
        AxisSlice.Replace(graph, block.Down.Input(1), block.DownAxis, keep);
        if (block.Bias is { } bias)
        {
            AxisSlice.Replace(graph, bias, 0, keep);
        }

        // Stale declared shapes of the hidden values would contradict the new width.
        var stale = graph.Proto.ValueInfo.Where(v => block.Hidden.Contains(v.Name)).ToList();
        stale.ForEach(v => graph.Proto.ValueInfo.Remove(v));
        return (block.Up.DisplayName, block.Down.DisplayName, block.Width, keep.Count);
    }
}
