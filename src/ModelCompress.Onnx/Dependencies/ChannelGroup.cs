namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Channels that must be pruned together: one or more sources tied by residual adds, and every tensor slice
/// that holds their channels. Removing channel c of the group removes it from every source and every slice.
/// </summary>
public sealed class ChannelGroup
{
    internal ChannelGroup(int id, IReadOnlyList<int> sources, IReadOnlyList<string> producers, long channels,
        IReadOnlyList<ChannelSlice> slices, string? blockedBy, bool feedsGraphOutput, long partitions = 1)
    {
        Partitions = partitions;
        Id = id;
        Sources = sources;
        Producers = producers;
        Channels = channels;
        Slices = slices;
        BlockedBy = blockedBy;
        FeedsGraphOutput = feedsGraphOutput;
    }

    /// <summary>True when the channels reach a graph output (a classifier's logits): such a group is never pruned, by design.</summary>
    public bool FeedsGraphOutput { get; }

    /// <summary>Position of the group in graph order.</summary>
    public int Id { get; }

    /// <summary>The source ids in the group.</summary>
    public IReadOnlyList<int> Sources { get; }

    /// <summary>Names of the nodes that produce the channels (Conv/Gemm/MatMul), in graph order.</summary>
    public IReadOnlyList<string> Producers { get; }

    /// <summary>A readable name: the first producer.</summary>
    public string Name => Producers[0];

    /// <summary>Number of channels.</summary>
    public long Channels { get; }

    /// <summary>Every initializer slice that shrinks with the channels.</summary>
    public IReadOnlyList<ChannelSlice> Slices { get; }

    /// <summary>Why the group cannot be pruned (names the node), or null when it can.</summary>
    public string? BlockedBy { get; }

    /// <summary>True when the group can be pruned.</summary>
    public bool IsPrunable => BlockedBy is null;

    /// <summary>
    /// Equal consecutive runs of channels that must each keep the same number (a grouped Conv's groups stay equal,
    /// so its <c>group</c> stays valid); 1 when any channels may go.
    /// </summary>
    public long Partitions { get; }

    /// <summary><paramref name="count"/> made a multiple of <see cref="Partitions"/> (rounded up, at most all channels).</summary>
    public long RoundToPartitions(long count) =>
        Math.Min(Channels, Math.Max(Partitions, (count + Partitions - 1) / Partitions * Partitions));

    /// <summary>
    /// The indices of the channels to keep (sorted): the <paramref name="count"/> highest <paramref name="scores"/>
    /// (count rounded by <see cref="RoundToPartitions"/>), the same number from each partition; ties keep the lower index.
    /// </summary>
    public int[] Keep(IReadOnlyList<double> scores, long count)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var per = (int)(Channels / Partitions);
        var each = (int)(RoundToPartitions(count) / Partitions);
        return Enumerable.Range(0, (int)Partitions)
            .SelectMany(p => Enumerable.Range(p * per, per).OrderByDescending(c => scores[c]).ThenBy(c => c).Take(each))
            .Order().ToArray();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Channels} channels, {Slices.Count} slices{(BlockedBy is null ? string.Empty : ", blocked: " + BlockedBy)}";
}
