namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Channels that must be pruned together: one or more sources tied by residual adds, and every tensor slice
/// that holds their channels. Removing channel c of the group removes it from every source and every slice.
/// </summary>
public sealed class ChannelGroup
{
    internal ChannelGroup(int id, IReadOnlyList<int> sources, IReadOnlyList<string> producers, long channels,
        IReadOnlyList<ChannelSlice> slices, string? blockedBy, bool feedsGraphOutput)
    {
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

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Channels} channels, {Slices.Count} slices{(BlockedBy is null ? string.Empty : ", blocked: " + BlockedBy)}";
}
