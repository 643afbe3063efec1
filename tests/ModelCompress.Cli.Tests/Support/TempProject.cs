namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// A throw-away project folder (with a space in its path) holding a compression.yaml, the digits CNN and its data,
/// so each test can break one thing and run the real engine on it.
/// </summary>
internal sealed class TempProject : IDisposable
{
    public TempProject()
    {
        Root = Path.Combine(Path.GetTempPath(), "mc cli " + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "models"));
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        File.Copy(Fixture("digits_cnn.onnx"), Path.Combine(Root, "models", "digits_cnn.onnx"));
        File.Copy(Fixture("digits_mlp.onnx"), Path.Combine(Root, "models", "digits_mlp.onnx"));
        File.Copy(Fixture("digits.npz"), Path.Combine(Root, "data", "digits.npz"));
        File.Copy(Fixture("digits_test.csv"), Path.Combine(Root, "data", "digits_test.csv"));
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "compression.yaml");

    public string OutputDir => Path.Combine(Root, "obj", "modelcompress");

    public string CacheDir => Path.Combine(Root, "obj", "modelcompress-cache");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "digits", name);

    public void WriteConfig(string yaml) => File.WriteAllText(ConfigPath, yaml.ReplaceLineEndings("\n"));

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Files the run left in the output folder (nothing half-written may be among them).</summary>
    public IReadOnlyList<string> OutputFiles() =>
        Directory.Exists(OutputDir)
            ? Directory.EnumerateFiles(OutputDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(OutputDir, f)).Order().ToList()
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS eventually.
        }
    }
}
