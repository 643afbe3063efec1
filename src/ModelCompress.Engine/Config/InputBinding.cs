using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>A model input fed from an array (or CSV columns) in the data file. An empty ModelInput means "the only input".</summary>
public sealed record InputBinding(string ModelInput, string Array, SourcePosition Position);
