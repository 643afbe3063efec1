namespace ModelCompress.Engine.Manifest;

/// <summary>One compressed model the build should ship: where it is, its resource name and its accessor's name.</summary>
/// <param name="DataFiles">
/// The external-data files beside <paramref name="File"/>, or null when the weights are inline (then the key is left out,
/// so the manifest of an ordinary model is unchanged). The build copies such a model and these files to the app's folder
/// instead of embedding it, because ONNX Runtime finds external data only beside a model it opens by path.
/// </param>
public sealed record ManifestModel(string Name, string File, string? ResourceName, string AccessorName, IReadOnlyList<string>? DataFiles = null);
