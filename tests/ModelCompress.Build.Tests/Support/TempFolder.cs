namespace ModelCompress.Build.Tests.Support;

/// <summary>A temporary folder with a space, '@' and non-ASCII characters in its path; deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mc unit @ Grüße-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Writes a file under the folder and returns its absolute path.</summary>
    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
