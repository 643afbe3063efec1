using ModelCompress.Engine.Caching;

namespace ModelCompress.Engine.Pipeline;

/// <summary>Loads a model named in the config; an unreadable file becomes one MC30xx at the <c>source</c> key.</summary>
internal static class ModelLoading
{
    public static (OnnxModel Model, ModelArtifact Artifact) Load(ModelConfig model)
    {
        try
        {
            var loaded = OnnxModel.Load(model.SourcePath);
            RejectNonFinite(model, loaded);
            // The files as given, external data included: their hash keys the cache, their size is the baseline's.
            return (loaded, ModelArtifact.OfModelFile(model.SourcePath));
        }
        catch (OnnxFormatException e)
        {
            throw new CompressionException(Diagnostic.Error(ModelCodes.Of(e.Error), $"Model '{model.Name}': {e.Message}", model.SourcePosition));
        }
    }

    // NaN or infinite weights make every step's arithmetic (scales, norms, importance) meaningless or overflow.
    private static void RejectNonFinite(ModelConfig model, OnnxModel loaded)
    {
        if (Evaluation.NonFiniteWeights.Find(loaded) is { Count: > 0 } found)
        {
            throw new CompressionException(Diagnostic.Error("MC3307",
                $"Model '{model.Name}': weights hold NaN or infinity ({Evaluation.NonFiniteWeights.Describe(found)}); a model with NaN or infinite weights " +
                "cannot be compressed. Fix the training that produced it (or re-export a good checkpoint).", model.SourcePosition));
        }
    }

    /// <summary>
    /// The side files a model's tensors live in (external data), so the build reruns when only they change.
    /// Read from the file as stored; <see cref="OnnxModel.Load"/> has already checked that they exist.
    /// </summary>
    public static IReadOnlyList<string> ExternalFiles(string modelPath)
    {
        var folder = Path.GetDirectoryName(modelPath)!;
        var proto = ModelCompress.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        return proto.Graph.Initializer
            .SelectMany(t => t.ExternalData)
            .Where(e => e.Key == "location")
            .Select(e => Path.GetFullPath(Path.Combine(folder, e.Value)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
