namespace ModelCompress.Engine.Steps.Channel;

/// <summary>One measurement of <see cref="ChannelSensitivity"/>: a group pruned alone to a ratio, and the score after.</summary>
/// <param name="Group">The group's name (its first producer).</param>
/// <param name="Producers">Every Conv/Gemm/MatMul whose outputs the group covers, joined by '+'.</param>
/// <param name="Channels">The group's channel count before pruning.</param>
/// <param name="Kept">Channels kept at this ratio.</param>
/// <param name="Ratio">The fraction of channels asked to be removed.</param>
/// <param name="Score">Top-1 accuracy against the labels, or agreement with the unpruned model without labels.</param>
public sealed record ChannelSensitivityRow(string Group, string Producers, long Channels, long Kept, double Ratio, double Score);
