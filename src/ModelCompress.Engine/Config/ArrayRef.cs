namespace ModelCompress.Engine.Config;

/// <summary>An array in an .npz file, or a column of a CSV file, with the position of its name.</summary>
public sealed record ArrayRef(string Name, SourcePosition Position);
