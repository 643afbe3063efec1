namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// The one-shot skeleton shared by heads and neurons pruning: find the blocks, decide each block's kept count (the
/// sparsity rounded to the nearest unit, then round_to, then the floor), rank the units, keep the best (ties keep the
/// lower index), and cut. A sparsity that would empty a block, or a floor above a block's width, is an error at the
/// YAML line rather than a silent clamp.
/// </summary>
internal static class BlockPruning
{
    public static NeuronPruneResult Prune<TBlock>(OnnxModel model, BlockPruneOptions options, IBlockKind<TBlock> kind)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var selection = NodeSelection.Create(graph, "prune", options.Include, options.Exclude);
        var (blocks, reasons) = kind.Find(graph, selection);
        if (blocks.Count == 0)
        {
            throw new CompressionException(kind.NoBlock(graph, reasons, options.At?.Invoke("method")));
        }

        var counts = Counts(blocks, options, kind);
        var widths = new List<(string, string, int, int)>();
        foreach (var (block, index) in blocks.Select((b, i) => (b, i)))
        {
            var scores = options.Importance == PruneImportance.Random ? BlockImportance.Random(kind.Width(block), options.Seed, index) : new double[kind.Width(block)];
            if (options.Importance != PruneImportance.Random)
            {
                kind.Score(graph, block, options.Importance, scores);
            }

            var keep = Enumerable.Range(0, scores.Length).OrderByDescending(j => scores[j]).ThenBy(j => j).Take(counts[index]).Order().ToList();
            widths.Add(kind.Remove(graph, block, keep));
            graph.Invalidate();
        }

        return new NeuronPruneResult(result, widths);
    }

    /// <summary>Adds |w| or w² of <paramref name="name"/>'s elements to the unit their index along <paramref name="axis"/> (÷ <paramref name="unitSize"/>) falls in.</summary>
    public static void AddScores(OnnxGraph graph, string name, int axis, int unitSize, PruneImportance importance, double[] scores)
    {
        graph.TryGetInitializer(name, out var tensor);
        var values = tensor!.ToFloatArray();
        var inner = tensor.Dims.Skip(axis + 1).Aggregate(1L, (a, d) => a * d);
        var length = tensor.Dims[axis];
        for (var i = 0; i < values.Length; i++)
        {
            scores[(int)(i / inner % length / unitSize)] += BlockImportance.Of(values[i], importance);
        }
    }

    private static int[] Counts<TBlock>(List<TBlock> blocks, BlockPruneOptions options, IBlockKind<TBlock> kind)
    {
        var bag = new DiagnosticBag();
        var counts = new int[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            var width = kind.Width(blocks[i]);
            var kept = width - (int)Math.Round(options.Sparsity * width, MidpointRounding.AwayFromZero);
            kept = options.RoundTo <= 1 ? kept : Math.Min(width, (int)Math.Round((double)kept / options.RoundTo, MidpointRounding.AwayFromZero) * options.RoundTo);
            if (options.MinUnits > width)
            {
                bag.Add(BlockPruneStepDiagnostics.MinAboveWidth(kind.Units, kind.Name(blocks[i]), width, options.MinUnits.Value, options.At?.Invoke("min_channels")));
            }
            else if (kept < 1 && options.MinUnits is null)
            {
                bag.Add(BlockPruneStepDiagnostics.WouldEmpty(kind.Units, kind.Name(blocks[i]), width, options.Sparsity, options.RoundTo, options.At?.Invoke("sparsity")));
            }

            counts[i] = Math.Max(kept, options.MinUnits ?? 1);
        }

        bag.ThrowIfErrors();
        return counts;
    }
}
