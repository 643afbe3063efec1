using ModelCompress.Engine.Caching;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// A model that keeps its weights in external data is written as <c>name.onnx</c> + <c>name.onnx.data</c>. A resource
/// cannot carry the side file (nor hold 2 GB), so the manifest lists the data file and the build copies both files to
/// the app's folder instead of embedding the model: say so once per model, since the app must open it by path.
/// </summary>
internal static class ExternalDataOutput
{
    public static Diagnostic? Notice(ModelConfig model, ModelArtifact output) => output.HasExternalData
        ? new Diagnostic(
            "MC3180",
            DiagnosticSeverity.Info,
            $"Model '{model.Name}' keeps its weights in external data, so it is written as {model.Name}.onnx with {model.Name}.onnx.data " +
            $"({output.SizeBytes - new FileInfo(output.Path).Length} bytes) beside it. ModelCompress.Build copies both files to the app's " +
            $"output and publish folders (models/{model.Name}.onnx; property ModelCompressModelsOutputFolder) instead of embedding them: " +
            $"open the model by path, e.g. new InferenceSession(CompressedModels.{Manifest.BuildManifest.AccessorNameOf(model.Name)}.FilePath); " +
            "its OpenStream() and ReadAllBytes() do not compile, because ONNX Runtime finds the data file only beside a model opened by path.",
            model.SourcePosition)
        : null;
}
