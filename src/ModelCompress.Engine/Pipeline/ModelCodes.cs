using ModelCompress.Onnx;

namespace ModelCompress.Engine.Pipeline;

/// <summary>MC3001–MC3007: one code per kind of unreadable model file.</summary>
public static class ModelCodes
{
    public static string Of(OnnxFormatError error) => error switch
    {
        OnnxFormatError.FileNotFound => "MC3001",
        OnnxFormatError.Empty => "MC3002",
        OnnxFormatError.Truncated => "MC3003",
        OnnxFormatError.NotOnnx => "MC3004",
        OnnxFormatError.ExternalDataMissing => "MC3005",
        OnnxFormatError.ExternalDataInvalid => "MC3006",
        _ => "MC3007",
    };
}
