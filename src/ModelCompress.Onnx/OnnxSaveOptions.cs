namespace ModelCompress.Onnx;

/// <summary>How <see cref="OnnxModel.Save"/> writes a model.</summary>
/// <param name="UseExternalData">
/// Move tensors of at least <paramref name="ExternalDataThreshold"/> bytes to one side file. Done automatically,
/// whatever this says, when the model would exceed protobuf's 2 GB message limit.
/// </param>
/// <param name="ExternalDataThreshold">Smallest tensor (bytes of data) that goes to the side file.</param>
/// <param name="ExternalDataFileName">
/// Name of the side file, in the model's folder; default <c>&lt;model file name&gt;.data</c>.
/// </param>
public sealed record OnnxSaveOptions(
    bool UseExternalData = false,
    long ExternalDataThreshold = 1024,
    string? ExternalDataFileName = null)
{
    /// <summary>Everything inline (unless the model is too large for that).</summary>
    public static OnnxSaveOptions Default { get; } = new();

    /// <summary>Offsets in the side file are multiples of this, so the file can be memory-mapped per tensor.</summary>
    public const int ExternalDataAlignment = 4096;
}
