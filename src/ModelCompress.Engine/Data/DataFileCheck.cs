using ModelCompress.Onnx.Files;

namespace ModelCompress.Engine.Data;

/// <summary>Refuses data paths that are not regular files before any reader opens them (a FIFO would hang it).</summary>
public static class DataFileCheck
{
    /// <summary>The most bytes one array (or a whole .npy/.csv file) may occupy: .NET arrays stop at 2 GiB.</summary>
    public const long MaxArrayBytes = int.MaxValue;

    /// <summary>Returns the real path of <paramref name="path"/>; MC4001 when missing, MC4100/MC4104 when unsafe.</summary>
    public static string Ensure(string path, long maxBytes = long.MaxValue)
    {
        var problem = SafeFile.Check(path, maxBytes, null, out var real);
        return problem switch
        {
            FileProblem.None => real,
            FileProblem.Missing => throw new CompressionException(DataDiagnostics.FileMissing(path)),
            FileProblem.TooLarge => throw new CompressionException(DataLimitDiagnostics.FileTooLarge(path, new FileInfo(real).Length, maxBytes)),
            _ => throw new CompressionException(DataLimitDiagnostics.NotRegularFile(SafeFile.Printable(path), SafeFile.Describe(problem, SafeFile.Printable(path), real, null, maxBytes))),
        };
    }
}
