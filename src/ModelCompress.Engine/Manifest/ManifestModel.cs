namespace ModelCompress.Engine.Manifest;

/// <summary>One compressed model the build should embed: where it is, its resource name and its accessor's name.</summary>
public sealed record ManifestModel(string Name, string File, string? ResourceName, string AccessorName);
