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

    /// <summary>An external data file whose real location (symlinks resolved) lies outside the model's folder.</summary>
    ExternalDataOutsideFolder,

    /// <summary>The model or external data path is a folder, FIFO, socket or device, not a regular file.</summary>
    NotRegularFile,

    /// <summary>The model or external data path is a symlink whose target does not exist.</summary>
    DanglingLink,

    /// <summary>The path holds a NUL or control character.</summary>
    BadPath,

    /// <summary>A tensor's dims are negative, overflow, or describe more than 2 GiB of data.</summary>
    TensorShapeInvalid,

    /// <summary>A tensor's data (raw_data or typed values) does not hold as many elements as its dims say.</summary>
    TensorDataMismatch,

    /// <summary>The protobuf nests messages deeper than the parser's recursion limit.</summary>
    TooDeep,

    /// <summary>The model or its external data could not be copied to a snapshot or copy folder (unreadable, folder not writable, disk full).</summary>
    CopyFailed,
}
