namespace ModelCompress.Onnx.Files;

/// <summary>
/// The one name every write-then-rename uses for its temporary file: hidden, beside the target, unique, ending in
/// <c>.tmp</c> (<c>.name.&lt;random&gt;.tmp</c>). A killed write leaves exactly that behind, and the engine's sweeps
/// (output folder, cache) remove files of this pattern once they are stale.
/// </summary>
public static class TemporaryName
{
    /// <summary>The glob that matches every temporary name in a folder.</summary>
    public const string Pattern = ".*.tmp";

    /// <summary>A fresh temporary path beside <paramref name="path"/>.</summary>
    public static string For(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
}
