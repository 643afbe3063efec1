namespace ModelCompress.Onnx;

/// <summary>
/// A file that is not a usable ONNX model: missing, empty, truncated, not ONNX at all, or with external data that
/// cannot be read. The message names the file, says what is wrong and what to do; the engine maps it to MC30xx.
/// </summary>
public sealed class OnnxFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> (null when the model came from bytes).</summary>
    public OnnxFormatException(string? path, OnnxFormatError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Error = error;
    }

    /// <summary>The model file (or external data file) at fault, when there is one.</summary>
    public string? Path { get; }

    /// <summary>What kind of problem it is, so callers can choose a diagnostic code without parsing text.</summary>
    public OnnxFormatError Error { get; }
}
