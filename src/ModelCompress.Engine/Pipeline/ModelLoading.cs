using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Onnx;

namespace ModelCompress.Engine.Pipeline;

/// <summary>Loads a model named in the config; an unreadable file becomes one MC30xx at the <c>source</c> key.</summary>
internal static class ModelLoading
{
    public static (OnnxModel Model, byte[] Bytes) Load(ModelConfig model)
    {
        try
        {
            var loaded = OnnxModel.Load(model.SourcePath);
            // Bytes of the file as given (external data resolved by Load): the cache key and the baseline size.
            return (loaded, loaded.ToBytes());
        }
        catch (OnnxFormatException e)
        {
            throw new CompressionException(Diagnostic.Error(ModelCodes.Of(e.Error), $"Model '{model.Name}': {e.Message}", model.SourcePosition));
        }
    }
}
