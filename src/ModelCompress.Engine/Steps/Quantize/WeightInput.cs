namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>A constant weight input and the axis that holds its output channels (for per-channel scales).</summary>
public sealed record WeightInput(int Index, int ChannelAxis);
