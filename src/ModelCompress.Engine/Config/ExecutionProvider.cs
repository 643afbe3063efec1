namespace ModelCompress.Engine.Config;

/// <summary>ONNX Runtime execution provider for evaluation.</summary>
public enum ExecutionProvider
{
    /// <summary>CUDA when available, else CPU.</summary>
    Auto,

    /// <summary>CPU only.</summary>
    Cpu,

    /// <summary>CUDA; an error when it is not available.</summary>
    Cuda,
}
