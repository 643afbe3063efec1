namespace ModelCompress.Engine.Caching;

/// <summary>
/// A model as it passes between steps: a file, with the external-data files its weights live in, and one content hash
/// over all of them. Passing files rather than serialized bytes is what lets a model exceed protobuf's 2 GB limit and
/// keeps one copy of the weights (mapped from the cache) instead of several in memory.
/// </summary>
/// <param name="Path">The <c>.onnx</c> file.</param>
/// <param name="DataFiles">Its external-data files, in a stable order; empty when all data is inline.</param>
/// <param name="Hash">The content hash: of the file alone when inline (the hash of its bytes), else of every file's hash in order.</param>
/// <param name="SizeBytes">Bytes of all the files together.</param>
public sealed record ModelArtifact(string Path, IReadOnlyList<string> DataFiles, string Hash, long SizeBytes)
{
    /// <summary>The model file's name in a cache entry or staging folder.</summary>
    public const string ModelFileName = "artifact.onnx";

    /// <summary>The external-data file's name beside <see cref="ModelFileName"/> (fixed, so the same model gives the same bytes).</summary>
    public const string DataFileName = ModelFileName + ".data";

    /// <summary>Whether the weights live in external data files.</summary>
    public bool HasExternalData => DataFiles.Count > 0;

    /// <summary>
    /// The files are the engine's own (a cache entry or staging folder: written once, replaced only by rename), so
    /// their external data may be mapped in place. A user's files are not: truncating a mapped file kills the process.
    /// </summary>
    public bool EngineOwned { get; init; }

    /// <summary>The artifact as ONNX Runtime opens it (from the file, so external data is found beside it).</summary>
    public ModelSource Source => ModelSource.FromFile(Path, SizeBytes, EngineOwned);

    /// <summary>Hashes and measures a model file and its data files (streamed: nothing is held in memory).</summary>
    public static ModelArtifact Of(string modelPath, IReadOnlyList<string> dataFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(dataFiles);
        var modelHash = ContentHash.OfFile(modelPath);
        var hash = dataFiles.Count == 0 ? modelHash : ContentHash.OfParts([modelHash, .. dataFiles.Select(ContentHash.OfFile)]);
        var size = new FileInfo(modelPath).Length + dataFiles.Sum(f => new FileInfo(f).Length);
        return new ModelArtifact(modelPath, dataFiles, hash, size);
    }

    /// <summary>A model file as the user gave it, with the external-data files it names (already checked by <see cref="OnnxModel.Load"/>).</summary>
    public static ModelArtifact OfModelFile(string modelPath) => Of(modelPath, Pipeline.ModelLoading.ExternalFiles(modelPath));

    /// <summary>The artifact a cache entry or staging folder holds.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no <see cref="ModelFileName"/>.</exception>
    public static ModelArtifact InFolder(string folder)
    {
        var data = System.IO.Path.Combine(folder, DataFileName);
        return Of(System.IO.Path.Combine(folder, ModelFileName), File.Exists(data) ? [data] : []) with { EngineOwned = true };
    }

    /// <summary>
    /// Writes <paramref name="model"/> into <paramref name="folder"/> as <see cref="ModelFileName"/>: with its tensors in
    /// <see cref="DataFileName"/> when <paramref name="externalData"/> asks for it or the model is over 2 GB, else inline.
    /// Tensor data is streamed from where it lies (mapped external data included), never gathered into one buffer.
    /// </summary>
    public static ModelArtifact Write(OnnxModel model, string folder, bool externalData)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        model.Save(System.IO.Path.Combine(folder, ModelFileName), externalData ? ExternalOptions(DataFileName) : OnnxSaveOptions.Default);
        return InFolder(folder);
    }

    /// <summary>The same files after their folder was renamed to <paramref name="folder"/> (same content, same hash).</summary>
    public ModelArtifact MovedTo(string folder) => this with
    {
        Path = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(Path)),
        DataFiles = DataFiles.Select(f => System.IO.Path.Combine(folder, System.IO.Path.GetFileName(f))).ToList(),
    };

    /// <summary>The model, with its external data mapped rather than read into memory (in place only when <see cref="EngineOwned"/>).</summary>
    public OnnxModel Load() => OnnxModel.Load(Path, EngineOwned ? OnnxLoadOptions.Owned : null);

    /// <summary>
    /// Writes the artifact to <paramref name="outputPath"/> for the app: the model file byte for byte when inline, else the
    /// model with its data in <c>&lt;output file name&gt;.data</c> beside it. Each file lands by an atomic rename; a data file a
    /// previous (external) output left there is removed when this one is inline.
    /// </summary>
    public void CopyTo(string outputPath)
    {
        var dataPath = OutputDataPath(outputPath);
        if (!HasExternalData)
        {
            IO.AtomicFile.Copy(Path, outputPath);
            File.Delete(dataPath);
            return;
        }

        Load().Save(outputPath, ExternalOptions(System.IO.Path.GetFileName(dataPath)));
    }

    /// <summary>The data files <see cref="CopyTo"/> writes beside <paramref name="outputPath"/>: none when the weights are inline.</summary>
    public IReadOnlyList<string> OutputDataFiles(string outputPath) => HasExternalData ? [OutputDataPath(outputPath)] : [];

    private static string OutputDataPath(string outputPath) => outputPath + ".data";

    private static OnnxSaveOptions ExternalOptions(string dataFileName) => new(UseExternalData: true, ExternalDataFileName: dataFileName);
}
