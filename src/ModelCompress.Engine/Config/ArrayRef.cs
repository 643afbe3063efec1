using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>An array (or CSV column) named in the config, with where it was named.</summary>
public sealed record ArrayRef(string Name, SourcePosition Position);
