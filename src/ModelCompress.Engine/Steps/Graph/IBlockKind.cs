namespace ModelCompress.Engine.Steps.Graph;

/// <summary>What one kind of transformer block (attention heads, FFN neurons) tells <see cref="BlockPruning"/>.</summary>
/// <typeparam name="TBlock">The block found in the graph.</typeparam>
internal interface IBlockKind<TBlock>
{
    /// <summary>The unit removed, plural ("heads", "neurons"), for messages.</summary>
    string Units { get; }

    /// <summary>The selected blocks of the graph, and for each candidate that is not one, why.</summary>
    (List<TBlock> Blocks, List<string> Reasons) Find(OnnxGraph graph, NodeSelection selection);

    /// <summary>The error when no block was found.</summary>
    Diagnostic NoBlock(OnnxGraph graph, IReadOnlyList<string> reasons, SourcePosition? at);

    /// <summary>The block's name in reports.</summary>
    string Name(TBlock block);

    /// <summary>How many units the block has.</summary>
    int Width(TBlock block);

    /// <summary>Adds each unit's importance (<see cref="BlockImportance.Of"/> over its weights) to <paramref name="scores"/>.</summary>
    void Score(OnnxGraph graph, TBlock block, PruneImportance importance, double[] scores);

    /// <summary>Keeps only units <paramref name="keep"/> (sorted) in every tensor and shape of the block.</summary>
    (string Up, string Down, int Before, int After) Remove(OnnxGraph graph, TBlock block, List<int> keep);
}
