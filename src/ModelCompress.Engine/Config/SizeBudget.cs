using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>File size of the compressed model, in KB (1024 bytes) or as a ratio to the original.</summary>
public sealed record SizeBudget(double? MaxKb, double? MaxRatio, SourcePosition Position);
