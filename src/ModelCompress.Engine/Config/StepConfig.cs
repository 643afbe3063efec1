using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>One entry of a model's <c>steps:</c> list.</summary>
public sealed record StepConfig(string Kind, int Index, SourcePosition Position, IStepSettings Settings);
