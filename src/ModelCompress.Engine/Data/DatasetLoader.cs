namespace ModelCompress.Engine.Data;

/// <summary>Reads a model's data and checks it against the model's inputs (MC4001–MC4049).</summary>
public static class DatasetLoader
{
    /// <summary>Loads and checks the data of <paramref name="source"/> for a model with <paramref name="signature"/>.</summary>
    /// <exception cref="Diagnostics.CompressionException">Every problem found, each an MC4xxx error naming the file and array.</exception>
    public static EvalDataset Load(DataSource source, ModelSignature signature) =>
        throw new NotSupportedException("Being written (wt/data2).");
}
