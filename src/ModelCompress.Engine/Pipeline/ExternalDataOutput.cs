using ModelCompress.Engine.Caching;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// A model that keeps its weights in external data is written as <c>name.onnx</c> + <c>name.onnx.data</c>. The build
/// embeds model files as resources, and a resource cannot carry the side file (nor hold 2 GB): say so once per model.
/// </summary>
internal static class ExternalDataOutput
{
    public static Diagnostic? Warning(ModelConfig model, ModelArtifact output) => output.HasExternalData
        ? Diagnostic.Warning(
            "MC3180",
            $"Model '{model.Name}' keeps its weights in external data, so it is written as {model.Name}.onnx with {model.Name}.onnx.data " +
            $"({output.SizeBytes - new FileInfo(output.Path).Length} bytes) beside it in the output folder. The embedded resource holds " +
            "only the .onnx file: load the model from the output folder (InferenceSession(path)) and ship the .data file with it.",
            model.SourcePosition)
        : null;
}
