namespace ModelCompress.Cli.Output;

/// <summary>
/// With MODELCOMPRESS_REPORT_NATIVE=1 the tool lists, on exit, the torch and ONNX Runtime native libraries this process mapped
/// (Linux, from /proc/self/maps). It is how a test proves a quantize-only run never loads libtorch.
/// </summary>
internal static class NativeLibraryReport
{
    public const string Variable = "MODELCOMPRESS_REPORT_NATIVE";

    public static void WriteIfAsked(TextWriter output)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1" || !File.Exists("/proc/self/maps"))
        {
            return;
        }

        var libraries = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => path.Contains("torch", StringComparison.OrdinalIgnoreCase) || path.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal) || name.EndsWith(".dylib", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var library in libraries)
        {
            output.WriteLine($"native: {library}");
        }
    }
}
