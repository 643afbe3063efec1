namespace ModelCompress.Engine.Pipeline;

/// <summary>MC3001–MC3007 and MC3300–MC3306, MC3315: one code per kind of unreadable model file.</summary>
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
        OnnxFormatError.ExternalDataOutsideFolder => "MC3300",
        OnnxFormatError.NotRegularFile => "MC3301",
        OnnxFormatError.DanglingLink => "MC3302",
        OnnxFormatError.BadPath => "MC3303",
        OnnxFormatError.TensorShapeInvalid => "MC3304",
        OnnxFormatError.TensorDataMismatch => "MC3305",
        OnnxFormatError.TooDeep => "MC3306",
        OnnxFormatError.CopyFailed => "MC3315",
        _ => "MC3007",
    };
}
