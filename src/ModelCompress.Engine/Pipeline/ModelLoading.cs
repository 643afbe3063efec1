using ModelCompress.Engine.Caching;

namespace ModelCompress.Engine.Pipeline;

/// <summary>Loads a model named in the config; an unreadable file becomes one MC30xx at the <c>source</c> key.</summary>
internal static class ModelLoading
{
    /// <summary>
    /// Loads the user's model through a byte-for-byte copy of its files (model and external data) in a staging folder
    /// (<paramref name="copies"/>, held for the model's run), and returns the copy as the artifact: the user's files may be truncated or rewritten
    /// while the build runs, which would kill a process that mapped them (SIGBUS) and hand ONNX Runtime other bytes than
    /// the steps see. The copy is what is mapped, evaluated, hashed for the cache key and measured; it costs disk on the
    /// cache's volume (not heap, not a RAM-backed temporary folder), whatever the model's size. Disposing
    /// <paramref name="copies"/> removes it (on Unix its mapped files stay readable until unmapped).
    /// </summary>
    public static (OnnxModel Model, ModelArtifact Artifact) Load(ModelConfig model, HeldFolder copies)
    {
        try
        {
            var loaded = OnnxModel.Load(model.SourcePath, new OnnxLoadOptions(CopyFolder: copies.Path));
            RejectNonFinite(model, loaded);
            var copy = Path.Combine(copies.Path, Path.GetFileName(model.SourcePath));
            return (loaded, ModelArtifact.Of(copy, ExternalFiles(copy)) with { EngineOwned = true });
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
