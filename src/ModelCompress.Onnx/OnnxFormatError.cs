namespace ModelCompress.Onnx;

/// <summary>The kinds of unreadable model, one per distinct thing a user must do about it.</summary>
public enum OnnxFormatError
{
    /// <summary>The model file does not exist.</summary>
    FileNotFound,

    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The protobuf stream ends in the middle of a message.</summary>
    Truncated,

    /// <summary>The bytes parse (or not) but are not an ONNX model: no graph, no IR version, no opset.</summary>
    NotOnnx,

    /// <summary>A tensor points at an external data file that does not exist.</summary>
    ExternalDataMissing,

    /// <summary>A tensor's external offset/length lies outside its data file, or its fields are malformed.</summary>
    ExternalDataInvalid,

    /// <summary>The model is too large for one protobuf message and external data was not allowed.</summary>
    TooLarge,
}
