using Microsoft.Build.Framework;

namespace ModelCompress.Build.Tests.Support;

/// <summary>
/// The engine task as the targets would set it up for a project in a <see cref="TempFolder"/>: digits_cnn.onnx beside
/// its compression.yaml, outputs and cache under obj/. Tests then set only what they are about (engine, lock, replay).
/// </summary>
internal static class DigitsEngineTask
{
    /// <summary>Copies digits_cnn.onnx into the folder (once) and returns a config with one budget, <paramref name="sizeBudget"/> (line 6).</summary>
    public static string Config(TempFolder folder, string sizeBudget)
    {
        var model = Path.Combine(folder.Path, "digits_cnn.onnx");
        if (!File.Exists(model))
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "digits", "digits_cnn.onnx"), model);
        }

        return "version: 1\nmodels:\n  digits:\n    source: digits_cnn.onnx\n    budgets:\n      " + sizeBudget + "\n";
    }

    /// <summary>The task reading <paramref name="configText"/> (written to compression.yaml), its engine not yet chosen.</summary>
    public static RunModelCompressEngine Create(TempFolder folder, IBuildEngine engine, string configText)
    {
        var output = Path.Combine(folder.Path, "obj", "modelcompress") + Path.DirectorySeparatorChar;
        return new RunModelCompressEngine
        {
            BuildEngine = engine,
            ConfigFile = folder.Write("compression.yaml", configText),
            OutputDirectory = output,
            CacheDirectory = Path.Combine(folder.Path, "obj", "cache") + Path.DirectorySeparatorChar,
            ManifestFile = Path.Combine(output, "manifest.json"),
            ProjectDirectory = folder.Path,
            StandardOutputImportance = "normal",
        };
    }
}
