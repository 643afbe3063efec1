namespace ModelCompress.Engine.Data;

/// <summary>One data file seen as named arrays, whatever its format.</summary>
internal abstract class ArraySource : IDisposable
{
    protected ArraySource(string file) => File = file;

    /// <summary>The data file.</summary>
    public string File { get; }

    /// <summary>True for CSV: arrays come flat ([rows, columns]) and are reshaped to the model input.</summary>
    public virtual bool IsTabular => false;

    /// <summary>Opens <paramref name="path"/> as <paramref name="format"/> (npz, npy, csv).</summary>
    public static ArraySource Open(string path, string format) => format.ToLowerInvariant() switch
    {
        "npz" => new NpzSource(NpzReader.Open(path)),
        "npy" => new NpySource(path, NpyReader.ReadFile(path)),
        "csv" => new CsvSource(CsvReader.Open(path)),
        _ => throw new Diagnostics.CompressionException(DataDiagnostics.UnknownFormat(path, format)),
    };

    /// <summary>Reads the array (or CSV column selection) <paramref name="name"/>; MC4xxx when it cannot.</summary>
    public abstract NdArray Read(string name);

    /// <inheritdoc />
    public virtual void Dispose()
    {
    }

    private sealed class NpzSource(NpzReader reader) : ArraySource(reader.File)
    {
        public override NdArray Read(string name) => reader.Read(name);

        public override void Dispose() => reader.Dispose();
    }

    // A .npy file holds one array, named after the file.
    private sealed class NpySource(string path, NdArray array) : ArraySource(path)
    {
        private readonly string _name = Path.GetFileNameWithoutExtension(path);

        public override NdArray Read(string name) => name == _name
            ? array
            : throw new Diagnostics.CompressionException(DataDiagnostics.ArrayMissing(File, name, [_name]));
    }

    private sealed class CsvSource(CsvReader reader) : ArraySource(reader.File)
    {
        public override bool IsTabular => true;

        public override NdArray Read(string name) => reader.Read(name);
    }
}
